import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { documentStep, dropped, type DocumentStep } from '@anneal/core';
import type * as Tldts from 'tldts';
import type { UrlFilterOptions } from './url-filter-options.js';

function readList(file: string | undefined): string[] {
  if (file === undefined) return [];
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim().toLowerCase())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** The URL's words as datatrove splits them: lower-cased runs of letters and digits. */
function urlWords(url: string): Set<string> {
  return new Set(
    url
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w !== ''),
  );
}

/**
 * The `url_filter` step, after datatrove's URLFilter: drops a page whose `url` metadata is on a
 * block list, with one reason per list. Domains are compared by registered domain (the Public
 * Suffix List, through tldts: "news.bbc.co.uk" is under "bbc.co.uk"). Pages without a `url` pass
 * unchanged (restrict the step with `when:` where that matters).
 */
export function urlFilter(options: UrlFilterOptions): DocumentStep {
  const domains = new Set(readList(options.domains_file));
  const hosts = new Set(readList(options.subdomains_file));
  const urls = new Set(readList(options.urls_file));
  const substrings = readList(options.url_substrings_file);
  const banned = readList(options.banned_words_file);
  const soft = readList(options.soft_banned_words_file);
  // tldts (the Public Suffix List, 0.04 s to load) is required when a step is built, not when
  // @anneal/filters is imported: `anneal validate` and pipelines without url_filter never need it.
  const { parse } = createRequire(import.meta.url)('tldts') as typeof Tldts;
  return documentStep('url_filter', (doc) => {
    const url = doc.metadata.url;
    if (typeof url !== 'string' || url === '') return doc;
    const lower = url.toLowerCase();
    const parsed = parse(lower);
    const host = parsed.hostname ?? '';
    const domain = parsed.domain ?? host;
    if (domains.size > 0 && (domains.has(domain) || domains.has(host))) return dropped('url_domain');
    if (hosts.size > 0 && (hosts.has(host) || hosts.has(host.replace(/^www\./, '')))) return dropped('url_subdomain');
    if (urls.size > 0 && (urls.has(lower) || urls.has(lower.replace(/^[a-z]+:\/\//, '')))) return dropped('url_exact');
    if (substrings.length > 0 || banned.length > 0 || soft.length > 0) {
      if (substrings.some((s) => lower.includes(s))) return dropped('url_substring');
      const words = urlWords(lower);
      if (banned.some((w) => words.has(w))) return dropped('url_banned_word');
      let softHits = 0;
      for (const w of soft) if (words.has(w)) softHits++;
      if (soft.length > 0 && softHits >= options.soft_word_threshold) return dropped('url_soft_banned_words');
    }
    return doc;
  });
}
