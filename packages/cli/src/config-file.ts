import { readFile } from 'node:fs/promises';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { applyOverrides } from './config-overrides.js';
import { ConfigError, type ConfigKind } from './pipeline-config.js';

/**
 * Reads a YAML config file (pipeline, classifier, tokenizer, training) into a map and applies the
 * `--set` overrides; an unreadable file, bad YAML (with its line) or a non-map top level is a
 * ConfigError naming the file and the kind of config it was read as. Validation is the caller's
 * (each config has its own schema).
 */
export async function readConfigFile(path: string, overrides: readonly string[] = [], kind: ConfigKind = 'pipeline'): Promise<Record<string, unknown>> {
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
  return applyOverrides(raw as Record<string, unknown>, overrides);
}

/** Zod issues as "key.path: message" lines, the form every config error takes. */
export function issuesWithKeyPaths(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string[] {
  return issues.map((i) => `${i.path.length ? i.path.map(String).join('.') : '(root)'}: ${i.message}`);
}
