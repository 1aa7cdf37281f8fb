import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { INPUT_FORMATS, type InputFormat } from '@anneal/io';
import { rankName, removeRecordedNames } from '@anneal/core';
import { SHARD_RESULTS_DIR, tokenizeShards, tokenizeShardsForRank } from '@anneal/tokenizer';
import { TOKEN_SHARD_EXTENSION } from '@anneal/token-shards';
import { resolveDocumentInputs } from './tokenizer-inputs.js';
import { olderTokenizeOutput } from '@anneal/core';
import { openVerbOutput } from './verb-output.js';
import { tokenizeOnSlurm, tokenizePlannedEntries, type TokenizeCliOptions } from './tokenize-on-slurm.js';
import { nonNegativeInteger } from './number-option.js';
import { verbCommand } from './verb-catalog.js';

const TOKEN_SHARD_NAME = /^\d{5}\.arrow$/;

/**
 * Input bytes per encoding thread when --workers is not given. A thread costs about 0.35 s to start
 * (loading the readers, building the encoder) and warms its own pre-token cache, about what it takes
 * to encode 7 MB; below ~16 MB per thread another thread does not pay for itself (bench/tokenizer).
 */
const AUTO_BYTES_PER_THREAD = 16e6;

/** `anneal tokenize`: documents → packed Arrow token shards + index.json + stats.json. */
export function registerTokenizeCommand(program: Command): void {
  verbCommand(program, 'tokenize')
    .requiredOption(
      '--tokenizer <tokenizer.json>',
      "a BPE tokenizer.json: from anneal tokenizer train, or a Hugging Face model's (Llama 2/3, Mistral, Qwen, Gemma, GPT-2; docs/hf-tokenizers.md)",
    )
    .requiredOption('--input <paths...>', 'document shards, globs, pipeline output directories, or one mixture stage manifest (.json)')
    .requiredOption('--out <dir>', 'output directory for the token shards')
    .option(
      '--workers <n>',
      `encoding threads: each reads, encodes and writes whole shards when there are at least 4 shards per thread, else they share batches (0 or 1: all on the main thread); default: one per ${AUTO_BYTES_PER_THREAD / 1e6} MB of input files, at most one per core`,
      nonNegativeInteger('--workers'),
    )
    .option('--batch-rows <n>', 'documents per encoding batch and Arrow record batch', nonNegativeInteger('--batch-rows'), 256)
    .option(
      '--no-tokenizer-cache',
      'load the tokenizer.json without the compiled-tokenizer cache ($ANNEAL_CACHE_DIR/tokenizers, else ~/.cache/anneal/tokenizers; docs/tokenizer.md)',
    )
    .option('--text-key <key>', 'field holding the text', 'text')
    .option('--id-key <key>', 'field holding the id', 'id')
    .option('--domain-key <key>', 'metadata field holding the domain', 'domain')
    .option('--format <format>', `input format (${INPUT_FORMATS.join(', ')}); default: from each file name`)
    .option(
      '--eos <token>',
      'the EOS token appended to every document (default: what the post-processor appends, else <|end_of_text|>, <|endoftext|>, </s> or <eos>, else the first special token)',
    )
    .option(
      '--bos <token>',
      'the BOS token put before every document, or "none" (default: what the tokenizer\'s post-processor puts there, e.g. <s> for Llama 2)',
    )
    .option(
      '--rank <R>',
      'encode only input shards R, R + W, … (a Slurm array task); the rank that finds every shard done writes index.json',
      nonNegativeInteger('--rank'),
    )
    .option(
      '--world-size <W>',
      'with --rank or --executor slurm: the number of tasks (default with --executor slurm: one per input shard)',
      nonNegativeInteger('--world-size'),
    )
    .addOption(new Option('--executor <type>', 'slurm: submit the ranks as one Slurm array job (docs/slurm.md)').choices(['local', 'slurm']))
    .option('--slurm <yaml>', 'with --executor slurm: the executor block as YAML, e.g. "{partition: cpu, mem: 4G, max_parallel: 64}"')
    .option('--wait', 'with --executor slurm: follow the job, then print the summary (exit 1 naming failed ranks)', false)
    .action(async (opts: TokenizeCliOptions) => {
      if (opts.format !== undefined && !(INPUT_FORMATS as readonly string[]).includes(opts.format))
        throw new Error(`--format ${opts.format}: expected one of ${INPUT_FORMATS.join(', ')}`);
      if (opts.batchRows < 1) throw new Error('--batch-rows must be at least 1');
      const tokenizerJson = await readFile(opts.tokenizer).catch((err: NodeJS.ErrnoException) => {
        throw new Error(`--tokenizer ${opts.tokenizer}: ${err.code ?? err.message}`);
      });
      const resolved = await resolveDocumentInputs(opts.input, {
        textKey: opts.textKey,
        idKey: opts.idKey,
        domainKey: opts.domainKey,
        format: opts.format as InputFormat | undefined,
      });
      const workers = opts.workers ?? Math.max(1, Math.min(availableParallelism(), Math.floor(resolved.bytes / AUTO_BYTES_PER_THREAD)));
      const shards = resolved.specs.map((_, i) => `${rankName(i)}${TOKEN_SHARD_EXTENSION}`);
      if (opts.executor === 'slurm' && opts.rank === undefined) {
        await tokenizeOnSlurm(opts, resolved.specs.length, shards);
        return;
      }
      if (opts.rank !== undefined && opts.worldSize === undefined) throw new Error('--rank needs --world-size');
      const split = opts.rank !== undefined ? { rank: opts.rank, worldSize: opts.worldSize! } : undefined;
      const output = await openVerbOutput(opts.out, {
        verb: 'tokenize',
        label: '--out',
        planned: tokenizePlannedEntries(shards, split !== undefined),
        ...(split ? { sharedLock: { run: `${split.worldSize}` } } : {}),
        inputs: { files: resolved.specs.map((s) => ({ path: s.path, displayPath: s.name })), patterns: opts.input },
        recogniseOlder: olderTokenizeOutput,
        command: `anneal tokenize --out ${opts.out}`,
        log: (m) => process.stderr.write(`anneal: ${m}\n`),
      });
      const encodeOptions = {
        tokenizerJson,
        tokenizerSource: opts.tokenizer,
        ...(opts.tokenizerCache === false ? { tokenizerCache: false as const } : {}),
        out: opts.out,
        batchRows: opts.batchRows,
        ...(opts.eos !== undefined ? { eosToken: opts.eos } : {}),
        ...(opts.bos !== undefined ? { bosToken: opts.bos === 'none' ? null : opts.bos } : {}),
      };
      let result;
      try {
        if (split) {
          const outcome = await tokenizeShardsForRank(resolved.specs, encodeOptions, split.rank, split.worldSize);
          process.stderr.write(
            `anneal: rank ${split.rank} of ${split.worldSize}: encoded ${outcome.encoded.length} shard(s), ${outcome.skipped.length} done before\n`,
          );
          if (!outcome.complete) {
            process.stdout.write(`rank ${split.rank}: done; index.json is written by the rank that finishes the last shard\n`);
            return;
          }
          result = outcome.complete;
        } else {
          result = await tokenizeShards(resolved.specs, { ...encodeOptions, workers });
          // a split run's per-shard results are stale once a whole run wrote the shards again
          if (output.marker.entries.includes(`${SHARD_RESULTS_DIR}/`)) await rm(join(opts.out, SHARD_RESULTS_DIR), { recursive: true, force: true });
        }
        // Shards an earlier run with more inputs wrote are stale now that the index no longer lists
        // them; only those the marker records go, so a file of someone else's named like a shard stays.
        const current = new Set(shards);
        await removeRecordedNames(
          opts.out,
          output.marker.entries.filter((e) => TOKEN_SHARD_NAME.test(e) && !current.has(e)),
        );
      } finally {
        await output.release();
      }
      const { index, stats } = result;
      const rows = Object.entries(stats.domains).map(
        ([d, s]) =>
          `${d.padEnd(12)} ${String(s.rows).padStart(9)} ${String(s.tokens).padStart(12)} ${(s.text_bytes / 1e6).toFixed(2).padStart(10)} ${s.bytes_per_token.toFixed(3).padStart(11)}`,
      );
      process.stdout.write(
        `tokenized ${resolved.description} → ${opts.out}: ${index.shards.length} shard(s), ${index.dtype}, vocab ${index.vocab_size}, EOS ${index.eos_id}\n` +
          `${'domain'.padEnd(12)} ${'documents'.padStart(9)} ${'tokens'.padStart(12)} ${'MB text'.padStart(10)} ${'bytes/token'.padStart(11)}\n${rows.join('\n')}\n` +
          `${stats.documents_out} documents, ${stats.tokens} tokens, ${stats.bytes_per_token.toFixed(3)} bytes/token, ${stats.errors} bad record(s)` +
          `${stats.errors ? ` (see ${opts.out}/errors.jsonl)` : ''}; ${stats.seconds.toFixed(1)} s, ${stats.mb_per_second.toFixed(2)} MB/s\n`,
      );
    });
}
