import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parse as parseYaml } from 'yaml';
import { RunLayout, type Doc } from '@anneal/core';
import { readDocuments } from '@anneal/io';
import type { ResolvedStep } from '@anneal/pipeline';

/** A run's steps as its `config.yaml` records them (options resolved), and whether it kept its drops. */
export async function readRunConfig(runDir: string): Promise<{ steps: ResolvedStep[]; keepDropped: boolean }> {
  let text: string;
  try {
    text = await readFile(new RunLayout(runDir).configPath, 'utf8');
  } catch {
    throw new Error(`${runDir} is not an anneal run output (no config.yaml)`);
  }
  const config = parseYaml(text) as { steps?: Record<string, Record<string, unknown>>[]; keep_dropped?: boolean };
  const steps = (config.steps ?? []).map((entry) => {
    const [name, raw] = Object.entries(entry)[0]!;
    const { when, score_into, ...options } = raw ?? {};
    return { name, options, ...(when ? { when: when as Record<string, unknown[]> } : {}), ...(typeof score_into === 'string' ? { score_into } : {}) };
  });
  return { steps, keepDropped: config.keep_dropped === true };
}

/** Where a kept document sits: the output shard and its 0-based position there. */
export interface KeptDocument {
  file: string;
  position: number;
  doc: Doc;
}

/** Finds a document by id in a run's final shards. */
export async function findKept(runDir: string, id: string): Promise<KeptDocument | undefined> {
  for (const file of await new RunLayout(runDir).listShards()) {
    let position = 0;
    for await (const item of readDocuments(file).records) {
      if (item.doc?.id === id) return { file, position, doc: item.doc };
      if (item.doc) position++;
    }
  }
  return undefined;
}

/** A `keep_dropped` record: the document and `dropped: { step, step_index, reason, detail }`. */
export interface DroppedRecord {
  file: string;
  line: number;
  record: Record<string, unknown> & { id: string; dropped: { step: string; step_index: number; reason: string; detail?: string } };
}

/** Finds a document by id among a run's dropped/ files. */
export async function findDropped(runDir: string, id: string): Promise<DroppedRecord | undefined> {
  const needle = `"id":${JSON.stringify(id)}`;
  for (const file of await new RunLayout(runDir).listDroppedFiles()) {
    const found = await findLine(file, needle, (r) => r.id === id);
    if (found) return { file, line: found.line, record: found.record as DroppedRecord['record'] };
  }
  return undefined;
}

/** Finds the record error a run reported for a document id (errors/*.jsonl). */
export async function findError(runDir: string, id: string): Promise<Record<string, unknown> | undefined> {
  for (const file of await new RunLayout(runDir).listErrorFiles()) {
    const found = await findLine(file, JSON.stringify(id), (r) => r.doc_id === id);
    if (found) return found.record;
  }
  return undefined;
}

async function findLine(
  path: string,
  needle: string,
  matches: (r: Record<string, unknown>) => boolean,
): Promise<{ line: number; record: Record<string, unknown> } | undefined> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const line of lines) {
      n++;
      // parse only the lines that can hold the id
      if (!line.includes(needle)) continue;
      const record = JSON.parse(line) as Record<string, unknown>;
      if (matches(record)) return { line: n, record };
    }
  } finally {
    lines.close();
  }
  return undefined;
}
