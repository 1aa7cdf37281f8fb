// A benchmark report that is printed and kept: saved as a log file, it is where the figures
// published in the READMEs come from (the machine, the load, the tables and the raw measurements).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export class ReportLog {
  lines = [];

  /** Prints a line (as console.log would) and keeps it for the log file. */
  print(text = '') {
    console.log(text);
    this.lines.push(String(text));
  }

  /** The 1, 5 and 15 minute load averages and the running/total task counts, as /proc/loadavg gives them. */
  load(when) {
    this.print(`load average ${when}: ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
  }

  save(path) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, this.lines.join('\n') + '\n');
  }
}
