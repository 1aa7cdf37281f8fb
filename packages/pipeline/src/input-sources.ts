import { expandInputs, type InputFile } from '@anneal/io';
import type { ResolvedPipeline } from './pipeline-config.js';

/**
 * A pipeline's input as a list of sources. `input:` is one source (a map) or several (a list, each
 * with a name), as datatrove's readers with `default_metadata` and Dolma's per-source attributes:
 * three files web.jsonl, math.jsonl and code.jsonl without a domain field become three domains by
 * naming them here instead of training a classifier first.
 */
export type InputSource = Extract<ResolvedPipeline['input'], { paths: string[] }>;

/** An input file and the index of the source that reaches it. */
export interface SourcedInputFile extends InputFile {
  source: number;
}

export function inputSources(pipeline: Pick<ResolvedPipeline, 'input'>): InputSource[] {
  return Array.isArray(pipeline.input) ? pipeline.input : [pipeline.input];
}

/** Every source's path patterns, for the checks that the output is not among the inputs. */
export function inputPatterns(pipeline: Pick<ResolvedPipeline, 'input'>): string[] {
  return inputSources(pipeline).flatMap((s) => s.paths);
}

/**
 * The files of every source, in source order (tasks take files `rank, rank + tasks, …` of this list).
 * A file that two sources reach is an error: its documents would be read twice, under two names.
 */
export async function expandSourceFiles(
  pipeline: Pick<ResolvedPipeline, 'input'>,
  baseDir: string,
  onAliases?: (kept: string, skipped: string[]) => void,
): Promise<SourcedInputFile[]> {
  const sources = inputSources(pipeline);
  const files: SourcedInputFile[] = [];
  const owner = new Map<string, number>();
  for (let i = 0; i < sources.length; i++) {
    const source = sources[i]!;
    for (const file of await expandInputs(source.paths, baseDir, onAliases ? { onAliases } : {})) {
      const earlier = owner.get(file.path);
      if (earlier !== undefined) {
        throw new Error(
          `${file.displayPath} is matched by two input sources (${sourceLabel(sources, earlier)} and ${sourceLabel(sources, i)}); give each file to one source`,
        );
      }
      owner.set(file.path, i);
      files.push({ ...file, source: i });
    }
  }
  return files;
}

function sourceLabel(sources: InputSource[], i: number): string {
  return sources[i]!.name ? `"${sources[i]!.name}"` : `input ${i}`;
}

/**
 * The metadata a source adds to a document: its `metadata:` map as defaults (a document's own value
 * for a key wins, as datatrove's default_metadata), and its name as `source` (the source says where
 * the document came from, whatever the document's own field said).
 */
export function withSourceMetadata(source: InputSource, metadata: Record<string, unknown>): Record<string, unknown> {
  if (!source.metadata && !source.name) return metadata;
  return { ...source.metadata, ...metadata, ...(source.name ? { source: source.name } : {}) };
}
