import * as z from 'zod';

/**
 * `executor:` in a pipeline YAML: where the run's tasks execute. `local` (the default) runs them on
 * this machine's worker threads; `slurm` submits each stage as one Slurm array job (datatrove's
 * SlurmPipelineExecutor does the same), every task running `anneal run … --stage S --rank R` on a
 * compute node that sees the same files (shared storage).
 */
export const SlurmExecutorSchema = z
  .object({
    type: z.literal('slurm'),
    partition: z.string().min(1).optional(),
    /** Per task, as sbatch's --time takes it: "30", "2:00:00", "1-00:00:00". */
    time: z.string().min(1).optional(),
    cpus_per_task: z.number().int().positive().default(1),
    /** Per task, as sbatch's --mem takes it: "4G", "16000M". */
    mem: z.string().min(1).optional(),
    /** At most this many tasks of a stage at once (`--array=…%N`). */
    max_parallel: z.number().int().positive().optional(),
    qos: z.string().min(1).optional(),
    account: z.string().min(1).optional(),
    /** Extra `#SBATCH` lines, as written after "#SBATCH " (e.g. "--constraint=cpu"). */
    sbatch_lines: z.array(z.string().min(1)).default([]),
    /** Environment variables exported in every task's script. */
    env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name'), z.string()).default({}),
    /** The command that runs anneal on the compute nodes; default: this Node and this anneal, by absolute path. */
    command: z.string().min(1).optional(),
    /** Seconds between two looks at the queue with --wait. */
    poll_seconds: z.number().positive().default(5),
  })
  .strict();

export const LocalExecutorSchema = z.object({ type: z.literal('local') }).strict();

export const ExecutorSchema = z.discriminatedUnion('type', [LocalExecutorSchema, SlurmExecutorSchema]);

export type SlurmExecutorConfig = z.output<typeof SlurmExecutorSchema>;
export type ExecutorConfig = z.output<typeof ExecutorSchema>;
