import { readFile } from 'node:fs/promises';
import { hash32, type Doc } from '@anneal/core';
import { expandInputs, readDocuments, type InputFormat } from '@anneal/io';
import { checkLabel, fastTextLine } from './fasttext-text.js';

/** One set of labeled documents in a classifier's training config. */
export interface LabeledInputSet {
  /** Shown in the report; held-out accuracy is given per set as well as per label. */
  name: string;
  paths: string[];
  /** When the globs match nothing: skip this set with a note (true) or stop (false). */
  optional: boolean;
  /** `text`: each file is one document (then usually cut with `splitOn`); else as `anneal run` reads. */
  format?: InputFormat | 'text' | undefined;
  /** Fields joined with a newline into the text, e.g. [question, answer]; the first is the reader's text key. */
  textKeys: string[];
  idKey: string;
  /** Every document of the set gets this label ... */
  label?: string | undefined;
  /** ... or the value of this metadata field (documents without it are skipped). */
  labelKey?: string | undefined;
  /** Keep only documents whose metadata matches every key (a value or a list of values). */
  where?: Record<string, unknown[]> | undefined;
  /** A regular expression (flags `mu`) cutting each text into pieces, e.g. paragraphs or articles. */
  splitOn?: string | undefined;
  /** Consecutive pieces are joined until they reach this many characters (passages, not lines). */
  chunkChars?: number | undefined;
  /** Pieces shorter than this (after chunking) are skipped. */
  minChars: number;
  /** At most this many examples from the set, chosen by a seeded hash of their ids. */
  maxDocs?: number | undefined;
}

export interface LabeledExample {
  /** `<set>:<document id>[#<piece>]`, unique across sets. */
  id: string;
  set: string;
  label: string;
  /** Already in fastText form (see fastTextLine). */
  line: string;
}

export interface TrainingSetReport {
  /** Per set: examples taken, or why the set was skipped. */
  sets: Array<{ name: string; examples: number; skipped?: string }>;
  badRecords: number;
}

/** A deterministic sort key from the seed and an id, never from input order. */
export function idKey(seed: number, id: string): number {
  return hash32(`${seed}\u0000${id}`);
}

async function* documentsOf(set: LabeledInputSet): AsyncGenerator<Doc | Error> {
  for (const file of await expandInputs(set.paths, process.cwd())) {
    if (set.format === 'text') {
      yield { id: file.displayPath, text: await readFile(file.path, 'utf8'), metadata: {} };
      continue;
    }
    const source = readDocuments(file.path, { displayPath: file.displayPath, format: set.format, textKey: set.textKeys[0], idKey: set.idKey });
    for await (const item of source.records) yield item.doc ?? item.error;
  }
}

function piecesOf(text: string, set: LabeledInputSet): string[] {
  const raw = set.splitOn ? text.split(new RegExp(set.splitOn, 'mu')) : [text];
  const pieces: string[] = [];
  let current = '';
  for (const piece of raw) {
    if (piece === undefined || piece.trim() === '') continue;
    current = current ? `${current}\n${piece}` : piece;
    if (current.length >= (set.chunkChars ?? 0)) {
      pieces.push(current);
      current = '';
    }
  }
  if (current) pieces.push(current);
  return pieces.filter((p) => p.trim().length >= set.minChars);
}

function matches(doc: Doc, where: Record<string, unknown[]> | undefined): boolean {
  return !where || Object.entries(where).every(([key, values]) => values.includes(doc.metadata[key] ?? null));
}

async function examplesOf(set: LabeledInputSet, report: TrainingSetReport): Promise<LabeledExample[]> {
  const examples: LabeledExample[] = [];
  for await (const doc of documentsOf(set)) {
    if (doc instanceof Error) {
      report.badRecords++;
      continue;
    }
    if (!matches(doc, set.where)) continue;
    const label = set.label ?? doc.metadata[set.labelKey ?? ''];
    if (typeof label !== 'string' || label === '') continue;
    const text = [doc.text, ...set.textKeys.slice(1).map((k) => doc.metadata[k])].filter((t) => typeof t === 'string').join('\n');
    const pieces = piecesOf(text, set);
    pieces.forEach((piece, i) => {
      const line = fastTextLine(piece);
      if (line) examples.push({ id: `${set.name}:${doc.id}${pieces.length > 1 ? `#${i}` : ''}`, set: set.name, label: checkLabel(label), line });
    });
  }
  return examples;
}

/** Takes at most `max` examples, the same ones whatever the input order. */
export function capExamples(examples: LabeledExample[], max: number | undefined, seed: number): LabeledExample[] {
  if (max === undefined || examples.length <= max) return examples;
  return examples
    .map((e) => ({ e, k: idKey(seed, e.id) }))
    .sort((a, b) => a.k - b.k || (a.e.id < b.e.id ? -1 : 1))
    .slice(0, max)
    .map(({ e }) => e);
}

/** Reads every input set into labeled examples, skipping optional sets whose files are absent. */
export async function buildTrainingSet(
  sets: readonly LabeledInputSet[],
  options: { seed: number; maxPerLabel?: number | undefined },
): Promise<{ examples: LabeledExample[]; report: TrainingSetReport }> {
  const report: TrainingSetReport = { sets: [], badRecords: 0 };
  let examples: LabeledExample[] = [];
  for (const set of sets) {
    try {
      await expandInputs(set.paths, process.cwd());
    } catch (err) {
      if (!set.optional) throw err;
      report.sets.push({ name: set.name, examples: 0, skipped: (err as Error).message });
      continue;
    }
    const taken = capExamples(await examplesOf(set, report), set.maxDocs, options.seed);
    report.sets.push({ name: set.name, examples: taken.length });
    examples.push(...taken);
  }
  if (options.maxPerLabel !== undefined) {
    const byLabel = new Map<string, LabeledExample[]>();
    for (const e of examples) {
      const group = byLabel.get(e.label);
      if (group) group.push(e);
      else byLabel.set(e.label, [e]);
    }
    examples = [...byLabel.values()].flatMap((group) => capExamples(group, options.maxPerLabel, options.seed));
  }
  return { examples, report };
}
