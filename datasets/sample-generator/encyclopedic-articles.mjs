/**
 * Encyclopedic articles (Wikipedia-like plain text: title, lead, sections) about settlements, rivers,
 * people, species, structures and organisations, in high, stub and mirror-site quality. Each article
 * kind is its own module; this one picks a kind and renders it at the drawn quality.
 */
import { cap, article } from './text-case.mjs';
import { pickN, weighted } from './random-choice.mjs';
import { loadWordTable } from './word-tables.mjs';
import { settlementArticle, riverArticle } from './encyclopedic-places.mjs';
import { personArticle } from './encyclopedic-people.mjs';
import { speciesArticle } from './encyclopedic-species.mjs';
import { structureArticle } from './encyclopedic-buildings.mjs';
import { organisationArticle } from './encyclopedic-organisations.mjs';

const { FIRST_NAMES, LAST_NAMES } = loadWordTable('people-and-places');

/** An article is a title, a lead paragraph and named sections; lists are lines starting with "* ". */
function renderArticle(title, lead, sections) {
  const parts = [title, lead];
  for (const [heading, body] of sections) if (body?.length) parts.push(heading, Array.isArray(body) ? body.join(' ') : body);
  return parts.join('\n\n');
}

const ARTICLE_KINDS = [
  [settlementArticle, 4],
  [riverArticle, 1],
  [personArticle, 3],
  [speciesArticle, 2.5],
  [structureArticle, 1.5],
  [organisationArticle, 1.5],
];

export function encyclopedicDoc(rng) {
  const art = weighted(rng, ARTICLE_KINDS)(rng);
  const quality = weighted(rng, [
    ['high', 80],
    ['medium', 14],
    ['low', 6],
  ]);
  let text;
  if (quality === 'high') {
    const sections = art.sections.slice();
    if (rng.chance(0.25)) {
      const refs = Array.from(
        { length: rng.int(2, 4) },
        () =>
          `${rng.pick(LAST_NAMES)}, ${rng.pick(FIRST_NAMES)} (${rng.int(1950, 2020)}). ${rng.pick(['A History of', 'The Natural History of', 'Notes on', 'Records of'])} ${art.title.replace(/\.$/, '')}. ${rng.pick(['London', 'Oxford', 'Edinburgh', 'New York', 'Cambridge'])}: ${rng.pick(['Clarendon Press', 'Batsford', 'Collins', 'University Press', 'Phillimore'])}. p. ${rng.int(3, 400)}.`,
      );
      sections.push(['References', refs.join('\n')]);
    }
    text = renderArticle(art.title, art.lead, sections);
  } else if (quality === 'medium') {
    // A stub: the lead and one short section.
    const [heading, body] = art.sections[0];
    text = renderArticle(art.title, art.lead, [[heading, Array.isArray(body) ? body.slice(0, 2) : body]]);
  } else {
    // A mirror-site stub: a sentence or two and wiki chrome.
    const lines = [art.title];
    if (rng.chance(0.6)) lines.push('From Wikipedia, the free encyclopedia');
    if (rng.chance(0.3)) lines.push('Jump to navigation Jump to search');
    lines.push(rng.chance(0.5) ? art.stub : art.lead);
    lines.push(
      rng.pick([
        `This article about ${article(art.topic)} ${art.topic} is a stub. You can help Wikipedia by expanding it.`,
        `This ${art.topic}-related article is a stub.`,
        'This article does not cite any sources. Please help improve this article by adding citations to reliable sources.',
        'This article needs additional citations for verification.',
      ]),
    );
    lines.push(...pickN(rng, ['References', 'External links', 'See also', 'Further reading'], rng.int(1, 3)));
    lines.push(
      `Categories: ${[...art.cats, ...pickN(rng, [`${cap(art.topic)} stubs`, 'Articles with short description', 'Coordinates on Wikidata', 'All stub articles', 'Articles lacking sources'], rng.int(1, 2))].join(' | ')}`,
    );
    if (rng.chance(0.5))
      lines.push(
        'Retrieved from "https://en.wikipedia.org/w/index.php?title=' +
          art.title.replace(/ /g, '_') +
          '&oldid=' +
          rng.int(100000000, 999999999) +
          '"',
      );
    text = lines.join('\n');
  }
  return { text, quality, kind: art.topic };
}
