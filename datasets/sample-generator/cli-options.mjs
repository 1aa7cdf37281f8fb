/**
 * Command line of datasets/generate-sample.mjs: options, usage and the exit on a bad argument.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
const USAGE = `usage: node datasets/generate-sample.mjs [--seed 42] [--out datasets/sample] [--scale 1] [--stats] [--quiet]

  --seed N     seed for every random choice (default 42); same seed and scale => same bytes
  --out DIR    output directory for sample-0000{0..3}.jsonl.gz (default: datasets/sample, wherever it is run from)
  --scale X    multiply document counts by X (default 1: about 3,200 documents, 4.9 MB of JSONL)
  --stats      print the statistics only, write nothing
  --quiet      do not print the statistics after writing`;

export function parseArgs(argv) {
  // The default output is datasets/sample (beside this module's folder), wherever the generator is run from.
  const opts = { seed: 42, out: join(dirname(fileURLToPath(import.meta.url)), '..', 'sample'), scale: 1, statsOnly: false, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let inline;
    if (arg.startsWith('--') && arg.includes('=')) [arg, inline] = [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') die(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--seed': {
        const v = value();
        opts.seed = /^-?\d+$/.test(v) ? Number(v) : v;
        break;
      }
      case '--out':
        opts.out = value();
        break;
      case '--scale': {
        const v = Number(value());
        if (!(v > 0) || !Number.isFinite(v)) die('--scale must be a positive number');
        opts.scale = v;
        break;
      }
      case '--stats':
        opts.statsOnly = true;
        break;
      case '--quiet':
        opts.quiet = true;
        break;
      case '-h':
      case '--help':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        die(`unknown argument ${argv[i]}\n${USAGE}`);
    }
  }
  return opts;
}

function die(message) {
  console.error(`generate-sample: ${message}`);
  process.exit(2);
}
