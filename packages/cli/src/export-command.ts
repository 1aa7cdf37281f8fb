import type { Command } from 'commander';
import { basename, dirname } from 'node:path';
import { exportMegatron, readTokenShardIndex } from '@anneal/token-shards';
import { olderMegatronOutput } from '@anneal/core';
import { openVerbOutput } from './verb-output.js';
import { verbCommand } from './verb-catalog.js';

/** `anneal export megatron`: token shards → Megatron-LM indexed dataset (.bin + .idx). */
export function registerExportCommand(program: Command): void {
  const exporter = verbCommand(program, 'export');
  exporter
    .command('megatron')
    .description('Write a Megatron-LM indexed dataset (MMIDIDX v1): <prefix>.bin + <prefix>.idx, one sequence per document, EOS kept')
    .requiredOption('--shards <dir>', 'token shard directory (from anneal tokenize)')
    .requiredOption('--out <prefix>', 'output path prefix (writes <prefix>.bin and <prefix>.idx)')
    .action(async (opts: { shards: string; out: string }) => {
      // a missing or unreadable shard index is the first thing to say, before judging the output folder
      await readTokenShardIndex(opts.shards);
      // the prefix's folder is the output: several datasets (train, valid) may share it
      const output = await openVerbOutput(dirname(opts.out), {
        verb: 'export megatron',
        label: 'the folder of --out',
        planned: [`${basename(opts.out)}.bin`, `${basename(opts.out)}.idx`],
        inputs: { folders: [opts.shards] },
        recogniseOlder: olderMegatronOutput,
        command: `anneal export megatron --out ${opts.out}`,
        log: (m) => process.stderr.write(`anneal: ${m}\n`),
      });
      let r;
      try {
        r = await exportMegatron(opts.shards, opts.out);
      } finally {
        await output.release();
      }
      process.stdout.write(`exported ${r.documents} documents, ${r.tokens} tokens (${r.dtype}) → ${r.bin}, ${r.idx}\n`);
    });
}
