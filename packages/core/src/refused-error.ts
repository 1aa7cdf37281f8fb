/**
 * A command refused before doing any work because doing it would harm something it does not own:
 * an output folder anneal did not write, an output that is also an input, an output another run
 * holds. Like a config error it exits 2 (nothing was touched); its message names the path and why.
 */
export class RefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedError';
  }
}
