import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { RunDropStats, StepDropStats } from './corpus-stats.js';

/**
 * Reads the merged `stats.json` of a pipeline output directory into drop reasons per step.
 * Absent file → undefined (not every input is a pipeline output); an unreadable one is an error
 * naming the file, since a half-written ledger must not be shown as if it were the run's.
 */
export async function readRunDropStats(directory: string, displayDirectory = directory): Promise<RunDropStats | undefined> {
  const path = join(directory, 'stats.json');
  const text = await readIfPresent(path);
  if (text === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`${path}: not valid JSON (${(err as Error).message})`);
  }
  const r = raw as Record<string, unknown>;
  if (!r || typeof r !== 'object' || !Array.isArray(r.steps)) throw new Error(`${path}: not a pipeline stats.json (no "steps" list)`);
  const num = (v: unknown, what: string): number => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${path}: ${what} is not a number`);
    return v;
  };
  return {
    stats_file: join(displayDirectory, 'stats.json'),
    documents_in: num(r.documents_in, 'documents_in'),
    documents_out: num(r.documents_out, 'documents_out'),
    dropped: num(r.dropped, 'dropped'),
    errors: num(r.errors, 'errors'),
    steps: r.steps.map((s: Record<string, unknown>, i: number) => {
      const dropped: Record<string, number> = {};
      for (const [reason, n] of Object.entries((s.dropped ?? {}) as Record<string, unknown>))
        dropped[reason] = num(n, `steps.${i}.dropped.${reason}`);
      const step: StepDropStats = {
        step: String(s.name),
        in: num(s.in, `steps.${i}.in`),
        out: num(s.out, `steps.${i}.out`),
        errors: num(s.errors, `steps.${i}.errors`),
        dropped,
      };
      if (s.counts && typeof s.counts === 'object') {
        step.counts = Object.fromEntries(Object.entries(s.counts as Record<string, unknown>).map(([k, n]) => [k, num(n, `steps.${i}.counts.${k}`)]));
      }
      if (s.distinct && typeof s.distinct === 'object') {
        step.distinct = Object.fromEntries(
          Object.entries(s.distinct as Record<string, unknown>).map(([k, v]) => [
            k,
            Array.isArray(v) ? v.length : num(v, `steps.${i}.distinct.${k}`),
          ]),
        );
      }
      return step;
    }),
  };
}

/** The input section of a pipeline output's resolved `config.yaml`, when there is one. */
export interface RunInputs {
  config_file: string;
  paths: string[];
  format?: 'jsonl' | 'parquet' | 'arrow';
  text_key?: string;
  id_key?: string;
}

export async function readRunInputs(directory: string): Promise<RunInputs | undefined> {
  const path = join(directory, 'config.yaml');
  const text = await readIfPresent(path);
  if (text === undefined) return undefined;
  const config = parse(text) as { input?: { paths?: unknown; format?: unknown; text_key?: unknown; id_key?: unknown } } | null;
  const input = config?.input;
  if (!input) return undefined;
  const paths =
    typeof input.paths === 'string' ? [input.paths] : Array.isArray(input.paths) ? input.paths.filter((p): p is string => typeof p === 'string') : [];
  if (paths.length === 0) return undefined;
  const out: RunInputs = { config_file: path, paths };
  if (input.format === 'jsonl' || input.format === 'parquet' || input.format === 'arrow') out.format = input.format;
  if (typeof input.text_key === 'string') out.text_key = input.text_key;
  if (typeof input.id_key === 'string') out.id_key = input.id_key;
  return out;
}

/** A run's own file, or undefined when it is not there: not every input directory is a pipeline output. */
async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}
