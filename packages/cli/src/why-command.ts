import type { Command } from 'commander';
import { findDropped, findError, findKept, readRunConfig } from './run-lookup.js';
import { verbCommand } from './verb-catalog.js';

/**
 * `anneal why <id> --run <output>`: which rule dropped a document and with what value (from
 * `<output>/dropped/`, written with `keep_dropped: true`), or that it was kept, or which error it met.
 */
export async function explainDocument(id: string, runDir: string): Promise<{ found: boolean; text: string }> {
  const config = await readRunConfig(runDir);
  const dropped = await findDropped(runDir, id);
  if (dropped) {
    const d = dropped.record.dropped;
    const lines = [
      `${id}: dropped by step ${d.step_index + 1} of ${config.steps.length}, ${d.step}`,
      `  rule: ${d.reason}${d.detail ? `: ${d.detail}` : ''}`,
      ...(typeof dropped.record.source_location === 'string' ? [`  from: ${dropped.record.source_location}`] : []),
      `  record: ${dropped.file}, line ${dropped.line}`,
    ];
    return { found: true, text: lines.join('\n') + '\n' };
  }
  const error = await findError(runDir, id);
  if (error) return { found: true, text: `${id}: not kept: a record error: ${String(error.message ?? error.reason)}\n` };
  const kept = await findKept(runDir, id);
  if (kept) {
    const from = typeof kept.doc.metadata.source_location === 'string' ? ` (from ${kept.doc.metadata.source_location})` : '';
    return {
      found: true,
      text: `${id}: not dropped: kept in ${kept.file}, document ${kept.position}${from}; \`anneal trace ${id} --run ${runDir}\` shows its steps\n`,
    };
  }
  const hint = config.keepDropped ? '' : ' (this run did not keep its dropped documents: set keep_dropped: true and run it again to ask why)';
  return { found: false, text: `${id}: not in ${runDir}: neither kept, nor among its dropped documents, nor among its errors${hint}\n` };
}

export function registerWhyCommand(program: Command): void {
  verbCommand(program, 'why')
    .argument('<id>', 'the document id')
    .requiredOption('--run <output>', 'the run output folder (output.path)')
    .action(async (id: string, opts: { run: string }) => {
      const { found, text } = await explainDocument(id, opts.run);
      process.stdout.write(text);
      if (!found) process.exitCode = 1;
    });
}
