// Runs one mixture job in a process of its own, so its peak RSS is the job's alone:
//   node bench/lib/mixture-child.mjs stats <shard dir>
//   node bench/lib/mixture-child.mjs mix '<mixture config as JSON>'
// Prints one JSON line: wall seconds, VmHWM (peak RSS from /proc), and what was computed, for checks.
import { readFileSync } from 'node:fs';
import { computeMixture, parseMixtureConfig, writeMixture } from '@anneal/mixture';
import { computeCorpusStats } from '@anneal/stats';

const [mode, arg] = process.argv.slice(2);
const t0 = process.hrtime.bigint();
let summary;
if (mode === 'stats') {
  const s = await computeCorpusStats([arg], { beforeCuration: false });
  summary = {
    documents: s.totals.documents,
    tokens: s.totals.tokens,
    domains: Object.fromEntries(
      s.domains.map((d) => [d.domain, { documents: d.documents, tokens: d.tokens, quality_p50: d.quality.p50, length_p50: d.length_tokens.p50 }]),
    ),
  };
} else if (mode === 'mix') {
  const config = parseMixtureConfig(JSON.parse(arg));
  const result = await computeMixture(config);
  const files = await writeMixture(result);
  summary = {
    documents: result.documents,
    files: files.length,
    stages: Object.fromEntries(
      result.manifests.map((m) => [
        m.stage,
        Object.fromEntries(m.domains.map((d) => [d.domain, { target: d.target_tokens, tokens: d.tokens, selected: d.documents }])),
      ]),
    ),
  };
} else throw new Error(`mode must be stats or mix, got ${mode}`);
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const vmHWM = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) * 1024;
process.stdout.write(JSON.stringify({ seconds, vmHWM, ...summary }) + '\n');
