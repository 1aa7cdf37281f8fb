import { join } from 'node:path';
import type { Command } from 'commander';
import { domainName, writeFileAtomic } from '@anneal/core';
import {
  documentShardSource,
  loadTokenizerConfig,
  tokenizerTrainSettings,
  trainTokenizer,
  type SampleCandidate,
  type TokenizerConfig,
} from '@anneal/tokenizer';
import { configOptions, type ConfigOptionValues } from './config-options.js';
import { resolveDocumentInputs, type DocumentInputOptions } from './tokenizer-inputs.js';
import { olderTokenizerTrainOutput } from '@anneal/core';
import { openVerbOutput } from './verb-output.js';
import { verbCommand } from './verb-catalog.js';

/**
 * Trains a tokenizer from a config: the domain-balanced sample (proportions from the config, else
 * from the manifest, else natural), then BPE; writes `<output>/tokenizer.json` and
 * `<output>/train-stats.json`.
 */
export async function runTokenizerTraining(config: TokenizerConfig, log: (line: string) => void = () => {}) {
  const inputOptions: DocumentInputOptions = {
    textKey: config.input.text_key,
    idKey: config.input.id_key,
    format: config.input.format,
    domainKey: config.input.domain_key,
  };
  const resolved = await resolveDocumentInputs(config.input.manifest ? [config.input.manifest] : config.input.paths!, inputOptions);
  const proportions = config.sample.proportions ?? resolved.proportions;
  const settings = tokenizerTrainSettings(config, proportions);
  let badRecords = 0;
  async function* documents(): AsyncGenerator<SampleCandidate> {
    for (const spec of resolved.specs) {
      for await (const item of documentShardSource(spec).items()) {
        if (item.error !== undefined) {
          if (badRecords++ < 5) log(`skipped bad record: ${item.error}`);
          continue;
        }
        yield { id: item.id, text: item.text, domain: domainName(item.domain) };
      }
    }
  }
  // refused before the training, not after it
  const output = await openVerbOutput(config.output, {
    verb: 'tokenizer train',
    label: 'output',
    planned: ['tokenizer.json', 'train-stats.json'],
    inputs: { files: resolved.specs.map((s) => ({ path: s.path, displayPath: s.name })), patterns: config.input.paths ?? [] },
    recogniseOlder: olderTokenizerTrainOutput,
    command: `anneal tokenizer train (${config.name})`,
    log,
  });
  try {
    const trained = await trainTokenizer(documents(), settings, log);
    const tokenizerPath = join(config.output, 'tokenizer.json');
    const statsPath = join(config.output, 'train-stats.json');
    await writeFileAtomic(tokenizerPath, trained.json);
    await writeFileAtomic(statsPath, JSON.stringify({ ...trained.report, inputs: resolved.description, bad_records: badRecords }, null, 2) + '\n');
    return { ...trained, tokenizerPath, statsPath, badRecords };
  } finally {
    await output.release();
  }
}

/** `anneal tokenizer train`: byte-level BPE from a domain-balanced sample. */
export function registerTokenizerCommand(program: Command): void {
  const tokenizer = verbCommand(program, 'tokenizer');
  const train = tokenizer
    .command('train')
    .description('Draw a domain-balanced sample, train byte-level BPE, write <output>/tokenizer.json and train-stats.json');
  configOptions(train, 'tokenizer.yaml', 'training config (see pipelines/tokenizer.yaml)', '--set vocab_size=8192')
    .option('--quiet', 'no progress lines on stderr', false)
    .action(async (opts: ConfigOptionValues & { quiet: boolean }) => {
      const config = await loadTokenizerConfig(opts.config, opts.set);
      const run = await runTokenizerTraining(config, opts.quiet ? undefined : (line) => process.stderr.write(`anneal: ${line}\n`));
      const r = run.report;
      const rows = Object.entries(r.sample.domains).map(
        ([d, s]) =>
          `  ${d.padEnd(12)} ${String(s.documents).padStart(8)} docs ${(s.bytes / 1e6).toFixed(2).padStart(9)} MB` +
          (s.quota_bytes !== undefined ? ` of ${(s.quota_bytes / 1e6).toFixed(2)} MB quota` : '') +
          `  (${(s.seen_bytes / 1e6).toFixed(2)} MB seen)`,
      );
      process.stdout.write(
        `sample (${(r.sample.bytes / 1e6).toFixed(2)} MB, ${r.sample.documents} documents${run.badRecords ? `, ${run.badRecords} bad records skipped` : ''}):\n${rows.join('\n')}\n` +
          `trained vocab ${r.vocab_size} (${r.merges} merges, ${r.words} unique words) in ${(r.seconds.sample + r.seconds.word_counts + r.seconds.merges).toFixed(1)} s ` +
          `(sample ${r.seconds.sample.toFixed(1)} s, word counts ${r.seconds.word_counts.toFixed(1)} s, merges ${r.seconds.merges.toFixed(1)} s)\n` +
          `tokenizer: ${run.tokenizerPath}\nstats:     ${run.statsPath}\nsha256:    ${r.tokenizer_hash}\n`,
      );
    });
}
