import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { RefusedError } from './refused-error.js';

const GLOB_CHARS = /[*?[\]{}()!]/;

/** What a verb reads: files (each with the name the user knows it by), whole folders, and the patterns that found them. */
export interface VerbInputs {
  files?: readonly { path: string; displayPath: string }[];
  /** folders read whole (a token shard folder, a checkpoint or run folder) */
  folders?: readonly string[];
  patterns?: readonly string[];
}

/**
 * Refuses an output folder that is, or would become, part of the input: the folder an input file
 * sits in (the verb would write among, and over, its inputs), a folder holding an input file, an
 * input folder or one inside it, or a folder a recursive input pattern (`**`) reaches (a re-run
 * would read the output as input). An output beside the inputs, such as `data/out` for
 * `data/*.jsonl`, is fine. `label` is how the user named the output (output.path, --out, run_dir).
 */
export async function refuseOutputOverlappingInputs(outputPath: string, inputs: VerbInputs, baseDir: string, label = 'output.path'): Promise<void> {
  const output = await realPathOfPossiblyMissing(resolve(baseDir, outputPath));
  for (const file of inputs.files ?? []) {
    const input = await realPathOfPossiblyMissing(resolve(baseDir, file.path));
    if (dirname(input) === output) {
      throw new RefusedError(
        `${label} ${outputPath} is the folder of input ${file.displayPath}: the output would be written among (and over) its inputs; choose an output folder outside the input`,
      );
    }
    if (isInside(input, output)) {
      throw new RefusedError(
        `input ${file.displayPath} lies inside ${label} ${outputPath}: the verb would read and overwrite its own output; choose an output folder outside the input`,
      );
    }
  }
  for (const folder of inputs.folders ?? []) {
    const input = await realPathOfPossiblyMissing(resolve(baseDir, folder));
    if (output === input || isInside(output, input) || isInside(input, output)) {
      throw new RefusedError(
        `${label} ${outputPath} overlaps the input folder ${folder}: the output would be written into (or over) its input; choose an output folder outside it`,
      );
    }
  }
  for (const pattern of inputs.patterns ?? []) {
    if (!pattern.includes('**')) continue;
    const base = await realPathOfPossiblyMissing(staticBase(resolve(baseDir, pattern)));
    if (output === base || isInside(output, base)) {
      throw new RefusedError(
        `input pattern "${pattern}" reaches into ${label} ${outputPath} (through **): a re-run would read the output as input; put the output outside ${base}`,
      );
    }
  }
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel.length > 0 && !rel.startsWith('..') && !isAbsolute(rel);
}

/** The part of a pattern before its first segment with a glob character. */
function staticBase(pattern: string): string {
  const parts = pattern.split(sep);
  const firstGlob = parts.findIndex((p) => GLOB_CHARS.test(p));
  return firstGlob < 0 ? pattern : parts.slice(0, firstGlob).join(sep) || sep;
}

/** realpath of the nearest existing ancestor, with the missing rest appended (outputs may not exist yet). */
async function realPathOfPossiblyMissing(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(await realPathOfPossiblyMissing(parent), basename(path));
  }
}
