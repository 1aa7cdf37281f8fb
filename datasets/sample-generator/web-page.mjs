/**
 * The main text of a web page about one topic (blog post, how-to, FAQ, review, local news), and the
 * page chrome (site name, navigation, copyright) that the medium and low quality pages wrap around it.
 */
import { cap, titleCase, article, commas } from './text-case.mjs';
import { pickN, weighted } from './random-choice.mjs';
import { fill, intSlot } from './template-fill.mjs';
import { personName } from './people-and-dates.mjs';
import { loadWordTable } from './word-tables.mjs';

const { FIRST_NAMES, CITIES, MONTHS, WEEKDAYS, STREETS, BRANDS, CONNECTIVES } = loadWordTable('people-and-places');
const {
  OPENERS,
  BODY,
  CLOSERS,
  TITLES,
  FAQ_QUESTIONS,
  REVIEW_SENTENCES,
  NEWS_ORGS,
  NEWS_ACTIONS,
  NEWS_EVENTS,
  NEWS_SENTENCES,
  NEWS_EVENT_SENTENCES,
} = loadWordTable('web-sentences');

/** A slot that draws a word from `words` when filled and puts "a" or "an" before it. */
const withArticle = (words) => (r) => {
  const w = r.pick(words);
  return `${article(w)} ${w}`;
};

/** Slot values for one page about one topic. */
export function topicVars(rng, topic) {
  const currency = rng.pick(['$', '£', '€']);
  return {
    // Sentence templates already used on this page; a page does not repeat a template.
    usedTemplates: new Set(),
    topic: topic.name,
    people: topic.people,
    things: topic.things,
    things2: topic.things,
    thing: topic.thing,
    thing2: topic.thing,
    a_thing: withArticle(topic.thing),
    verb: topic.verbs,
    verb2: topic.verbs,
    adj: topic.adjs,
    a_adj: withArticle(topic.adjs),
    ctx: topic.ctx,
    name: personName,
    first: FIRST_NAMES,
    city: CITIES,
    city2: CITIES,
    month: MONTHS,
    weekday: WEEKDAYS,
    street: STREETS,
    brand: BRANDS,
    year: intSlot(2009, 2024),
    oldyear: intSlot(1952, 1999),
    day: intSlot(1, 28),
    num: intSlot(2, 12),
    num2: intSlot(3, 30),
    pct: intSlot(5, 60),
    bignum: (r) => commas(r.int(30, 400) * 50),
    bignum2: (r) => commas(r.int(20, 300) * 50),
    money: (r) => `${currency}${r.pick([15, 20, 25, 30, 40, 45, 50, 60, 75, 80, 90, 100, 120, 150, 200, 250, 300, 500])}`,
    bigmoney: (r) => `${currency}${r.int(2, 95) / 2} million`,
    mins: (r) => String(r.pick([10, 15, 20, 30, 45])),
  };
}

export const COPYRIGHT = (r, site) =>
  r.pick([
    `© ${r.int(2012, 2024)} ${site}. All rights reserved.`,
    `Copyright © ${r.int(2005, 2015)}-${r.int(2019, 2024)} ${site}`,
    `© ${site} ${r.int(2015, 2024)}`,
  ]);

export const NAV = (r, site, topic, title) =>
  r.pick([
    `Home > Blog > ${titleCase(topic.name)} > ${title}`,
    `Home / ${titleCase(topic.name)} / Guides`,
    'Skip to main content',
    `${site} Menu Search`,
    `Home » ${titleCase(topic.name)} » ${title}`,
  ]);

export function siteName(rng, topic) {
  const t = titleCase(topic.name);
  return rng.pick([
    `The ${t} Corner`,
    `${rng.pick(FIRST_NAMES)}'s ${t} Blog`,
    `${t} Weekly`,
    `${rng.pick(CITIES)} ${t} Club`,
    `${t} Today`,
    `${rng.pick(['Green', 'Little', 'Simple', 'Happy', 'Modern', 'Honest'])} ${t}`,
  ]);
}

function sentence(rng, vars, pool, connectiveChance = 0.2) {
  let template = rng.pick(pool);
  const used = vars.usedTemplates;
  for (let tries = 0; used?.has(template) && tries < 12; tries++) template = rng.pick(pool);
  if (used) used.add(template);
  let text = fill(rng, template, vars);
  if (rng.chance(connectiveChance) && /^[A-Z][a-z]/.test(template) && !template.includes('?') && !template.startsWith('I ')) {
    text = rng.pick(CONNECTIVES) + text.charAt(0).toLowerCase() + text.slice(1);
  }
  return text;
}

