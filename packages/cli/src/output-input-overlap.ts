import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { InputFile } from '@anneal/io';
import { RefusedError } from './refused-error.js';

const GLOB_CHARS = /[*?[\]{}()!]/;

/**
 * Refuses an output folder that is, or would become, part of the input: the folder an input file
 * sits in (the run would write its shards among, and over, its inputs), a folder holding an input
 * file, or a folder a recursive input pattern (`**`) reaches (a re-run would read the run's own
 * output as input). An output beside the inputs, such as `data/out` for `data/*.jsonl`, is fine.
 */
export async function refuseOutputOverlappingInputs(outputPath: string, files: readonly InputFile[], patterns: readonly string[], baseDir: string): Promise<void> {
  const output = await realPathOfPossiblyMissing(resolve(baseDir, outputPath));
  for (const file of files) {
    const input = await realpath(file.path);
    if (dirname(input) === output) {
      throw new RefusedError(`output.path ${outputPath} is the folder of input ${file.displayPath}: the run would write its shards among (and over) its inputs; choose an output folder outside the input`);
    }
    if (isInside(input, output)) {
      throw new RefusedError(`input ${file.displayPath} lies inside output.path ${outputPath}: the run would read and overwrite its own output; choose an output folder outside the input`);
    }
  }
  for (const pattern of patterns) {
    if (!pattern.includes('**')) continue;
    const base = await realPathOfPossiblyMissing(staticBase(resolve(baseDir, pattern)));
    if (output === base || isInside(output, base)) {
      throw new RefusedError(`input pattern "${pattern}" reaches into output.path ${outputPath} (through **): a re-run would read the run's own output as input; put the output outside ${base}`);
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
