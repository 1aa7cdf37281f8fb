import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SeededRng } from '@anneal/core';

/** The text the report must show as text and never run. */
export const SCRIPT_PAYLOAD = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';
/** A domain name that would close the data element if the JSON were not escaped. */
export const HOSTILE_DOMAIN = '</script><script>window.__pwned=3</script>';

const WORDS = 'the of data model token train loss curve shard domain quality filter sample code math proof lemma web page article river city'.split(
  ' ',
);

export interface GeneratedRun {
  /** a pipeline output directory: shards, stats.json, config.yaml naming the raw inputs */
  runDir: string;
  rawDocuments: number;
  keptDocuments: number;
  /** drop counts per step as written to stats.json */
  dropped: Record<string, Record<string, number>>;
}

/**
 * A small corpus and a pipeline run over it, written as `anneal run` lays them out: raw shards, the
 * kept documents in `<run>/00000.jsonl`, a balanced `stats.json` with drop reasons for two steps,
 * and a `config.yaml` naming the raw shards so the shares before curation can be read. Seeded, so
 * every run of the test sees the same files.
 */
export async function writeGeneratedRun(root: string, seed = 7): Promise<GeneratedRun> {
  const rng = new SeededRng(seed, 'report-test');
  const rawDir = join(root, 'raw');
  const runDir = join(root, 'run');
  await mkdir(rawDir, { recursive: true });
  await mkdir(runDir, { recursive: true });
  const plan: Array<[string, number]> = [
    ['web', 160],
    ['code', 70],
    ['math', 50],
    ['encyclopedic', 40],
    [HOSTILE_DOMAIN, 2],
  ];
  const raw: Array<Record<string, unknown>> = [];
  for (const [domain, n] of plan) {
    for (let i = 0; i < n; i++) {
      const words = Math.round(2 ** (4 + rng.next() * 8));
      const text = Array.from({ length: words }, () => WORDS[rng.int(0, WORDS.length - 1)]).join(' ');
      raw.push({
        id: `${domain.length > 20 ? 'hostile' : domain}-${i}`,
        text,
        domain,
        quality: domain === HOSTILE_DOMAIN ? 0.8 : Number(rng.next().toFixed(4)) ** (domain === 'web' ? 2 : 0.5),
        dup_count: rng.chance(0.15) ? rng.int(2, 40) : 1,
        language: rng.chance(0.9) ? 'en' : 'de',
      });
    }
  }
  // the payload is the whole document of its own domain, so it is always among the samples
  raw.push({ id: 'notes-0', text: SCRIPT_PAYLOAD, domain: 'notes', quality: 0.9, dup_count: 1, language: 'en' });
  raw.push({
    id: 'web-line-separators',
    text: 'ends a script? </script> and U+2028 \u2028 and U+2029 \u2029 stay text',
    domain: 'web',
    quality: 0.95,
    dup_count: 1,
    language: 'en',
  });
  raw.push({ id: 'dropped-before-curation', text: 'spam spam spam', language: 'en' });

  const half = Math.ceil(raw.length / 2);
  await writeFile(
    join(rawDir, 'raw-0.jsonl'),
    raw
      .slice(0, half)
      .map((r) => JSON.stringify(r))
      .join('\n') + '\n',
  );
  await writeFile(
    join(rawDir, 'raw-1.jsonl'),
    raw
      .slice(half)
      .map((r) => JSON.stringify(r))
      .join('\n') + '\n',
  );

  const lowQuality = raw.filter((r) => typeof r.quality !== 'number' || (r.quality as number) < 0.15);
  const afterQuality = raw.filter((r) => !lowQuality.includes(r));
  const duplicates = afterQuality.filter((r, i) => (r.dup_count as number) > 1 && i % 3 === 0);
  const kept = afterQuality.filter((r) => !duplicates.includes(r));
  await writeFile(join(runDir, '00000.jsonl'), kept.map((r) => JSON.stringify(r)).join('\n') + '\n');

  const dropped = {
    quality_floor: {
      quality_below_floor: lowQuality.filter((r) => typeof r.quality === 'number').length,
      no_quality: lowQuality.filter((r) => typeof r.quality !== 'number').length,
    },
    dedup_exact: { exact_duplicate: duplicates.length },
  };
  const steps = [
    { name: 'read', in: raw.length, out: raw.length, dropped: {}, errors: 0, bytes_in: 0, bytes_out: 0 },
    { name: 'quality_floor', in: raw.length, out: afterQuality.length, dropped: dropped.quality_floor, errors: 0, bytes_in: 0, bytes_out: 0 },
    { name: 'dedup_exact', in: afterQuality.length, out: kept.length, dropped: dropped.dedup_exact, errors: 0, bytes_in: 0, bytes_out: 0 },
  ];
  const stats = {
    documents_in: raw.length,
    documents_out: kept.length,
    errors: 0,
    dropped: raw.length - kept.length,
    steps,
    tasks: 1,
    output_files: 1,
  };
  await writeFile(join(runDir, 'stats.json'), JSON.stringify(stats, null, 2));
  await writeFile(
    join(runDir, 'config.yaml'),
    `name: generated\ninput:\n  paths: ["${join(rawDir, '*.jsonl')}"]\n  format: jsonl\noutput:\n  path: ${runDir}\n  format: jsonl\n`,
  );
  return { runDir, rawDocuments: raw.length, keptDocuments: kept.length, dropped };
}
