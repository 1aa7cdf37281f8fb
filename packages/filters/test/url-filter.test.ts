import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { urlFilter } from '@anneal/filters';

async function lists(files: Record<string, string>): Promise<Record<string, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'anneal-url-filter-'));
  const out: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) {
    out[name] = join(dir, `${name}.txt`);
    await writeFile(out[name], text);
  }
  return out;
}

test('url_filter: one reason per list; registered domains cover their subdomains (public suffixes respected); pages without a url pass', async () => {
  const files = await lists({
    domains: '# comment\nbadsite.com\nspam.co.uk\n',
    hosts: 'ads.example.org\n',
    urls: 'https://example.org/blocked-page\n',
    substrings: '/casino-bonus/\n',
    banned: 'porn\n',
    soft: 'casino\npoker\nbetting\n',
  });
  const step = urlFilter({
    domains_file: files.domains,
    subdomains_file: files.hosts,
    urls_file: files.urls,
    url_substrings_file: files.substrings,
    banned_words_file: files.banned,
    soft_banned_words_file: files.soft,
    soft_word_threshold: 2,
  });
  const verdict = (url: unknown) => {
    const result = step.apply({ id: 'x', text: 't', metadata: url === undefined ? {} : { url } });
    return 'dropped' in result ? result.dropped : 'kept';
  };
  assert.equal(verdict('https://badsite.com/page'), 'url_domain');
  assert.equal(verdict('https://www.news.badsite.com/page'), 'url_domain');
  assert.equal(verdict('http://shop.spam.co.uk/x'), 'url_domain', 'registered domain under a two-label public suffix');
  assert.equal(verdict('http://other.co.uk/x'), 'kept', 'co.uk itself is a public suffix, not a listed domain');
  assert.equal(verdict('https://ads.example.org/banner'), 'url_subdomain');
  assert.equal(verdict('https://www.example.org/banner'), 'kept');
  assert.equal(verdict('https://example.org/blocked-page'), 'url_exact');
  assert.equal(verdict('https://example.org/blocked-page-2'), 'kept');
  assert.equal(verdict('https://example.net/casino-bonus/today'), 'url_substring');
  assert.equal(verdict('https://example.net/free-porn-videos'), 'url_banned_word');
  assert.equal(verdict('https://example.net/pornography-law-review'), 'kept', 'banned words match whole URL words');
  assert.equal(verdict('https://example.net/casino-history'), 'kept', 'one soft-banned word is below the threshold');
  assert.equal(verdict('https://example.net/casino-poker-night'), 'url_soft_banned_words');
  assert.equal(verdict(undefined), 'kept');
  assert.equal(verdict(''), 'kept');
});
