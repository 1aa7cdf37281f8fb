import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './harness.js';

/** The real text data set beside the repository (../shared/datasets/real), which the interop tests read. */
export const realDataDir = join(repoRoot, '..', 'shared', 'datasets', 'real');
/** Why a test of the real data set skips, or false when it is there. */
export const noRealData = existsSync(realDataDir) ? false : `real text not found at ${realDataDir}; skipped (see ../shared/datasets/real/README.md)`;

const FILES = [
  'gsm8k-test.jsonl',
  'gsm8k-train.jsonl',
  'python-stdlib-code.jsonl',
  'tinyshakespeare.txt',
  'wikitext2-test.txt',
  'wikitext2-valid.txt',
];

/**
 * Every file of the real data set as texts: JSONL files one text per line (GSM8K question + answer),
 * plain text files in chunks of about `chunkChars` characters cut at line ends (the chunks
 * concatenate to the file).
 */
export function realDataTexts(chunkChars: number): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const file of FILES) {
    const content = readFileSync(join(realDataDir, file), 'utf8');
    if (file.endsWith('.jsonl')) {
      for (const line of content.split('\n')) {
        if (!line.trim()) continue;
        const o = JSON.parse(line) as { text?: string; question?: string; answer?: string };
        out.push({ file, text: o.text ?? `${o.question}\n${o.answer}` });
      }
    } else {
      for (let start = 0; start < content.length; ) {
        const nl = content.indexOf('\n', Math.min(content.length, start + chunkChars));
        const end = nl < 0 ? content.length : nl + 1;
        out.push({ file, text: content.slice(start, end) });
        start = end;
      }
    }
  }
  return out;
}
