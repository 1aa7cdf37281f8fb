/**
 * Encyclopedic biographies: a scientist, artist, writer or engineer, with early life, career,
 * personal life and selected works.
 */
import { article } from './text-case.mjs';
import { placeName, riverName } from './place-names.mjs';
import { loadWordTable } from './word-tables.mjs';

const { LAST_NAMES, CITIES, MONTHS } = loadWordTable('people-and-places');
const { ENGLISH_COUNTIES, MALE_FIRST, FEMALE_FIRST, UNIVERSITIES, NATIONALITIES, ORDINALS } = loadWordTable('encyclopedic-names');

const PERSON_WORK = {
  chemist: {
    field: 'chemistry',
    known: [
      'the chemistry of synthetic dyes',
      'early work on catalysis',
      'studies of crystal structure',
      'research on soil nitrogen',
      'improvements to electrolysis',
    ],
    work: (r) =>
      `${r.pick(['On the', 'Researches on the', 'Notes on the'])} ${r.pick(['Action of Light on Silver Salts', 'Nitrogen Content of Soils', 'Structure of Certain Crystals', 'Preparation of Coal-Tar Dyes', 'Electrolysis of Brine'])}`,
  },
  composer: {
    field: 'music',
    known: ['choral music', 'orchestral song cycles', 'chamber music', 'music for brass band'],
    work: (r) =>
      r.pick([
        `Symphony No. ${r.int(1, 5)} in ${r.pick(['D minor', 'E flat major', 'G major', 'C minor', 'A major'])}`,
        `String Quartet No. ${r.int(1, 4)}`,
        `${placeName(r)} Suite`,
        `The ${r.pick(['Lost', 'Silent', 'Winter', 'Golden'])} ${r.pick(['Garden', 'River', 'Bell', 'Harvest'])}, opera`,
      ]),
  },
  painter: {
    field: 'painting',
    known: ['landscape watercolours', 'coastal scenes', 'portraits of working people', 'paintings of industrial towns'],
    work: (r) =>
      r.pick([
        `${placeName(r)} at Dusk`,
        `Portrait of ${r.pick(FEMALE_FIRST)}`,
        `The Harbour at ${placeName(r)}`,
        `Harvest Field near ${placeName(r)}`,
        `Snow on the ${riverName(r)}`,
      ]),
  },
  novelist: {
    field: 'literature',
    known: ['novels of rural life', 'historical fiction', 'detective stories', "children's books"],
    work: (r) =>
      `The ${r.pick(['Silent', 'Long', 'Crooked', 'Last', 'Hidden', 'Distant'])} ${r.pick(['House', 'Road', 'Summer', 'Orchard', 'Letter', 'Shore'])}`,
  },
  engineer: {
    field: 'civil engineering',
    known: ['railway viaducts', 'waterworks', 'iron bridges', 'harbour works'],
    work: (r) => `${placeName(r)} ${r.pick(['Viaduct', 'Waterworks', 'Bridge', 'Harbour', 'Reservoir'])}`,
  },
  botanist: {
    field: 'botany',
    known: ['the study of mosses', 'plant collecting expeditions', 'the flora of mountain regions', 'research on ferns'],
    work: (r) => `${r.pick(['The Flora of', 'Mosses of', 'A Handbook to the Ferns of', 'Notes on the Plants of'])} ${r.pick(ENGLISH_COUNTIES)[0]}`,
  },
};

