import type { Command } from 'commander';
import { verbCommand } from './verb-catalog.js';

/** `anneal doctor`: which training backends this machine has, and why not where one is missing. */
export function registerDoctorCommand(program: Command): void {
  verbCommand(program, 'doctor')
    .option('--threads <n>', 'thread count to report for the native backend (default: cores)')
    .option('--json', 'print the report as JSON', false)
    .action(async (opts: { threads?: string; json: boolean }) => {
      const { reportBackends } = await import('@anneal/trainer');
      const report = await reportBackends({ threads: opts.threads ? Number(opts.threads) : undefined });
      if (opts.json) {
        process.stdout.write(JSON.stringify(report, null, 2) + '\n');
        return;
      }
      const width = Math.max(...report.backends.map((b) => b.backend.length));
      for (const b of report.backends) {
        const status = b.available ? 'available' : 'missing  ';
        process.stdout.write(`${b.backend.padEnd(width)}  ${status}  ${b.package}\n`);
        if (b.available) process.stdout.write(`${' '.repeat(width + 2)}  ${b.detail}\n`);
        else process.stdout.write(`${' '.repeat(width + 2)}  why: ${b.reason}\n${' '.repeat(width + 2)}  fix: ${b.fix}\n`);
      }
      process.stdout.write(`--backend auto uses: ${report.auto}\n`);
    });
}