export function paragraph(rng, vars, n, pool = BODY) {
  const out = [];
  const used = new Set();
  while (out.length < n) {
    const s = sentence(rng, vars, pool);
    if (used.has(s)) continue;
    used.add(s);
    out.push(s);
  }
  return out.join(' ');
}

export function pageTitle(rng, vars) {
  return titleCase(fill(rng, rng.pick(TITLES), { ...vars, topic: vars.topic }));
}

/** Main text of a page in one of several genres; returns { title, blocks }. */
export function webContent(rng, topic, vars, size) {
  const genre = weighted(rng, [
    ['blog', 4],
    ['howto', 2],
    ['faq', 1.5],
    ['review', 1.5],
    ['news', 1.5],
  ]);
  const blocks = [];
  let title;
  const bodyParagraphs = size === 'long' ? rng.int(3, 6) : rng.int(1, 3);
  if (genre === 'news') {
    const city = rng.pick(CITIES);
    const nv = { ...vars, city, org: rng.pick(NEWS_ORGS), event: rng.pick(NEWS_EVENTS) };
    if (rng.chance(0.55)) {
      const action = fill(rng, rng.pick(NEWS_ACTIONS), nv);
      title = titleCase(`${city} ${nv.org} to ${action}`);
      blocks.push(
        fill(rng, `${city} - The {org} announced on {weekday} that it will ${action} by {month} {year}.`, nv) +
          ' ' +
          paragraph(rng, nv, rng.int(1, 2), NEWS_SENTENCES),
      );
      for (let i = 0; i < bodyParagraphs; i++) blocks.push(paragraph(rng, nv, rng.int(2, 4), NEWS_SENTENCES));
    } else {
      title = titleCase(`${city} ${nv.event} draws record crowds`);
      blocks.push(
        fill(rng, `Thousands of visitors came to ${city} on {weekday} for the annual {event}.`, nv) +
          ' ' +
          paragraph(rng, nv, rng.int(1, 2), NEWS_EVENT_SENTENCES),
      );
      for (let i = 0; i < bodyParagraphs; i++)
        blocks.push(paragraph(rng, nv, rng.int(2, 4), rng.chance(0.5) ? NEWS_EVENT_SENTENCES : NEWS_SENTENCES));
    }
    return { title, blocks, genre };
  }
  title = pageTitle(rng, vars);
  if (genre === 'review') {
    const rv = { ...vars, brand: rng.pick(BRANDS), thing: rng.pick(topic.thing) };
    title = titleCase(fill(rng, 'Review: the {brand} {thing}', rv));
    blocks.push(paragraph(rng, rv, rng.int(3, 5), REVIEW_SENTENCES));
    for (let i = 0; i < bodyParagraphs - 1; i++) blocks.push(paragraph(rng, rv, rng.int(3, 5)));
    blocks.push(
      `Verdict: ${fill(rng, rng.pick(['a well-made {thing} with a few minor flaws.', 'good value if you {verb} regularly.', 'solid, but not for everyone.', 'the best {thing} we have tested at this price.']), rv)} Rating: ${rng.int(2, 5)} out of 5.`,
    );
    return { title, blocks, genre };
  }
  blocks.push(fill(rng, rng.pick(OPENERS), vars) + ' ' + paragraph(rng, vars, rng.int(1, 3)));
  if (genre === 'howto') {
    title = titleCase(fill(rng, 'How to {verb}', vars));
    const needs = pickN(rng, [...topic.things, ...topic.thing], rng.int(3, 5));
    blocks.push(['What you will need:', ...needs.map((n) => `- ${n}`)].join('\n'));
    const steps = pickN(rng, topic.verbs, rng.int(3, 5));
    steps.forEach((v, i) => blocks.push(`Step ${i + 1}: ${cap(v)}. ${paragraph(rng, vars, rng.int(1, 3))}`));
  } else if (genre === 'faq') {
    title = titleCase(`${topic.name}: frequently asked questions`);
    const qs = pickN(rng, FAQ_QUESTIONS, bodyParagraphs + 1);
    for (const q of qs) blocks.push(`${fill(rng, q, vars)}\n${paragraph(rng, vars, rng.int(2, 4))}`);
  } else {
    for (let i = 0; i < bodyParagraphs; i++) blocks.push(paragraph(rng, vars, rng.int(3, 6)));
  }
  if (size === 'long' || rng.chance(0.5))
    blocks.push(paragraph(rng, vars, rng.int(0, 1)) + (blocks.length ? ' ' : '') + fill(rng, rng.pick(CLOSERS), vars));
  return { title, blocks: blocks.map((b) => b.trim()), genre };
}
