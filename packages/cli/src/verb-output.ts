import { resolve } from 'node:path';
import { claimOutput, recordEntries, refuseUnrecordedNames, type OwnershipMarker } from '@anneal/core';
import { refuseOutputOverlappingInputs, type VerbInputs } from '@anneal/core';
import { acquireRunLock } from '@anneal/core';

export interface VerbOutputOptions {
  /** the verb, as recorded in the marker and named in messages ("tokenize", "mix", ...) */
  verb: string;
  /** how the user named the folder (--out, output, run_dir), for messages */
  label: string;
  /** every name the verb may write in the folder this time (a name ending in "/" is a folder it owns whole) */
  planned: readonly string[];
  inputs?: VerbInputs;
  recogniseOlder?: (root: string) => Promise<string[] | undefined>;
  /** the command line, for the lock's holder file */
  command: string;
  /** ranks of one split run (`--rank/--world-size`, Slurm array tasks) share the lock under one run id; default: held alone */
  sharedLock?: { run: string };
  log: (message: string) => void;
}

export interface VerbOutput {
  /** the marker after the planned names were recorded */
  marker: OwnershipMarker;
  release(): Promise<void>;
}

/**
 * Everything a verb other than `anneal run` does before writing its folder, in this order, so
 * that a refusal leaves the folder byte-identical (docs/output-folder.md): the output must not be
 * an input; it must be new, empty, this verb's own (its marker) or an older output of this verb
 * (adopted); no name about to be written may be a file anneal did not write; no other anneal may
 * be writing it (the lock, held alone). Then the planned names are recorded, before any is written,
 * so a crash never leaves a file of anneal's that the marker does not list.
 */
export async function openVerbOutput(folder: string, options: VerbOutputOptions): Promise<VerbOutput> {
  const root = resolve(folder);
  if (options.inputs) await refuseOutputOverlappingInputs(root, options.inputs, process.cwd(), options.label);
  const { marker: claimed } = await claimOutput(root, {
    verb: options.verb,
    label: options.label,
    log: options.log,
    ...(options.recogniseOlder ? { recogniseOlder: options.recogniseOlder } : {}),
  });
  const lock = await acquireRunLock(
    root,
    options.sharedLock
      ? { run: `${options.verb}:${options.sharedLock.run}`, mode: 'shared', command: options.command }
      : { run: options.verb, mode: 'exclusive', command: options.command },
    options.log,
  );
  try {
    await refuseUnrecordedNames(root, claimed, options.planned, options.label);
    const marker = await recordEntries(root, options.planned, 'add');
    return { marker, release: () => lock.release() };
  } catch (err) {
    await lock.release();
    throw err;
  }
}
