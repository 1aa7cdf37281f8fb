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
  /** the verb's description, as its module sets it (packages/cli/test/verb-catalog.test.ts holds them equal) */
  summary: string;
  register(program: Command): Promise<void>;
}

/** Every verb, in the order `anneal --help` lists them. */
export const VERBS: readonly Verb[] = [
  {
    name: 'run',
    usage: 'run [options] <pipeline.yaml>',
    summary: 'Run a pipeline YAML: read inputs, apply steps, write shards, errors/ and stats.json under output.path',
    register: async (program) => (await import('./run-command.js')).registerRunCommand(program),
  },
  {
    name: 'validate',
    usage: 'validate [options] <pipeline.yaml>',
    summary: 'Check a pipeline YAML (with any --set overrides) and print it resolved, without running it',
    register: async (program) => (await import('./validate-command.js')).registerValidateCommand(program),
  },
  {
    name: 'steps',
    usage: 'steps',
    summary: 'List the steps a pipeline can use',
    register: async (program) => (await import('./steps-command.js')).registerStepsCommand(program),
  },
  {
    name: 'classify',
    usage: 'classify',
    summary: 'Train and evaluate fastText classifiers (domain, quality, ...) for the classify step',
    register: async (program) => (await import('./classify-command.js')).registerClassifyCommand(program),
  },
  {
    name: 'stats',
    usage: 'stats [options] <inputs...>',
    summary:
      "Per-domain statistics of document shards: documents, bytes, tokens, shares, quality and length quantiles, dup_count, languages; plus drop reasons from a run's stats.json",
    register: async (program) => void (await import('./stats-command.js')).registerStatsCommand(program),
  },
  {
    name: 'report',
    usage: 'report [options] <stats.json>',
    summary:
      "Render saved statistics as a self-contained HTML report: `anneal stats --json` output, or a pipeline run's stats.json (drop reasons per step)",
    register: async (program) => void (await import('./report-command.js')).registerReportCommand(program),
  },
  {
    name: 'mix',
    usage: 'mix [options] <mixture.yaml>',
    summary:
      'Balance domains and draw frequency-aware repeat counts for each stage of a mixture YAML; write <output>/<stage>.manifest.json for the tokenizer and trainer',
    register: async (program) => {
      const [{ registerMixCommand }, { registerMixSearchCommand }] = await Promise.all([
        import('./mix-command.js'),
        import('./mix-search-command.js'),
      ]);
      registerMixSearchCommand(registerMixCommand(program));
    },
  },
  {
    name: 'tokenizer',
    usage: 'tokenizer',
    summary: 'Train byte-level BPE tokenizers (Hugging Face tokenizer.json)',
    register: async (program) => (await import('./tokenizer-command.js')).registerTokenizerCommand(program),
  },
  {
    name: 'tokenize',
    usage: 'tokenize [options]',
    summary: 'Encode documents into Arrow IPC token shards (one per input shard, BOS/EOS as the tokenizer says) with index.json and per-domain stats',
    register: async (program) => (await import('./tokenize-command.js')).registerTokenizeCommand(program),
  },
  {
    name: 'export',
    usage: 'export',
    summary: 'Export token shards or models to other trainers’ formats',
    register: async (program) => {
      const [{ registerExportCommand }, { registerExportHfCommand }] = await Promise.all([
        import('./export-command.js'),
        import('./export-hf-command.js'),
      ]);
      registerExportCommand(program);
      registerExportHfCommand(program);
    },
  },
  {
    name: 'train',
    usage: 'train [options] <train.yaml>',
    summary:
      'Pre-train a Llama-style model through the stages of a training YAML (see pipelines/pretrain-xgen.yaml): checkpoints, metrics.jsonl and config.yaml under run_dir',
    register: async (program) => (await import('./train-command.js')).registerTrainCommand(program),
  },
  {
    name: 'sample',
    usage: 'sample [options]',
    summary: 'Generate text from a checkpoint: the prompt, then its continuation, on stdout',
    register: async (program) => (await import('./sample-command.js')).registerSampleCommand(program),
  },
  {
    name: 'doctor',
    usage: 'doctor [options]',
    summary:
      'Show the training backends (native TensorFlow CPU/GPU, wasm, cpu): version, library, threads, or why one is missing and the command that fixes it',
    register: async (program) => (await import('./doctor-command.js')).registerDoctorCommand(program),
  },
  {
    name: 'why',
    usage: 'why [options] <id>',
    summary: 'Say which step and rule dropped a document of a run, with the value that decided it (needs keep_dropped: true)',
    register: async (program) => (await import('./why-command.js')).registerWhyCommand(program),
  },
  {
    name: 'trace',
    usage: 'trace [options] <id-or-token-shard>',
    summary:
      'Walk back from a document (by id, or a token shard row) to its input file and position, the steps it passed and the values they wrote, and the mixture stages that selected it',
    register: async (program) => (await import('./trace-command.js')).registerTraceCommand(program),
  },
];
