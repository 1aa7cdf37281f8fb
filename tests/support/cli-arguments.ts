/**
 * Argument lists for the config-driven verbs the tests run, so a call reads as the overrides it
 * makes rather than as alternating `--set` flags.
 */

/** `--set <override>` for each override, in order (later ones win, as on the command line). */
export function setFlags(...overrides: string[]): string[] {
  return overrides.flatMap((override) => ['--set', override]);
}

/** `anneal tokenizer train` on the shipped pipelines/tokenizer.yaml with `--set` overrides, then any other flags. */
export function tokenizerTrainArgs(overrides: string[], ...flags: string[]): string[] {
  return ['tokenizer', 'train', '--config', 'pipelines/tokenizer.yaml', ...setFlags(...overrides), ...flags];
}

/** `anneal tokenize` of `input` (shards, a glob or a stage manifest) with `tokenizer` into `out`, then other flags (workers, BOS/EOS). */
export function tokenizeArgs(tokenizer: string, input: string, out: string, ...flags: string[]): string[] {
  return ['tokenize', '--tokenizer', tokenizer, '--input', input, '--out', out, ...flags];
}