export function personArticle(r) {
  const female = r.chance(0.4);
  const [he, his, He, His] = female ? ['she', 'her', 'She', 'Her'] : ['he', 'his', 'He', 'His'];
  const first = r.pick(female ? FEMALE_FIRST : MALE_FIRST);
  const middle = r.chance(0.4) ? ` ${r.pick(female ? FEMALE_FIRST : MALE_FIRST)}` : '';
  const last = r.pick(LAST_NAMES);
  const occ = r.pick(Object.keys(PERSON_WORK));
  const w = PERSON_WORK[occ];
  const [nat, country] = r.pick(NATIONALITIES);
  const by = r.int(1790, 1925),
    bm = r.int(0, 11),
    bd = r.int(1, 28);
  const dy = Math.min(2019, by + r.int(42, 92)),
    dm = r.int(0, 11),
    dd = r.int(1, 28);
  const age = dy - by - (dm < bm || (dm === bm && dd < bd) ? 1 : 0);
  const born = `${bd} ${MONTHS[bm]} ${by}`,
    died = `${dd} ${MONTHS[dm]} ${dy}`;
  const birthplace = placeName(r);
  const uni = r.pick(UNIVERSITIES);
  const grad = by + r.int(20, 23);
  const full = `${first}${middle} ${last}`;
  const lead = `${full} (${born} – ${died}) was ${article(nat)} ${nat} ${occ} known for ${r.pick(w.known)}.`;
  const early = [
    `${last} was born on ${born} in ${birthplace}, ${country}, the ${r.pick(ORDINALS)} of ${r.int(2, 9)} children of ${r.pick(MALE_FIRST)} ${last}, a ${r.pick(['schoolmaster', 'farmer', 'draper', 'clergyman', 'railway clerk', 'doctor', 'miller'])}, and ${r.pick(FEMALE_FIRST)} (née ${r.pick(LAST_NAMES)}).`,
    `${He} was educated locally and went on to study ${w.field} at the ${uni}, graduating in ${grad}.`,
  ];
  const career = [];
  let y = grad + r.int(1, 4);
  career.push(`In ${y} ${he} took up a post in ${r.pick(CITIES)}, where ${he} remained for ${r.int(3, 12)} years.`);
  y += r.int(4, 12);
  if (y < dy - 3) career.push(`${His} first major work, ${w.work(r)}, appeared in ${y} and was widely praised.`);
  y += r.int(3, 10);
  if (y < dy - 3)
    career.push(
      `${He} was elected to ${r.pick(['the Royal Society', 'the Royal Academy', 'the American Philosophical Society', 'the Royal Society of Edinburgh', 'the national academy'])} in ${y}.`,
    );
  if (r.chance(0.5) && y + 5 < dy)
    career.push(`From ${y + 2} ${he} taught at the ${r.pick(UNIVERSITIES)}, and many of ${his} students went on to distinguished careers.`);
  const personal = [];
  if (r.chance(0.75)) {
    const my = grad + r.int(2, 12);
    if (my < dy)
      personal.push(
        `In ${my} ${he} married ${female ? r.pick(MALE_FIRST) + ' ' + r.pick(LAST_NAMES) : r.pick(FEMALE_FIRST) + ' ' + r.pick(LAST_NAMES)}; they had ${r.int(0, 5) || 'no'} children.`.replace(
          'had 1 children',
          'had one child',
        ),
      );
  }
  personal.push(`${He} died at ${his} home in ${r.chance(0.5) ? birthplace : r.pick(CITIES)} on ${died}, aged ${age}.`);
  const works = Array.from({ length: r.int(3, 6) }, () => `* ${w.work(r)} (${r.int(grad + 2, Math.max(grad + 3, dy - 1))})`);
  const legacy = r.chance(0.5)
    ? [`A ${r.pick(['blue plaque marks', 'memorial stands near', 'school is named after ' + him(female) + ' near'])} ${his} birthplace.`]
    : [];
  const sections = [
    ['Early life', early],
    ['Career', career],
    ['Personal life', personal],
  ];
  if (legacy.length) sections.push(['Legacy', legacy]);
  sections.push(['Selected works', [...new Set(works)].sort((a, b) => a.slice(-5).localeCompare(b.slice(-5))).join('\n')]);
  return {
    title: full,
    lead,
    sections,
    stub: `${full} (${by}–${dy}) was ${article(nat)} ${nat} ${occ}.`,
    topic: 'biography',
    cats: [`${by} births`, `${dy} deaths`, `${nat} ${occ}s`],
  };
}

const him = (female) => (female ? 'her' : 'him');
