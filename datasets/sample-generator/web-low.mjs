/**
 * Low-quality web pages, one defect each (keyword spam, lorem ipsum, link lists, ...): what quality
 * filters should remove.
 */
import { cap } from './text-case.mjs';
import { pickN, weighted } from './random-choice.mjs';
import { fill } from './template-fill.mjs';
import { topicVars, COPYRIGHT, NAV, siteName, paragraph, pageTitle } from './web-page.mjs';
import { loadWordTable } from './word-tables.mjs';

const { BODY } = loadWordTable('web-sentences');
const { COOKIE_LINES, NEWSLETTER_LINES, FOOTER_LINES, SHARE_LINES } = loadWordTable('web-boilerplate');

const LOREM =
  'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua ut enim ad minim veniam quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur excepteur sint occaecat cupidatat non proident sunt in culpa qui officia deserunt mollit anim id est laborum'.split(
    ' ',
  );

const LOW_KINDS = [
  ['keyword_spam', 2],
  ['short', 2],
  ['bullets', 1.5],
  ['lorem', 1],
  ['ellipsis', 1.5],
  ['javascript', 1],
  ['repeated', 1.5],
  ['boilerplate_only', 1],
  ['hashtags', 0.8],
  ['tabular', 1],
];

function loremSentence(rng) {
  const n = rng.int(6, 16);
  const start = rng.int(0, LOREM.length - 1);
  const words = [];
  for (let i = 0; i < n; i++) words.push(LOREM[(start + i * rng.int(1, 3)) % LOREM.length]);
  return cap(words.join(' ')) + '.';
}

export function webLow(rng, topic) {
  const vars = topicVars(rng, topic);
  const site = siteName(rng, topic);
  const kind = weighted(rng, LOW_KINDS);
  const title = pageTitle(rng, vars);
  const lines = [];
  switch (kind) {
    case 'keyword_spam': {
      const kws = [...topic.keywords, ...topic.things.slice(0, 3).map((t) => `cheap ${t}`), `${topic.name} ${rng.int(2015, 2024)}`];
      lines.push(`${rng.pick(topic.keywords)} | ${rng.pick(topic.keywords)} | ${site}`);
      const n = rng.int(4, 9);
      for (let i = 0; i < n; i++) {
        const m = rng.int(8, 20);
        const ws = [];
        for (let j = 0; j < m; j++) ws.push(rng.pick(kws));
        if (rng.chance(0.4))
          ws.push(rng.pick(['best price', 'free shipping', 'buy now', 'top rated', 'click here', 'official site', 'discount code']));
        lines.push(ws.join(' '));
      }
      break;
    }
    case 'short':
      lines.push(
        rng.pick([
          `Page not found. The page you are looking for may have been moved. Return to ${site}.`,
          `${cap(rng.pick(topic.thing))} - out of stock. Notify me when available.`,
          `${title}\nComing soon!`,
          `Sorry, this listing for ${rng.pick(topic.things)} has expired. Item #${rng.int(10000, 99999)}.`,
          `Access denied. You must be logged in to view ${site} member pages.`,
          `${title}\n${fill(rng, rng.pick(BODY), vars)}`,
          `Thanks for signing up to ${site}! Check your inbox to confirm your subscription.`,
        ]),
      );
      break;
    case 'bullets': {
      lines.push(title);
      const marker = rng.pick(['•', '-', '*', '▪']);
      const n = rng.int(10, 24);
      const items = [
        ...topic.things,
        ...topic.thing,
        ...topic.keywords,
        'Free shipping',
        '30-day returns',
        'Best price guaranteed',
        'In stock',
        'Top rated',
        'New arrivals',
      ];
      for (let i = 0; i < n; i++) lines.push(`${marker} ${cap(rng.pick(items))}${rng.chance(0.3) ? ` ${vars.money(rng)}` : ''}`);
      break;
    }
    case 'lorem': {
      lines.push(title);
      const n = rng.int(2, 5);
      for (let i = 0; i < n; i++) {
        const m = rng.int(3, 6);
        const ss = [];
        for (let j = 0; j < m; j++) ss.push(loremSentence(rng));
        lines.push(ss.join(' '));
      }
      if (rng.chance(0.5)) lines.push(rng.pick(FOOTER_LINES));
      break;
    }
    case 'ellipsis': {
      lines.push(`Latest from ${site}`);
      const n = rng.int(8, 16);
      for (let i = 0; i < n; i++) {
        const s = fill(rng, rng.pick(BODY), vars).replace(/[.?!"]+$/, '');
        const words = s.split(' ');
        lines.push(words.slice(0, Math.max(4, rng.int(5, words.length - 1))).join(' ') + rng.pick(['...', '…', ' ...', '... Read more']));
      }
      break;
    }
    case 'javascript': {
      lines.push(
        rng.pick([
          'Please enable JavaScript to view this page.',
          'JavaScript is disabled in your browser. Please enable JavaScript to continue.',
          'You need to enable JavaScript to run this app.',
          'This site requires JavaScript. Please turn it on and reload the page.',
        ]),
      );
      if (rng.chance(0.6)) lines.push(NAV(rng, site, topic, title));
      lines.push(title);
      if (rng.chance(0.5)) lines.push('Loading...');
      if (rng.chance(0.5)) lines.push(rng.pick(COOKIE_LINES));
      lines.push(rng.pick(FOOTER_LINES), COPYRIGHT(rng, site));
      break;
    }
    case 'repeated': {
      lines.push(title);
      const base = rng.chance(0.5) ? fill(rng, rng.pick(BODY), vars) : `${rng.pick(topic.keywords)} - ${site}`;
      const other = paragraph(rng, vars, 2);
      const n = rng.int(6, 15);
      for (let i = 0; i < n; i++) lines.push(i === Math.floor(n / 2) ? other : base);
      break;
    }
    case 'boilerplate_only': {
      lines.push(
        NAV(rng, site, topic, title),
        rng.pick(COOKIE_LINES),
        'Menu',
        'Search',
        title,
        rng.pick(SHARE_LINES),
        fill(rng, rng.pick(NEWSLETTER_LINES), vars),
        rng.pick(FOOTER_LINES),
        COPYRIGHT(rng, site),
      );
      break;
    }
    case 'hashtags': {
      const tags = [...topic.keywords, ...topic.things, topic.name].map((t) => '#' + t.replace(/[^A-Za-z]/g, '').toLowerCase());
      lines.push(`${cap(rng.pick(topic.adjs))} ${rng.pick(topic.things)} today ${rng.pick(['😍', '🔥', '✨', ''])}`.trim());
      const n = rng.int(3, 6);
      for (let i = 0; i < n; i++)
        lines.push(pickN(rng, [...tags, '#instagood', '#photooftheday', '#love', '#weekend', '#follow', '#like4like'], rng.int(6, 12)).join(' '));
      break;
    }
    case 'tabular': {
      lines.push(`${title} - price list`);
      lines.push('SKU | Item | Qty | Price | Stock');
      const n = rng.int(12, 30);
      for (let i = 0; i < n; i++)
        lines.push(
          `${rng.int(100000, 999999)} | ${rng.pick(topic.things).split(' ')[0].toUpperCase()}-${rng.int(10, 999)} | ${rng.int(1, 50)} | ${rng.int(1, 500)}.${String(rng.int(0, 99)).padStart(2, '0')} | ${rng.int(0, 900)}`,
        );
      break;
    }
  }
  return { text: lines.join('\n'), kind };
}
