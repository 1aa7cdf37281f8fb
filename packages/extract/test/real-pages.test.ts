import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { extractMainText } from '@anneal/extract';

// Three pages of trafilatura's evaluation set whose extraction was checked by hand (2026-12-03):
// the text starts at the article's first paragraph, ends at its last, and holds none of the page
// furniture around it. All three are UTF-8.
const dir = fileURLToPath(new URL('../../../../../shared/datasets/web/trafilatura-eval/html/', import.meta.url));
const skip = existsSync(dir) ? false : `${dir} is absent (see the datasets README); real-page extraction tests skipped`;

function extractFile(name: string): string {
  return extractMainText(new TextDecoder('utf-8').decode(gunzipSync(readFileSync(`${dir}${name}.gz`)))).text;
}

const pages = [
  {
    file: 'piratenpartei-mv.de.grundeinkommen.html', // WordPress post whose <section> carries tag-… and category-… classes
    first: 'Unter diesem Motto findet am 14. September um 13 Uhr eine Demonstration in Berlin statt',
    last: 'Alle weiteren Informationen zur Demonstration findet ihr hier.',
    absent: ['getaggt mit:', 'Was denkst du?', 'Impressum'],
  },
  {
    file: 'security.googleblog.com.protection.html', // Blogger: the post is in <noscript> and a JavaScript template
    first: 'Over the past few years we’ve seen threats on the web becoming increasingly sophisticated.',
    last: 'with the goal to expand Chrome’s security offerings to cover all users.',
    absent: ['Give us feedback in our', 'Google Privacy Terms', 'insights from Google on security and safety on the Internet'],
  },
  {
    file: 'theatlantic.com.disasters.html', // one article split into several articleBody sections
    first: 'When I moved to California five years ago, I planted a tree in my yard.',
    last: 'For all of us, for all of our children, and even for our trees.',
    absent: ['Some were blasted by critics, some flopped at the', 'Subscribe and support 162 years of independent journalism'],
  },
];

for (const page of pages) {
  test(`hand-checked page ${page.file}`, { skip }, () => {
    const text = extractFile(page.file);
    assert.ok(text.startsWith(page.first), text.slice(0, 200));
    assert.ok(text.includes(page.last), text.slice(-300));
    for (const s of page.absent) assert.ok(!text.includes(s), `boilerplate "${s}" left in`);
    assert.ok(!/\n{3,}/.test(text) && !/ {2,}/.test(text), 'paragraphs separated by one blank line, spaces collapsed');
  });
}
