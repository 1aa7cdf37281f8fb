/**
 * Runs one fastText training in a child process (started by `trainFastText`). Training runs in its
 * own process because the binding prints to stdout, blocks a thread-pool thread for the whole
 * training, and fastText's C++ calls exit() on some bad arguments: none of that may reach the
 * anneal process. One process per trained model, never per document.
 */
import { fastTextAddon } from './fasttext-addon.js';

const options = JSON.parse(process.argv[2] ?? '{}') as Record<string, string | number>;
// The classifier must stay reachable until train() settles: the binding trains on a libuv thread
// with the C++ model the JavaScript object owns, and a garbage collection that frees the object
// mid-training freed the model under it (SIGSEGV in FastText::trainThread, more often under load).
// A module-level binding keeps it alive for the life of this process.
const classifier = new (fastTextAddon().Classifier)();
try {
  await classifier.train('supervised', options);
  process.send?.('trained');
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
