import type { Command } from 'commander';
import { readReportSource, writeReportFromSource } from '@anneal/report';
import { verbCommand } from './verb-catalog.js';

/**
 * `anneal report <file.json>`: renders a saved `anneal stats --json` file (the full report, without
 * reading the shards again) or a pipeline's stats.json (drop reasons per step) as the same
 * self-contained HTML page `anneal stats --html` writes.
 */
export function registerReportCommand(program: Command): Command {
  return verbCommand(program, 'report')
    .argument('<stats.json>', 'a file written by `anneal stats --json`, or <output>/stats.json of a pipeline run')
    .option('-o, --out <report.html>', 'where to write the page', 'report.html')
    .action(async (file: string, opts: { out: string }) => {
      const source = await readReportSource(file);
      await writeReportFromSource(opts.out, source);
      const what = source.kind === 'corpus' ? `${source.stats.domains.length} domains` : `${source.run.steps.length} pipeline steps`;
      process.stderr.write(`anneal: wrote the HTML report (${what}) to ${opts.out}\n`);
    });
}
