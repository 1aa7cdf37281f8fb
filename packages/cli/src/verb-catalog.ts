import { readFileSync } from 'node:fs';
import type { Command } from 'commander';

/**
 * One verb of `anneal`: what `anneal --help` lists for it, and how to register it. Its module (options,
 * action, and the packages those use) is imported only when the verb runs or its own help is asked
 * for, so a verb pays for its packages alone and `anneal --help` loads none of them.
 */
export interface Verb {
  name: string;
  /** how the verb list shows it (commander's subcommand term: name, `[options]`, arguments) */
  usage: string;
  /** the verb's description: its module sets it from here (`verbSummary`), so it is written once */
  summary: string;
  register(program: Command): Promise<void>;
}

/**
 * A verb as `packages/cli/verbs.json` lists it. `register` names, in order, each module of the
 * verb and the function it exports that adds its commands to the program (`anneal mix` and its
 * subcommand `mix search` are two modules; so are `export megatron` and `export hf`).
 */
interface VerbEntry {
  name: string;
  usage: string;
  summary: string;
  register: Record<string, string>;
}

type Registrar = (program: Command) => unknown;

// The verb list is data, read once at start-up (well under a millisecond): a table of names,
// usages and summaries, not code, so it lives in JSON beside the package.
const ENTRIES: readonly VerbEntry[] = JSON.parse(readFileSync(new URL('../../verbs.json', import.meta.url), 'utf8'));

/** Loads the verb's modules together, then lets each add its commands, in the order listed. */
async function registerEntry(entry: VerbEntry, program: Command): Promise<void> {
  const modules = Object.entries(entry.register);
  // a URL, not a literal path: esbuild leaves it to run time, so that each verb's module is a bundle
  // of its own (scripts/bundle-cli.mjs), found beside main.js as in dist/src
  const loaded = await Promise.all(
    modules.map(([module]) => import(new URL(`./${module}.js`, import.meta.url).href) as Promise<Record<string, Registrar>>),
  );
  modules.forEach(([module, exported], i) => {
    const registrar = loaded[i]?.[exported];
    if (typeof registrar !== 'function') throw new Error(`verbs.json: ${module}.ts exports no ${exported}`);
    registrar(program);
  });
}

/** Every verb, in the order `anneal --help` lists them. */
export const VERBS: readonly Verb[] = ENTRIES.map((entry) => ({
  name: entry.name,
  usage: entry.usage,
  summary: entry.summary,
  register: (program) => registerEntry(entry, program),
}));

/** The description a verb's module gives its command: the summary `anneal --help` lists. */
export function verbSummary(name: string): string {
  const entry = ENTRIES.find((e) => e.name === name);
  if (entry === undefined) throw new Error(`verbs.json lists no verb '${name}'`);
  return entry.summary;
}

/** The verb's command, added to the program with its summary as description: how each verb's module starts. */
export function verbCommand(program: Command, name: string): Command {
  return program.command(name).description(verbSummary(name));
}
