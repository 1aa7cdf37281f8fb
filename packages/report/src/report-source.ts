import { readFile } from 'node:fs/promises';
import * as z from 'zod';
import { corpusStatsSchema, type CorpusStats, type RunDropStats } from '@anneal/stats';

/** What a report can be made from: saved `anneal stats --json` output, or a pipeline run's ledger. */
export type ReportSource = { kind: 'corpus'; path: string; stats: CorpusStats } | { kind: 'run'; path: string; run: RunDropStats };

const count = z.number().int().nonnegative();

/** A pipeline ledger (`<output>/stats.json` or one task's `stats/00000.json`), the fields a report shows. */
const ledgerSchema = z.looseObject({
  documents_in: count,
  documents_out: count,
  dropped: count,
  errors: count,
  steps: z.array(z.looseObject({ name: z.string(), in: count, out: count, errors: count, dropped: z.record(z.string(), count) })),
});

/**
 * Reads a JSON file and tells which of the two it is by its keys; anything else, or a file that
 * does not match its kind's shape, is an error naming the file and every key path at fault.
 */
export async function readReportSource(path: string): Promise<ReportSource> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new Error(`${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`${path}: not valid JSON (${(err as Error).message})`);
  }
  const keys = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? new Set(Object.keys(raw)) : new Set<string>();
  if (keys.has('domains') && keys.has('version')) {
    return { kind: 'corpus', path, stats: parsed(corpusStatsSchema, raw, path) };
  }
  if (keys.has('steps') && keys.has('documents_in')) {
    const ledger = parsed(ledgerSchema, raw, path);
    return {
      kind: 'run',
      path,
      run: {
        stats_file: path,
        documents_in: ledger.documents_in,
        documents_out: ledger.documents_out,
        dropped: ledger.dropped,
        errors: ledger.errors,
        steps: ledger.steps.map((s) => ({ step: s.name, in: s.in, out: s.out, errors: s.errors, dropped: s.dropped })),
      },
    };
  }
  throw new Error(
    `${path}: neither \`anneal stats --json\` output (with "version" and "domains") nor a pipeline stats.json (with "steps" and "documents_in")`,
  );
}

function parsed<T>(schema: z.ZodType<T>, raw: unknown, path: string): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  // one line, as the CLI reports errors; the first few problems name their key paths
  const problems = result.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(top level)'}: ${i.message}`);
  const shown = problems.slice(0, 5).join('; ') + (problems.length > 5 ? `; and ${problems.length - 5} more` : '');
  throw new Error(`${path}: not a valid ${schema === corpusStatsSchema ? 'anneal stats --json file' : 'pipeline stats.json'}: ${shown}`);
}
