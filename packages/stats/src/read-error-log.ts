import type { RecordError } from '@anneal/core';

/**
 * The bad records met while reading shards, as statistics and mixtures report them: every one
 * counted, the first few quoted (a corpus with a million bad lines must not fill the output).
 */
export class ReadErrorLog {
  count = 0;
  readonly quoted: string[] = [];

  constructor(private readonly quoteAtMost: number) {}

  add(error: RecordError): void {
    this.count++;
    if (this.quoted.length < this.quoteAtMost) this.quoted.push(error.message);
  }
}
