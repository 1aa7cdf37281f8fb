import type { Command } from 'commander';
import { exportMegatron } from '@anneal/tokenizer';

/** `anneal export megatron`: token shards → Megatron-LM indexed dataset (.bin + .idx). */
export function registerExportCommand(program: Command): void {
  const exporter = program.command('export').description('Export token shards or models to other trainers’ formats');
  exporter
    .command('megatron')
    .description('Write a Megatron-LM indexed dataset (MMIDIDX v1): <prefix>.bin + <prefix>.idx, one sequence per document, EOS kept')
    .requiredOption('--shards <dir>', 'token shard directory (from anneal tokenize)')
    .requiredOption('--out <prefix>', 'output path prefix (writes <prefix>.bin and <prefix>.idx)')
    .action(async (opts: { shards: string; out: string }) => {
      const r = await exportMegatron(opts.shards, opts.out);
      process.stdout.write(`exported ${r.documents} documents, ${r.tokens} tokens (${r.dtype}) → ${r.bin}, ${r.idx}\n`);
    });
}
