// Why scripts/install-tensorflow.mjs could not build the native backend, and what fixes it: the
// installer never fails `npm ci`; it records both in node_modules/.anneal-tensorflow.json for
// `anneal doctor` and prints them.

/** A reason the backend was not built (the message) and the fix to show with it. */
export class NotBuilt extends Error {
  constructor(reason, fix) {
    super(reason);
    this.fix = fix;
  }
}
