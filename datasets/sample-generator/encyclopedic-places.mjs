/**
 * Encyclopedic articles about places: English towns and villages, American cities, and English rivers.
 */
import { commas, ordinalCentury } from './text-case.mjs';
import { pickN } from './random-choice.mjs';
import { placeName, riverName } from './place-names.mjs';
import { loadWordTable } from './word-tables.mjs';

const { LAST_NAMES, CITIES, WEEKDAYS } = loadWordTable('people-and-places');
const { PLACE_SUFFIX, OE_FIRST, ENGLISH_COUNTIES, US_STATES, DIRECTIONS, SAINTS, KINGS, INDUSTRIES, EMPLOYERS, MALE_FIRST, FEMALE_FIRST } =
  loadWordTable('encyclopedic-names');

export function settlementArticle(r) {
  const name = placeName(r);
  const suffix = Object.keys(PLACE_SUFFIX).find((s) => name.endsWith(s));
  const river = riverName(r);
  const dir = r.pick(DIRECTIONS);
  if (r.chance(0.65)) {
    const [county, city] = r.pick(ENGLISH_COUNTIES);
    const kind = r.pick(['market town', 'town', 'village', 'village']);
    const mi = r.int(3, 30);
    const pop = kind === 'village' ? r.int(250, 3500) : r.int(3000, 28000);
    const [king, k0, k1] = r.pick(KINGS);
    const charter = r.int(k0, k1);
    const railYear = r.int(1840, 1875);
    const c = r.int(12, 15);
    const elev = r.int(5, 240);
    const lead = `${name} is a ${kind} and civil parish in ${county}, England. It lies on the River ${river}, about ${mi} miles (${Math.round(mi * 1.609)} km) ${dir} of ${city}. At the ${r.pick([2011, 2021])} census the parish had a population of ${commas(pop)}.`;
    const history = [
      `The name ${name} is thought to derive from the Old English words for "${r.pick(OE_FIRST)}" and "${PLACE_SUFFIX[suffix]}".`,
      `The settlement is recorded in the Domesday Book of 1086 as ${name.replace(/[aeiou](?=[^aeiou]*$)/, 'e')}e, when it had ${r.int(8, 60)} households.`,
    ];
    if (kind === 'market town') history.push(`A market charter was granted by ${king} in ${charter}.`);
    history.push(
      `The parish church of St ${r.pick(SAINTS)} dates largely from the ${ordinalCentury(c)} century and was restored in ${r.int(1850, 1895)}.`,
    );
    if (r.chance(0.6)) history.push(`${r.pick(INDUSTRIES)} was the main source of employment throughout the 19th century.`);
    if (r.chance(0.6))
      history.push(
        `The railway arrived in ${railYear}, connecting the ${kind === 'village' ? 'village' : 'town'} to ${city}; the line closed to passengers in ${r.int(1952, 1968)}.`,
      );
    if (r.chance(0.4))
      history.push(
        `During the Second World War an airfield was built to the ${r.pick(DIRECTIONS)} of the parish; it closed in ${r.int(1946, 1960)}.`,
      );
    const geography = [
      `${name} stands at an elevation of about ${elev} metres (${Math.round(elev * 3.281)} ft) above sea level.`,
      `The surrounding countryside is mostly farmland, with areas of ancient woodland to the ${r.pick(DIRECTIONS)}.`,
    ];
    if (r.chance(0.5)) geography.push(`The River ${river} is prone to flooding, and new defences were completed in ${r.int(1998, 2019)}.`);
    const economy = [`The main employers are ${pickN(r, EMPLOYERS, 2).join(' and ')}.`];
    if (kind !== 'village') economy.push(`A weekly market is held every ${r.pick(WEEKDAYS.slice(0, 6))} in the market place.`);
    if (r.chance(0.5))
      economy.push(
        `Tourism has grown in importance since the ${r.int(196, 199)}0s, with visitors drawn by the ${r.pick(['historic town centre', 'nearby hills', 'canal', 'annual folk festival', 'medieval church', 'riverside walks'])}.`,
      );
    const transport = [`The A${r.int(30, 699)} road passes through the ${kind === 'village' ? 'village' : 'town'}.`];
    if (r.chance(0.5))
      transport.push(`${name} railway station is on the line between ${city} and ${r.pick(CITIES)}, with an hourly service in each direction.`);
    else transport.push(`The nearest railway station is at ${placeName(r)}, ${r.int(3, 12)} miles away.`);
    const people = [];
    for (let i = 0, n = r.int(0, 4); i < n; i++) {
      const b = r.int(1780, 1960);
      const d = b + r.int(45, 92);
      const life = d > 2023 ? `born ${b}` : `${b}–${d}`;
      people.push(
        `* ${r.pick([...MALE_FIRST, ...FEMALE_FIRST])} ${r.pick(LAST_NAMES)} (${life}), ${r.pick(['novelist', 'cricketer', 'painter', 'politician', 'engineer', 'composer', 'botanist', 'actor'])}`,
      );
    }
    const sections = [
      ['History', history],
      ['Geography', geography],
      ['Economy', economy],
      ['Transport', transport],
    ];
    if (people.length) sections.push(['Notable people', people.join('\n')]);
    return {
      title: name,
      lead,
      sections,
      stub: `${name} is a ${kind} in ${county}, England.`,
      topic: 'English place',
      cats: [`${kind === 'village' ? 'Villages' : 'Towns'} in ${county}`, `Civil parishes in ${county}`],
    };
  }
  const [state, city] = r.pick(US_STATES);
  const county = placeName(r);
  const pop = r.int(800, 45000);
  const area = r.int(120, 1800) / 100;
  const water = Math.round(area * r.int(1, 12)) / 100;
  const platted = r.int(1830, 1880);
  const hh = Math.round(pop / (r.int(22, 27) / 10));
  const fam = Math.round((hh * r.int(55, 70)) / 100);
  const lead =
    `${name} is a city in ${county} County, ${state}, United States. The population was ${commas(pop)} at the 2020 census.` +
    (r.chance(0.5) ? ` It is the county seat of ${county} County.` : '');
  const history = [
    `The area was settled by European Americans in the ${Math.floor(platted / 10) * 10 - 10}s.`,
    `${name} was platted in ${platted} and incorporated as a city in ${platted + r.int(3, 25)}.`,
  ];
  if (r.chance(0.6))
    history.push(
      `The arrival of the ${r.pick(['Chicago, Burlington and Quincy Railroad', 'Northern Pacific Railway', 'Union Pacific Railroad', 'Great Northern Railway'])} in ${platted + r.int(2, 30)} made the town an important shipping point for grain and livestock.`,
    );
  if (r.chance(0.4)) history.push(`A fire in ${r.int(1885, 1925)} destroyed much of the downtown business district, which was rebuilt in brick.`);
  const geography = [
    `According to the United States Census Bureau, the city has a total area of ${area.toFixed(2)} square miles (${(area * 2.59).toFixed(2)} km2), of which ${water.toFixed(2)} square miles is water.`,
    `The city lies along the ${river} River, about ${r.int(10, 120)} miles ${dir} of ${city}.`,
  ];
  const demographics = [
    `As of the census of 2010, there were ${commas(Math.round((pop * r.int(90, 110)) / 100))} people, ${commas(hh)} households, and ${commas(fam)} families living in the city.`,
    `The population density was ${commas(Math.round(pop / area))} inhabitants per square mile.`,
    `The median age in the city was ${r.int(30, 46)}.${r.int(0, 9)} years.`,
  ];
  const economy = [`Major employers include ${pickN(r, EMPLOYERS, 2).join(' and ')}.`];
  const transport = [`${r.pick(['U.S. Route', 'Interstate', 'State Highway'])} ${r.int(2, 99)} passes through the city.`];
  return {
    title: `${name}, ${state}`,
    lead,
    sections: [
      ['History', history],
      ['Geography', geography],
      ['Demographics', demographics],
      ['Economy', economy],
      ['Transportation', transport],
    ],
    stub: `${name} is a city in ${county} County, ${state}, United States.`,
    topic: 'American place',
    cats: [`Cities in ${state}`, `${county} County, ${state}`],
  };
}

