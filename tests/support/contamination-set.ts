import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { SeededRng } from '@anneal/core';
import { matchWords } from '@anneal/filters';

/**
 * A labeled decontamination set built from real text (../shared/datasets/real/): real documents
 * (WikiText articles, Shakespeare passages, CPython modules) with benchmark items planted in them
 * verbatim, reformatted, in part (question / prompt only), or near-missed (GSM8K train items:
 * different problems of the same style), and the documents left clean.
 */
export type PlantKind = 'verbatim' | 'reformatted' | 'partial' | 'near_miss' | 'clean';

export interface LabeledDocument {
  id: string;
  text: string;
  kind: PlantKind;
  /** The benchmark item planted (as the index names it), for verbatim / reformatted / partial. */
  item?: string;
  /**
   * The planted item and any other whose text is word for word the same once punctuation goes
   * (HumanEval/56 and /61 differ only in "<>" against "()"): finding either is right.
   */
  sameAs?: string[];
  /** The exact planted passage, to check what remove_spans leaves. */
  planted?: string;
}

export interface BenchmarkFiles {
  gsm8kTest: string;
  gsm8kTrain: string;
  humaneval: string;
}

export function benchmarkFiles(real: string): BenchmarkFiles {
  return { gsm8kTest: join(real, 'gsm8k-test.jsonl'), gsm8kTrain: join(real, 'gsm8k-train.jsonl'), humaneval: join(real, 'humaneval.jsonl.gz') };
}

interface Gsm8k {
  question: string;
  answer: string;
}
interface HumanEval {
  task_id: string;
  prompt: string;
  canonical_solution: string;
}

function jsonLines<T>(text: string): T[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
}

/** Host documents: real text with no benchmark in it. */
function hosts(real: string): { prose: string[]; code: string[] } {
  const prose: string[] = [];
  // WikiText articles start at " = Title = " lines (one "=" each side)
  for (const article of readFileSync(join(real, 'wikitext2-valid.txt'), 'utf8').split(/\n (?= = [^=])/)) {
    if (article.split(/\s+/).length > 150) prose.push(article.trim());
  }
  const play = readFileSync(join(real, 'tinyshakespeare.txt'), 'utf8').split('\n\n');
  for (let i = 0; i + 12 <= play.length; i += 12) prose.push(play.slice(i, i + 12).join('\n\n'));
  const code = jsonLines<{ text: string }>(readFileSync(join(real, 'python-stdlib-code.jsonl'), 'utf8')).map((r) => r.text);
  return { prose, code };
}

/** Puts `passage` between two paragraphs (or lines, for code) of `host`. */
function plant(host: string, passage: string, rng: SeededRng): string {
  const sep = host.includes('\n\n') ? '\n\n' : '\n';
  const parts = host.split(sep);
  const at = rng.int(0, parts.length);
  return [...parts.slice(0, at), passage, ...parts.slice(at)].join(sep);
}

/** Reformattings a web page or a chat dump applies to a copied problem; each document gets two to four. */
const REFORMATS: ((text: string, rng: SeededRng) => string)[] = [
  (t) => t.toUpperCase(),
  (t) => t.toLowerCase(),
  (t) => t.replace(/\b\w/g, (c) => c.toUpperCase()),
  (t, rng) => t.replace(/ /g, () => rng.pick([' ', '  ', '\t', ' \n'])),
  (t) => t.replace(/\s+/g, ' '),
  (t) => t.replace(/(.{50,70}?) /g, '$1\n'),
  (t) => t.replace(/[,.?!;:]/g, ''),
  (t) => t.replace(/([,.?!])/g, ' $1 '),
  (t) => t.replace(/\b(\d+(?:\.\d+)?)\b/g, '$$$1$$'),
  (t) => t.replace(/\b(\d+)\b/g, '\\($1\\)'),
  (t) => t.replace(/<<[^>]*>>/g, ''),
  (t) => t.replace(/"/g, '“').replace(/'/g, '’'),
  (t) => t.replace(/^ {4}/gm, '\t'),
  // a web page that kept its markup: paragraphs, line breaks, bold numbers, entities
  // (numbers bolded outside GSM8K's <<…>> calculator notes, which a page shows as they are or not at all)
  (t) =>
    `<p>${t
      .replace(/\n/g, '<br/>\n')
      .split(/(<<[^<>]*>>)/)
      .map((part, i) => (i % 2 === 1 ? part : part.replace(/\b(\d+)\b/g, '<b>$1</b>')))
      .join('')
      .replace(/ /g, (c, i: number) => (i % 7 === 0 ? '&nbsp;' : c))}</p>`,
  // LaTeX-ish arithmetic: \times and \div for * and /
  (t) => t.replace(/(\d) ?\* ?(\d)/g, '$1 \\times $2').replace(/(\d) ?\/ ?(\d)/g, '$1 \\div $2'),
];

function reformat(text: string, rng: SeededRng): string {
  const picks = rng
    .shuffle([...REFORMATS.keys()])
    .slice(0, rng.int(2, 5))
    .sort((a, b) => a - b);
  return picks.reduce((t, i) => REFORMATS[i]!(t, rng), text);
}

export function buildContaminationSet(real: string, seed = 14): LabeledDocument[] {
  const files = benchmarkFiles(real);
  const test = jsonLines<Gsm8k>(readFileSync(files.gsm8kTest, 'utf8'));
  const train = jsonLines<Gsm8k>(readFileSync(files.gsm8kTrain, 'utf8'));
  const humaneval = jsonLines<HumanEval>(gunzipSync(readFileSync(files.humaneval)).toString('utf8'));
  const { prose, code } = hosts(real);
  const rng = new SeededRng(seed, 'contamination-set');
  const docs: LabeledDocument[] = [];
  const byWords = new Map<string, string[]>();
  const wordsOf = new Map<string, string>();
  const note = (id: string, text: string) => {
    const key = matchWords(text).join(' ');
    wordsOf.set(id, key);
    byWords.set(key, [...(byWords.get(key) ?? []), id]);
  };
  test.forEach((p, i) => note(`${files.gsm8kTest}#${i + 1}`, `${p.question}\n${p.answer}`));
  for (const p of humaneval) note(p.task_id, p.prompt + p.canonical_solution);
  const add = (kind: PlantKind, host: string, passage: string | undefined, item?: string) => {
    const text = passage === undefined ? host : plant(host, passage, rng);
    const sameAs = item ? byWords.get(wordsOf.get(item)!)! : undefined;
    docs.push({ id: `${kind}-${docs.length}`, text, kind, ...(item ? { item, sameAs } : {}), ...(passage ? { planted: passage } : {}) });
  };

  test.forEach((p, i) => {
    // the index names GSM8K items by file and 1-based line: the file has no id field
    const item = `${files.gsm8kTest}#${i + 1}`;
    const whole = `${p.question}\n${p.answer}`;
    add('verbatim', rng.pick(prose), whole, item);
    add('reformatted', rng.pick(prose), reformat(whole, rng), item);
    add('partial', rng.pick(prose), p.question, item);
  });
  for (const p of humaneval) {
    add('verbatim', rng.pick(code), p.prompt + p.canonical_solution, p.task_id);
    add('reformatted', rng.pick(code), reformat(p.prompt + p.canonical_solution, rng), p.task_id);
    add('partial', rng.pick(code), p.prompt, p.task_id);
  }
  for (const p of rng.shuffle([...train]).slice(0, 2000)) add('near_miss', rng.pick(prose), `${p.question}\n${p.answer}`);
  for (const host of [...prose, ...code]) add('clean', host, undefined);
  return docs;
}
