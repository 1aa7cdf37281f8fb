import type { Command } from 'commander';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { RunLayout } from '@anneal/core';
import { readTokenShardIndex, readTokenShard } from '@anneal/token-shards';
import type { StageManifest } from '@anneal/mixture';
import { findKept, readRunConfig } from './run-lookup.js';
import { metadataWrittenBy } from './step-outputs.js';
import { nonNegativeInteger } from './number-option.js';
import { verbCommand } from './verb-catalog.js';

/** The id of row `row` of a token shard (a shard file, or a shard directory read in index order). */
export async function tokenShardRowId(shardPath: string, row: number): Promise<{ id: string; where: string }> {
  const isFile = (await stat(shardPath)).isFile();
  const dir = isFile ? dirname(shardPath) : shardPath;
  const index = await readTokenShardIndex(dir);
  const files = isFile ? [basename(shardPath)] : index.shards.map((s) => s.file);
  let at = 0;
  for (const file of files) {
    let inFile = 0;
    for await (const r of readTokenShard(join(dir, file))) {
      if (at === row) return { id: r.id, where: `${join(dir, file)}, row ${inFile}${isFile ? '' : ` (row ${row} of ${dir})`}` };
      at++;
      inFile++;
    }
  }
  throw new Error(`${shardPath} has ${at} rows; there is no row ${row}`);
}

/** The stages of an `anneal mix` output that select the document, with its repeat count in each. */
async function mixtureSelections(mixtureDir: string, id: string): Promise<string[]> {
  const names = (await readdir(mixtureDir)).filter((n) => n.endsWith('.manifest.json'));
  const manifests: StageManifest[] = [];
  for (const name of names) manifests.push(JSON.parse(await readFile(join(mixtureDir, name), 'utf8')) as StageManifest);
  manifests.sort((a, b) => a.stage_index - b.stage_index);
  const lines: string[] = [];
  for (const manifest of manifests) {
    let found = false;
    for (const shard of manifest.shards) {
      const i = shard.selection.ids.indexOf(id);
      if (i < 0) continue;
      found = true;
      lines.push(
        `  stage ${manifest.stage_index} ${manifest.stage}: repeated ${shard.selection.repeats[i]}× (record ${shard.selection.records[i]} of ${shard.path})`,
      );
    }
    if (!found) lines.push(`  stage ${manifest.stage_index} ${manifest.stage}: not selected`);
  }
  return lines.length > 0 ? lines : [`  (no *.manifest.json in ${mixtureDir})`];
}

/** What `anneal trace` prints for one document id of a run. */
export async function traceDocument(
  id: string,
  runDir: string,
  options: { mixture?: string; tokenShard?: string } = {},
): Promise<{ found: boolean; text: string }> {
  const config = await readRunConfig(runDir);
  const kept = await findKept(runDir, id);
  if (!kept) return { found: false, text: `${id}: not among the documents ${runDir} kept; \`anneal why ${id} --run ${runDir}\` says why\n` };
  const meta = kept.doc.metadata;
  const lines = [
    id,
    ...(options.tokenShard ? [`  token shard: ${options.tokenShard}`] : []),
    `  source: ${typeof meta.source_location === 'string' ? meta.source_location : '(not recorded: the run predates source_location)'}`,
    `  output: ${kept.file}, document ${kept.position}`,
    `  steps (${config.steps.length}, from ${new RunLayout(runDir).configPath}), each passed, with the document's values under the keys the step writes:`,
  ];
  config.steps.forEach((step, i) => {
    const when = step.when
      ? ` (when ${Object.entries(step.when)
          .map(([k, v]) => `${k} in ${JSON.stringify(v)}`)
          .join(' and ')})`
      : '';
    const values = metadataWrittenBy(step)
      .filter((k) => meta[k] !== undefined)
      .map((k) => `${k}=${JSON.stringify(meta[k])}`);
    lines.push(`    ${String(i + 1).padStart(2)} ${step.name}${when}${values.length > 0 ? `: ${values.join(' ')}` : ''}`);
  });
  if (options.mixture) lines.push(`  mixture (${options.mixture}):`, ...(await mixtureSelections(options.mixture, id)));
  return { found: true, text: lines.join('\n') + '\n' };
}

export function registerTraceCommand(program: Command): void {
  verbCommand(program, 'trace')
    .argument('<id-or-token-shard>', 'a document id, or with --row a token shard directory or .arrow file')
    .requiredOption('--run <output>', 'the run output folder the document (or the token shards) came from')
    .option('--row <N>', 'row N (0-based) of the token shard', nonNegativeInteger('--row'))
    .option('--mixture <dir>', 'an `anneal mix` output folder: show the stages and repeat counts that selected it')
    .action(async (target: string, opts: { run: string; row?: number; mixture?: string }) => {
      let id = target;
      let tokenShard: string | undefined;
      if (opts.row !== undefined) {
        const located = await tokenShardRowId(target, opts.row);
        id = located.id;
        tokenShard = located.where;
      }
      const { found, text } = await traceDocument(id, opts.run, {
        ...(opts.mixture ? { mixture: opts.mixture } : {}),
        ...(tokenShard ? { tokenShard } : {}),
      });
      process.stdout.write(text);
      if (!found) process.exitCode = 1;
    });
}
