import { Command, CommanderError, Help } from 'commander';
import { VERBS, type Verb } from './verb-catalog.js';

/**
 * The program for these arguments: the verb they name registered from its module (the only one
 * loaded), or, when they name none (`anneal --help`, `--version`), every verb as the list shows it.
 */
export async function buildProgram(args: readonly string[]): Promise<Command> {
  const program = new Command();
  program
    .name('anneal')
    .description('Raw text → curated pre-training data → token shards → a trained model.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)');
  const verb = verbNamed(args);
  if (verb !== undefined) {
    await verb.register(program);
    return program;
  }
  for (const v of VERBS) program.command(v.name).description(v.summary);
  const help = new Help();
  program.configureHelp({ subcommandTerm: (cmd) => VERBS.find((v) => v.name === cmd.name())?.usage ?? help.subcommandTerm(cmd) });
  return program;
}

/** The verb the arguments run, or ask help for (`anneal help <verb>`); options before it are global ones. */
function verbNamed(args: readonly string[]): Verb | undefined {
  const name = args[0] === 'help' ? args[1] : args[0];
  return VERBS.find((v) => v.name === name);
}

/** The first argument when it should name a verb and names none. */
function unknownVerb(args: readonly string[]): string | undefined {
  const first = args[0];
  if (first === undefined || first.startsWith('-') || first === 'help') return undefined;
  return VERBS.some((v) => v.name === first) ? undefined : first;
}

/**
 * A refusal (RefusedError, @anneal/core) or a config error (ConfigError and its subclasses,
 * @anneal/pipeline): exit 2. Told by name, so that a failing verb does not load those packages
 * only to classify its error.
 */
function exitsWithUsageCode(err: unknown): err is Error {
  return err instanceof Error && (err.name === 'RefusedError' || err.name === 'ConfigError');
}

/** Runs the CLI; returns the exit code. Failures print one line (a config error lists every problem). */
export async function main(argv: string[]): Promise<number> {
  const args = argv.slice(2);
  const unknown = unknownVerb(args);
  if (unknown !== undefined) {
    // checked before commander parses: `anneal <typo> --help` would print the global help and exit 0
    process.stderr.write(`anneal: unknown command '${unknown}' (commands: ${VERBS.map((v) => v.name).join(', ')}, help)\n`);
    return 2;
  }
  try {
    const program = await buildProgram(args);
    program.exitOverride();
    await program.parseAsync(argv);
    // a verb that answered "not found" sets process.exitCode (anneal why / trace)
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (exitsWithUsageCode(err)) {
      process.stderr.write(`anneal: ${err.message}\n`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`anneal: ${message.split('\n')[0]}\n`);
    if (process.env.ANNEAL_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return 1;
  }
}
