import { formatRunSummary } from './run-summary.js';
import { outputLayout } from '@anneal/pipeline';
import { SlurmExecutorSchema } from '@anneal/pipeline';
import { submitPipelineToSlurm } from '@anneal/pipeline';

/** `anneal run … --executor slurm [--wait]`: submits, prints the job ids, and with --wait the run's summary. */
export async function runOnSlurm(configPath: string, opts: { set: string[]; force: boolean; wait: boolean; fromFlag: boolean }): Promise<void> {
  const log = (message: string) => process.stderr.write(`anneal: ${message}\n`);
  const result = await submitPipelineToSlurm({
    configPath,
    overrides: opts.set,
    force: opts.force,
    wait: opts.wait,
    ...(opts.fromFlag ? { executor: SlurmExecutorSchema.parse({ type: 'slurm' }) } : {}),
    log,
  });
  const jobs = result.submitted.map((s) => s.job);
  if (jobs.length > 0) process.stdout.write(`submitted ${jobs.length} Slurm job(s): ${jobs.join(' ')}\n`);
  if (!opts.wait && jobs.length > 0) {
    process.stdout.write(
      `follow them with: squeue -j ${jobs.join(',')}  (or run again with --wait); stats.json is written when the last task finishes and a run (or --wait) merges it\n`,
    );
    return;
  }
  if (result.failed.length > 0) {
    const lines = result.failed.map((f) => `  ${f.label}, rank ${f.unit}: ${f.state}; log: ${f.log}`);
    for (const s of result.notRun) lines.push(`  stage ${s.index} (${s.label}): not run, a stage before it failed`);
    process.stderr.write(`anneal: ${result.failed.length} Slurm task(s) did not complete:\n${lines.join('\n')}\n`);
    throw new Error(
      `${result.failed.length} Slurm task(s) failed (ranks ${result.failed.map((f) => f.unit).join(', ')}); run the same command again to submit only what is missing`,
    );
  }
  process.stdout.write(formatRunSummary(result.outcome, await outputLayout(result.outcome.pipeline).listErrorFiles()));
}
