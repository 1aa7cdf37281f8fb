/**
 * Which YAML a {@link ConfigError} is about, so its message names it ("invalid training config"),
 * not always "invalid pipeline config".
 */
export type ConfigKind = 'pipeline' | 'training' | 'tokenizer' | 'classifier' | 'mixture' | 'search';

/**
 * Every problem found in one config, each naming its key path (or its file, for one that cannot be
 * read). Every config of every package throws this one class, so the CLI reports them all the same
 * way (exit 2, the whole list) without knowing each package's own error.
 */
export class ConfigError extends Error {
  constructor(
    readonly problems: string[],
    readonly kind: ConfigKind = 'pipeline',
  ) {
    super(`invalid ${kind} config (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` + problems.map((p) => `  - ${p}`).join('\n'));
    this.name = 'ConfigError';
  }

  /** The same problems, each prefixed with the file they were found in (for a parser that saw only the parsed map). */
  inFile(path: string): ConfigError {
    return new ConfigError(
      this.problems.map((p) => `${path}: ${p}`),
      this.kind,
    );
  }
}

/** Zod issues as "key.path: message" lines, the form every config problem takes; `(root)` for the top level. */
export function issuesWithKeyPaths(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string[] {
  return issues.map((i) => `${keyPath(i.path)}: ${i.message}`);
}

/** A key path as a config problem names it: `steps.0.length.min_chars`, `(root)` for the top level. */
export function keyPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}
