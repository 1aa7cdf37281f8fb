/**
 * The statistics printed after generating (or alone with --stats).
 */
import { commas, wordCount } from './text-case.mjs';
import { NEAR_DUP, COPY_MIN } from './shingle-similarity.mjs';
import { SHARD_COUNT } from './shards.mjs';

function table(rows, header) {
  const widths = header.map((h, i) => Math.max(String(h).length, ...rows.map((r) => String(r[i]).length)));
  const fmt = (r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt)].join('\n');
}

export function stats(opts, docs, shardInfo, guard) {
  const out = [];
  const tally = (keyFn) => {
    const m = new Map();
    for (const d of docs) m.set(keyFn(d), (m.get(keyFn(d)) ?? 0) + 1);
    return m;
  };
  out.push(`anneal sample corpus: seed ${opts.seed}, scale ${opts.scale}, ${docs.length} documents in ${SHARD_COUNT} shards`);
  out.push('');
  const domains = ['web', 'code', 'math', 'encyclopedic'];
  const qs = ['high', 'medium', 'low'];
  const dq = tally((d) => `${d.true_domain}/${d.intended_quality}`);
  const rows = domains.map((dm) => [dm, ...qs.map((q) => dq.get(`${dm}/${q}`) ?? 0), qs.reduce((s, q) => s + (dq.get(`${dm}/${q}`) ?? 0), 0)]);
  rows.push(['total', ...qs.map((q) => docs.filter((d) => d.intended_quality === q).length), docs.length]);
  out.push('By true_domain and intended_quality:', table(rows, ['true_domain', ...qs, 'total']), '');
  const shown = tally((d) => (d.domain === undefined ? '(absent)' : d.domain === '' ? '(empty)' : d.domain));
  const mism = docs.filter((d) => d.domain && d.domain !== d.true_domain).length;
  out.push(
    `domain field as shown: ${[...shown]
      .sort()
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}; set but different from true_domain: ${mism}`,
  );
  out.push(
    `source: ${[...tally((d) => d.source)]
      .sort()
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  out.push(
    `language: ${[...tally((d) => d.language)]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  const nonEn = docs.filter((d) => d.language !== 'en');
  out.push(
    `non-English by true_domain: ${[...tally((d) => (d.language === 'en' ? null : d.true_domain))]
      .filter(([k]) => k)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')} (${nonEn.length} total)`,
  );
  out.push('');
  const clusters = new Map();
  for (const d of docs) if (d.dup_cluster) clusters.set(d.dup_cluster, [...(clusters.get(d.dup_cluster) ?? []), d]);
  const sizes = new Map();
  let exact = 0;
  for (const members of clusters.values()) {
    sizes.set(members.length, (sizes.get(members.length) ?? 0) + 1);
    if (new Set(members.map((m) => m.text)).size === 1) exact++;
  }
  const inClusters = [...clusters.values()].reduce((s, m) => s + m.length, 0);
  out.push(
    `duplicate clusters: ${clusters.size} (${clusters.size - exact} near-duplicate, ${exact} exact), ${inClusters} documents in clusters, ${inClusters - clusters.size} of them copies; ${docs.length - inClusters} unique documents (dup_cluster null)`,
  );
  out.push(
    `near-duplicate guard (word 5-gram Jaccard < ${NEAR_DUP} outside clusters, copies >= ${COPY_MIN} to their original): ${guard.regenerated} documents regenerated, ${guard.dropped} dropped`,
  );
  out.push(
    `cluster sizes: ${[...sizes]
      .sort((a, b) => a[0] - b[0])
      .map(([k, v]) => `${k} docs: ${v}`)
      .join(', ')}`,
  );
  out.push(
    `clusters by true_domain: ${[...tally((d) => (d.dup_cluster && d.id === clusters.get(d.dup_cluster)[0].id ? d.true_domain : null))]
      .filter(([k]) => k)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  out.push('');
  const kinds = tally((d) => (d.true_domain === 'web' && d.intended_quality === 'low' && !d.dup_cluster ? d.kind.split('/')[1] : null));
  out.push(
    `low-quality web pages by defect (unique docs): ${[...kinds]
      .filter(([k]) => k)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  const codeLang = tally((d) => (d.true_domain === 'code' ? d.kind.replace(/^crawled\//, '').split('/')[0] : null));
  out.push(
    `code files by language: ${[...codeLang]
      .filter(([k]) => k)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  const ency = tally((d) => (d.true_domain === 'encyclopedic' && d.language === 'en' ? d.kind.replace(/^crawled\//, '') : null));
  out.push(
    `encyclopedic articles (English) by subject: ${[...ency]
      .filter(([k]) => k)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  out.push('');
  const textBytes = docs.reduce((s, d) => s + Buffer.byteLength(d.text), 0);
  const words = docs.reduce((s, d) => s + wordCount(d.text), 0);
  out.push(`text: ${commas(textBytes)} bytes, ${commas(words)} whitespace-separated words`);
  if (shardInfo) {
    out.push(
      table(
        shardInfo.map((s) => [s.file, s.docs, commas(s.bytes), commas(s.gzBytes)]),
        ['shard', 'docs', 'jsonl bytes', 'gzip bytes'],
      ),
    );
    out.push(
      `total: ${commas(shardInfo.reduce((s, x) => s + x.bytes, 0))} bytes of JSONL, ${commas(shardInfo.reduce((s, x) => s + x.gzBytes, 0))} bytes gzipped`,
    );
  }
  return out.join('\n');
}
