import { InvalidArgumentError, type Command } from 'commander';
import { writeFileAtomic } from '@anneal/core';
import { INPUT_FORMATS, type InputFormat } from '@anneal/io';
import { readStageShares } from '@anneal/mixture';
import { computeCorpusStats, DEFAULT_BYTES_PER_TOKEN, formatCorpusStatsTable, type CorpusStats } from '@anneal/stats';
import { writeCorpusReport } from '@anneal/report';
import { tokenCounterFor } from './corpus-token-counter.js';
import { readProgress } from './shard-read-progress.js';
import { positiveNumber } from './number-option.js';
import { verbCommand } from './verb-catalog.js';

export interface StatsOptions {
  /** Metadata key to group by (default "domain"). */
  by?: string;
  /** A Hugging Face tokenizer.json for exact token counts. */
  tokenizer?: string;
  /** For the estimate when no tokenizer is given. */
  bytesPerToken?: number;
  samples?: number;
  textKey?: string;
  idKey?: string;
  format?: InputFormat;
  /** An `anneal mix` output directory: its per-stage shares are added to the statistics. */
  mixture?: string;
  /** Read a pipeline output's original inputs for shares before curation (default true). */
  beforeCuration?: boolean;
  progress?: boolean;
}

/**
 * Computes the statistics `anneal stats` prints, as one object (`CorpusStats` from @anneal/mixture):
 * the JSON output and the HTML report are both renderings of it.
 */
export async function computeStats(inputs: string[], options: StatsOptions = {}): Promise<CorpusStats> {
  const counter = await tokenCounterFor(options);
  const progress = readProgress(options.progress ?? false);
  try {
    const stats = await computeCorpusStats(inputs, {
      groupBy: options.by ?? 'domain',
      tokenCounter: counter,
      samplesPerDomain: options.samples ?? 3,
      ...(options.textKey ? { textKey: options.textKey } : {}),
      ...(options.idKey ? { idKey: options.idKey } : {}),
      ...(options.format ? { format: options.format } : {}),
      beforeCuration: options.beforeCuration ?? true,
      onProgress: (p) => progress.update(p),
      onNote: (m) => process.stderr.write(`anneal: note: ${m}\n`),
    });
    if (options.mixture !== undefined) stats.stages = await readStageShares(options.mixture);
    return stats;
  } finally {
    progress.stop();
  }
}

function format(value: string): InputFormat {
  if (!(INPUT_FORMATS as readonly string[]).includes(value)) throw new InvalidArgumentError(`--format must be one of ${INPUT_FORMATS.join(', ')}`);
  return value as InputFormat;
}

export function registerStatsCommand(program: Command): Command {
  return verbCommand(program, 'stats')
    .argument('<inputs...>', 'shard files, globs, or a pipeline output directory (its top-level shards, stats.json and config.yaml)')
    .option('--by <key>', 'metadata key to group by', 'domain')
    .option('--json <out.json>', 'also write the statistics as JSON')
    .option('--html <report.html>', 'also write a self-contained HTML report with charts (opens offline in any browser)')
    .option('--tokenizer <tokenizer.json>', 'count tokens exactly with this tokenizer (otherwise estimated, and labelled so)')
    .option('--bytes-per-token <n>', 'UTF-8 bytes per token for the estimate', positiveNumber('--bytes-per-token'), DEFAULT_BYTES_PER_TOKEN)
    .option('--samples <n>', 'sample documents kept per domain', (v) => Math.max(0, Math.floor(Number(v)) || 0), 3)
    .option('--text-key <key>', 'input field holding the text', 'text')
    .option('--id-key <key>', 'input field holding the id', 'id')
    .option('--format <format>', `input format when the file name does not say (${INPUT_FORMATS.join(', ')})`, format)
    .option('--mixture <dir>', 'an anneal mix output directory: add its per-stage domain shares')
    .option('--no-before', "do not read a run's original inputs for the shares before curation")
    .option('--no-progress', 'no progress bar or progress lines on stderr')
    .action(
      async (
        inputs: string[],
        opts: {
          by: string;
          json?: string;
          html?: string;
          tokenizer?: string;
          bytesPerToken: number;
          samples: number;
          textKey: string;
          idKey: string;
          format?: InputFormat;
          mixture?: string;
          before: boolean;
          progress: boolean;
        },
      ) => {
        const stats = await computeStats(inputs, {
          by: opts.by,
          bytesPerToken: opts.bytesPerToken,
          samples: opts.samples,
          textKey: opts.textKey,
          idKey: opts.idKey,
          beforeCuration: opts.before,
          progress: opts.progress,
          ...(opts.tokenizer !== undefined ? { tokenizer: opts.tokenizer } : {}),
          ...(opts.format ? { format: opts.format } : {}),
          ...(opts.mixture !== undefined ? { mixture: opts.mixture } : {}),
        });
        if (opts.json) {
          await writeFileAtomic(opts.json, JSON.stringify(stats, null, 2) + '\n');
        }
        if (opts.html) {
          await writeCorpusReport(opts.html, stats);
          process.stderr.write(`anneal: wrote the HTML report to ${opts.html}\n`);
        }
        process.stdout.write(formatCorpusStatsTable(stats));
      },
    );
}
