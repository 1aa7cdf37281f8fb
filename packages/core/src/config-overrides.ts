import { parse as parseYaml } from 'yaml';

/**
 * Applies `--set key.path=value` overrides to a parsed YAML document before validation. Values are
 * parsed as YAML scalars/flow values (`0.8`, `true`, `[a, b]`). Under `steps.N`, a key that is not the
 * step's own name goes into that step's options, so `--set steps.0.form=NFKC` works.
 */
export function applyOverrides(doc: Record<string, unknown>, overrides: readonly string[]): Record<string, unknown> {
  for (const override of overrides) {
    const eq = override.indexOf('=');
    if (eq <= 0) throw new Error(`--set ${override}: expected key.path=value`);
    const path = override.slice(0, eq).split('.');
    const value: unknown = parseYaml(override.slice(eq + 1));
    setPath(doc, path, value, override);
  }
  return doc;
}

function setPath(root: Record<string, unknown>, path: string[], value: unknown, original: string): void {
  let node: unknown = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    let next = getChild(node, key);
    if (i >= 1 && path[i - 1] === 'steps' && isSingleKeyMap(next)) {
      // steps.N.<option>: step the path into the step's options unless it names the step itself
      const stepName = Object.keys(next)[0]!;
      if (path[i + 1] !== stepName) {
        const opts = (next as Record<string, unknown>)[stepName];
        if (opts === null || opts === undefined) (next as Record<string, unknown>)[stepName] = {};
        next = (next as Record<string, unknown>)[stepName];
      }
    }
    if (next === undefined || next === null) {
      next = /^\d+$/.test(path[i + 1]!) ? [] : {};
      setChild(node, key, next, original);
    }
    if (typeof next !== 'object') throw new Error(`--set ${original}: ${path.slice(0, i + 1).join('.')} is not a map or list`);
    node = next;
  }
  setChild(node, path[path.length - 1]!, value, original);
}

function isSingleKeyMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1;
}

function getChild(node: unknown, key: string): unknown {
  if (Array.isArray(node)) return node[Number(key)];
  return (node as Record<string, unknown>)[key];
}

function setChild(node: unknown, key: string, value: unknown, original: string): void {
  if (Array.isArray(node)) {
    if (!/^\d+$/.test(key)) throw new Error(`--set ${original}: "${key}" is not a list index`);
    node[Number(key)] = value;
  } else (node as Record<string, unknown>)[key] = value;
}

/** Commander option parser for repeatable `--set key.path=value` (every config-reading verb takes it). */
export function collectSet(value: string, previous: string[]): string[] {
  return [...previous, value];
}
