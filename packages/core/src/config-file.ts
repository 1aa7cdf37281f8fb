import { readFile } from 'node:fs/promises';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { applyOverrides } from './config-overrides.js';
import { ConfigError, type ConfigKind } from './config-error.js';

/**
 * Reads a YAML config file (pipeline, classifier, tokenizer, training, mixture, search) into a map and applies the
 * `--set` overrides; an unreadable file, bad YAML (with its line) or a non-map top level is a
 * ConfigError naming the file and the kind of config it was read as. Validation is the caller's
 * (each config has its own schema).
 */
export async function readConfigFile(
  path: string,
  overrides: readonly string[] = [],
  kind: ConfigKind = 'pipeline',
): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ConfigError([`${path}: cannot read (${(err as Error).message})`], kind);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text, { prettyErrors: true });
  } catch (err) {
    const where = err instanceof YAMLParseError && err.linePos ? ` line ${err.linePos[0].line}` : '';
    throw new ConfigError([`${path}${where}: not valid YAML (${(err as Error).message.split('\n')[0]})`], kind);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError([`${path}: expected a YAML map at the top level`], kind);
  const tooBig = expandedSizeProblem(raw);
  if (tooBig) throw new ConfigError([`${path}: ${tooBig}`], kind);
  return applyOverrides(raw as Record<string, unknown>, overrides);
}

/**
 * The most a config may expand to once YAML aliases are resolved. yaml's own `maxAliasCount` (100)
 * stops exponential alias trees but not 99 aliases of one multi-megabyte string, which passes
 * validation where a string is allowed and then fails far later (JSON.stringify: "Invalid string
 * length") as a crash. No real config comes near this.
 */
export const MAX_EXPANDED_CONFIG_CHARS = 16 * 1024 * 1024;
const MAX_CONFIG_DEPTH = 64;

/** Walks the parsed config, summing key and string sizes as if serialized, and stops at the bound. */
function expandedSizeProblem(root: unknown): string | undefined {
  let chars = 0;
  const onPath = new Set<object>();
  const visit = (value: unknown, depth: number): string | undefined => {
    if (typeof value === 'string') chars += value.length + 2;
    else if (value === null || typeof value !== 'object') chars += 8;
    else {
      if (onPath.has(value)) return 'an alias refers to a map or list that contains it (a cycle); a config must be a tree';
      if (depth > MAX_CONFIG_DEPTH) return `nested more than ${MAX_CONFIG_DEPTH} levels deep`;
      onPath.add(value);
      for (const [key, child] of Object.entries(value)) {
        chars += key.length + 4;
        const problem = visit(child, depth + 1);
        if (problem) return problem;
        if (chars > MAX_EXPANDED_CONFIG_CHARS) break;
      }
      onPath.delete(value);
    }
    if (chars > MAX_EXPANDED_CONFIG_CHARS) {
      return `expands to more than ${MAX_EXPANDED_CONFIG_CHARS / (1024 * 1024)} MiB once YAML aliases (*name) are resolved; a config is never that large (an alias bomb?)`;
    }
    return undefined;
  };
  return visit(root, 0);
}
