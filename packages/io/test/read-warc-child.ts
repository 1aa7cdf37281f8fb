// Reads one WARC file in a fresh process and prints the ids, the errors and the process's peak
// resident set size, so warc-reader.test.ts can bound the memory a huge record costs.
import { readDocuments } from '@anneal/io';

const baselineMiB = Math.round(process.resourceUsage().maxRSS / 1024);
const ids: string[] = [];
const errors: string[] = [];
for await (const item of readDocuments(process.argv[2]!).records) {
  if (item.error) errors.push(item.error.message);
  else ids.push(item.doc.id);
}
process.stdout.write(JSON.stringify({ ids, errors, baselineMiB, maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));