export function riverArticle(r) {
  const name = riverName(r);
  const [county] = r.pick(ENGLISH_COUNTIES);
  const len = r.int(12, 90);
  const villages = Array.from({ length: 3 }, () => placeName(r));
  const lead = `The River ${name} is a river in ${county}, England. It rises near ${placeName(r)} and flows generally ${r.pick(DIRECTIONS)} for ${len} kilometres (${Math.round(len / 1.609)} mi) before joining the River ${riverName(r)} at ${placeName(r)}.`;
  const course = [
    `Along its course the river passes through ${villages[0]}, ${villages[1]} and ${villages[2]}.`,
    `Its main tributaries are the ${placeName(r)} Brook and the ${riverName(r)} Beck.`,
  ];
  const hydro = [
    `The river drains a catchment of about ${r.int(40, 900)} square kilometres.`,
    `The mean flow measured at ${villages[r.int(0, 2)]} between ${r.int(1960, 1985)} and ${r.int(2010, 2020)} was ${r.int(5, 150) / 10} cubic metres per second.`,
  ];
  const ecology = [
    `The river supports populations of ${pickN(r, ['brown trout', 'grayling', 'Atlantic salmon', 'chub', 'dace', 'bullhead', 'brook lamprey', 'European eel'], 2).join(' and ')}.`,
    `Otters have returned to the upper reaches since the ${r.int(198, 201)}0s.`,
  ];
  const history = [`In the 18th and 19th centuries the river powered at least ${r.int(3, 14)} watermills, most of which ground corn.`];
  if (r.chance(0.4))
    history.push(`The lower reaches were made navigable in ${r.int(1720, 1790)}, but the navigation was abandoned after the railway opened.`);
  return {
    title: `River ${name}`,
    lead,
    sections: [
      ['Course', course],
      ['Hydrology', hydro],
      ['Ecology', ecology],
      ['History', history],
    ],
    stub: `The River ${name} is a river in ${county}, England.`,
    topic: 'river',
    cats: [`Rivers of ${county}`],
  };
}
