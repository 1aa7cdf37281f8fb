// Running the tools the TensorFlow installer needs (pip, python, node-gyp, a compiler) and quoting
// their output in one-line messages.
import { spawnSync } from 'node:child_process';

/** Runs a command to completion; `out` is its stdout and stderr together, for logs and messages. */
export function run(cmd, cmdArgs, options = {}) {
  const r = spawnSync(cmd, cmdArgs, { encoding: 'utf8', maxBuffer: 64 << 20, ...options });
  return { ok: r.status === 0, status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}`, error: r.error };
}

/** The last non-blank line of a command's output (at most 300 characters): the error to quote. */
export function lastLine(text) {
  const lines = String(text)
    .trim()
    .split('\n')
    .filter((l) => l.trim() !== '');
  return (lines.at(-1) ?? '').trim().slice(0, 300);
}
