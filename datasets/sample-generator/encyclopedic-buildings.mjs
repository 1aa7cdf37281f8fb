/**
 * Encyclopedic articles about listed buildings: bridges, lighthouses, castles, mills and town halls.
 */
import { commas, ordinalCentury } from './text-case.mjs';
import { placeName, riverName } from './place-names.mjs';
import { loadWordTable } from './word-tables.mjs';

const { LAST_NAMES } = loadWordTable('people-and-places');
const { ENGLISH_COUNTIES, MALE_FIRST } = loadWordTable('encyclopedic-names');

const STRUCTURES = [
  {
    type: 'Bridge',
    what: (river) => `road bridge over the River ${river}`,
    detail: (r) => `It has ${r.int(3, 9)} segmental arches, the widest spanning ${r.int(12, 30)} metres.`,
    material: ['local sandstone', 'granite', 'limestone ashlar', 'red brick', 'cast iron'],
  },
  {
    type: 'Lighthouse',
    what: () => 'lighthouse',
    detail: (r) => `The tower is ${r.int(18, 45)} metres tall and its light can be seen for ${r.int(12, 26)} nautical miles.`,
    material: ['granite', 'brick rendered in white', 'cast iron plates'],
  },
  {
    type: 'Castle',
    what: () => 'ruined castle',
    detail: (r) => `The surviving keep stands ${r.int(12, 28)} metres high, with walls up to ${r.int(2, 5)} metres thick.`,
    material: ['rubble sandstone', 'limestone', 'flint with stone dressings'],
  },
  {
    type: 'Mill',
    what: (river) => `watermill on the River ${river}`,
    detail: (r) => `The iron waterwheel, ${r.int(4, 8)} metres in diameter, still turns on open days.`,
    material: ['red brick', 'timber weatherboarding', 'local stone'],
  },
  {
    type: 'Town Hall',
    what: () => 'municipal building',
    detail: (r) => `The main front has ${r.int(5, 11)} bays and is topped by a clock tower.`,
    material: ['red brick with stone dressings', 'ashlar sandstone', 'yellow brick'],
  },
];

export function structureArticle(r) {
  const s = r.pick(STRUCTURES);
  const place = placeName(r);
  const [county] = r.pick(ENGLISH_COUNTIES);
  const river = riverName(r);
  const y1 = r.int(1250, 1880),
    y2 = y1 + r.int(2, 9);
  const grade = r.pick(['Grade I', 'Grade II*', 'Grade II']);
  const architect = `${r.pick(MALE_FIRST)} ${r.pick(LAST_NAMES)}`;
  const lead =
    `${place} ${s.type} is a ${grade} listed ${s.what(river)} in ${place}, ${county}, England.` +
    (y1 > 1700
      ? ` It was designed by ${architect} and completed in ${y2}.`
      : ` It dates from the ${ordinalCentury(Math.floor(y1 / 100) + 1)} century.`);
  const history = [
    y1 > 1700
      ? `Construction began in ${y1} to a design by ${architect}, and the work cost about £${commas(r.int(2, 90) * 1000)}.`
      : `The first structure on the site is mentioned in a charter of ${y1}.`,
  ];
  const y3 = Math.max(y2 + 5, r.int(1800, 1990));
  history.push(
    `It was badly damaged by ${r.pick(['a severe storm', 'fire', 'flooding', 'bombing'])} in ${y3 > 2015 ? 1987 : y3} and repaired the following year.`,
  );
  if (r.chance(0.6))
    history.push(
      `Ownership passed to ${r.pick(['the National Trust', 'the county council', 'a local charitable trust', 'English Heritage'])} in ${r.int(1950, 2012)}.`,
    );
  const description = [`The ${s.type.toLowerCase()} is built of ${r.pick(s.material)}.`, s.detail(r)];
  const today = [
    `It was designated a listed building in ${r.int(1950, 1990)}.`,
    r.chance(0.5)
      ? `It is open to the public at weekends from ${r.pick(['March', 'April', 'May'])} to ${r.pick(['September', 'October'])}.`
      : `It is not open to the public, but can be seen from the ${r.pick(['footpath', 'road', 'riverbank'])}.`,
  ];
  return {
    title: `${place} ${s.type}`,
    lead,
    sections: [
      ['History', history],
      ['Description', description],
      ['Present day', today],
    ],
    stub: `${place} ${s.type} is a listed building in ${county}, England.`,
    topic: 'building',
    cats: [`${grade} listed buildings in ${county}`],
  };
}
