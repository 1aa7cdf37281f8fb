/**
 * Encyclopedic articles (Wikipedia-like plain text: title, lead, sections) about settlements, rivers,
 * people, species, structures and organisations, in high, stub and mirror-site quality.
 */
import { cap, article, commas } from './text-case.mjs';
import { pickN, weighted } from './random-choice.mjs';
import { loadWordTable } from './word-tables.mjs';

const { FIRST_NAMES, LAST_NAMES, CITIES, MONTHS, WEEKDAYS, STREETS } = loadWordTable('people-and-places');
const {
  PLACE_PREFIX,
  PLACE_SUFFIX,
  OE_FIRST,
  RIVER_SYL,
  ENGLISH_COUNTIES,
  US_STATES,
  DIRECTIONS,
  SAINTS,
  KINGS,
  INDUSTRIES,
  EMPLOYERS,
  MALE_FIRST,
  FEMALE_FIRST,
  UNIVERSITIES,
  NATIONALITIES,
  ORDINALS,
  GENUS_A,
  GENUS_B,
  EPITHETS,
  REGIONS,
} = loadWordTable('encyclopedic-names');

const placeName = (r) => r.pick(PLACE_PREFIX) + r.pick(Object.keys(PLACE_SUFFIX));

const riverName = (r) => r.pick(RIVER_SYL[0]) + r.pick(RIVER_SYL[1]);

const ordinalCentury = (c) =>
  `${c}${c === 11 || c === 12 || c === 13 ? 'th' : c % 10 === 1 ? 'st' : c % 10 === 2 ? 'nd' : c % 10 === 3 ? 'rd' : 'th'}`;

/** An article is a title, a lead paragraph and named sections; lists are lines starting with "* ". */
function renderArticle(title, lead, sections) {
  const parts = [title, lead];
  for (const [heading, body] of sections) if (body?.length) parts.push(heading, Array.isArray(body) ? body.join(' ') : body);
  return parts.join('\n\n');
}

function settlementArticle(r) {
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

function riverArticle(r) {
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

function personArticle(r) {
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

const SPECIES_GROUPS = [
  {
    group: 'ground beetle',
    family: 'Carabidae',
    measure: (a, b) => `Adults measure ${a}–${b} mm in length.`,
    size: [6, 30],
    habitat: ['leaf litter in deciduous forest', 'damp meadows', 'gravel riverbanks', 'alpine grassland'],
    ecology: 'Both adults and larvae are predators of small invertebrates, and adults are mostly active at night.',
  },
  {
    group: 'moth',
    family: 'Geometridae',
    measure: (a, b) => `The wingspan is ${a}–${b} mm.`,
    size: [18, 45],
    habitat: ['open woodland', 'heathland', 'hedgerows', 'mountain scrub'],
    ecology: 'The larvae feed on the leaves of birch, willow and heather, and adults are attracted to light.',
  },
  {
    group: 'flowering plant',
    family: 'Asteraceae',
    measure: (a, b) => `It is a perennial herb growing to ${a}–${b} cm tall.`,
    size: [20, 120],
    habitat: ['dry limestone grassland', 'roadsides and field margins', 'rocky slopes', 'coastal cliffs'],
    ecology: 'It flowers in summer and is pollinated mainly by bees and hoverflies.',
  },
  {
    group: 'orchid',
    family: 'Orchidaceae',
    measure: (a, b) => `Flowering stems reach ${a}–${b} cm.`,
    size: [10, 60],
    habitat: ['chalk downland', 'damp woodland', 'mossy rock ledges', 'cloud forest'],
    ecology: 'Like many orchids, it depends on mycorrhizal fungi for germination and early growth.',
  },
  {
    group: 'freshwater fish',
    family: 'Cyprinidae',
    measure: (a, b) => `It reaches a standard length of ${a}–${b} cm.`,
    size: [6, 40],
    habitat: ['clear, fast-flowing streams', 'lowland rivers', 'lakes with dense vegetation', 'mountain torrents'],
    ecology: 'It feeds on insect larvae, small crustaceans and plant material, and spawns over gravel in spring.',
  },
  {
    group: 'tree frog',
    family: 'Hylidae',
    measure: (a, b) => `Adults have a snout–vent length of ${a}–${b} mm.`,
    size: [22, 60],
    habitat: ['humid lowland forest', 'forest edges near ponds', 'montane forest', 'plantations'],
    ecology: 'Males call from vegetation near water after heavy rain, and the eggs are laid in temporary pools.',
  },
  {
    group: 'land snail',
    family: 'Helicidae',
    measure: (a, b) => `The shell measures ${a}–${b} mm in diameter.`,
    size: [8, 35],
    habitat: ['limestone scree', 'gardens and hedgerows', 'dry grassland', 'old stone walls'],
    ecology: 'It is active mainly at night and after rain, and seals its shell during dry periods.',
  },
  {
    group: 'finch',
    family: 'Fringillidae',
    measure: (a, b) => `It is a small bird, ${a}–${b} cm long.`,
    size: [11, 18],
    habitat: ['conifer forest', 'scrubland', 'farmland with hedges', 'high-altitude meadows'],
    ecology: 'It feeds mainly on seeds and forms small flocks outside the breeding season.',
  },
];

function speciesArticle(r) {
  const g = r.pick(SPECIES_GROUPS);
  const genus = r.pick(GENUS_A) + r.pick(GENUS_B);
  const epithet = r.chance(0.2)
    ? `${r
        .pick(LAST_NAMES)
        .toLowerCase()
        .replace(/[^a-z]/g, '')}i`
    : r.pick(EPITHETS);
  const name = `${genus} ${epithet}`;
  const describer = r.pick(LAST_NAMES);
  const year = r.int(1758, 1995);
  const region = r.pick(REGIONS);
  const a = r.int(g.size[0], Math.floor((g.size[0] + g.size[1]) / 2)),
    b = r.int(a + 1, g.size[1]);
  const e1 = r.int(0, 12) * 100,
    e2 = e1 + r.int(3, 20) * 100;
  const status = weighted(r, [
    ['Least Concern', 5],
    ['Near Threatened', 2],
    ['Vulnerable', 2],
    ['Endangered', 1],
    ['Data Deficient', 1.5],
  ]);
  const lead =
    `${name} is a species of ${g.group} in the family ${g.family}. It is found in ${region}.` +
    (r.chance(0.5) ? ` It was first described by ${describer} in ${year}.` : '');
  const description = [
    g.measure(a, b),
    `The upper surface is ${r.pick(['dark brown', 'metallic green', 'pale grey', 'reddish brown', 'black', 'olive green', 'yellowish'])}, with ${r.pick(['a row of pale spots along each side', 'fine dark stripes', 'a faint bronze sheen', 'irregular white markings', 'a darker band near the tip'])}.`,
    `It can be distinguished from the closely related ${genus.charAt(0)}. ${r.pick(EPITHETS.filter((e) => e !== epithet))} by ${r.pick(['its larger size', 'its paler colouring', 'the shape of its margins', 'the absence of pale markings', 'its longer appendages'])}.`,
  ];
  const habitat = [
    `The species occurs in ${r.pick(g.habitat)} at elevations of ${commas(e1)}–${commas(e2)} metres.`,
    r.chance(0.5)
      ? `It is most often recorded between ${r.pick(MONTHS.slice(2, 6))} and ${r.pick(MONTHS.slice(7, 10))}.`
      : `Its range is thought to be fragmented, and several populations are known from single localities.`,
  ];
  const conservation = [`The species is listed as ${status} on the IUCN Red List.`];
  if (status !== 'Least Concern' && status !== 'Data Deficient')
    conservation.push(
      `The main threats are ${r.pick(['habitat loss caused by agriculture', 'drainage of wetlands', 'commercial forestry', 'pollution of rivers', 'climate change', 'collection for the pet trade'])} and ${r.pick(['overgrazing', 'road building', 'invasive species', 'wildfires', 'tourism development'])}.`,
    );
  return {
    title: name,
    lead,
    sections: [
      ['Description', description],
      ['Distribution and habitat', habitat],
      ['Ecology', [g.ecology]],
      ['Conservation', conservation],
    ],
    stub: `${name} is a species of ${g.group} in the family ${g.family}.`,
    topic: 'species',
    cats: [g.family, `Taxa named by ${describer}`],
  };
}

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

function structureArticle(r) {
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

function organisationArticle(r) {
  const place = placeName(r);
  const [county] = r.pick(ENGLISH_COUNTIES);
  const founded = r.int(1860, 1975);
  if (r.chance(0.5)) {
    const league = r.pick([
      'Northern League',
      'Southern League',
      'Isthmian League',
      'Western League',
      'Midland Football League',
      'Northern Premier League',
    ]);
    const ground = r.pick([`${r.pick(STREETS).split(' ')[0]} Park`, `The ${place} Ground`, `${place} Road`, 'Victoria Park', 'The Meadow']);
    const cap = r.int(15, 60) * 100;
    const lead = `${place} Football Club is an English football club based in ${place}, ${county}. The club is a member of the ${league} and plays at ${ground}.`;
    const y2 = founded + r.int(5, 30),
      y3 = y2 + r.int(2, 20);
    const history = [
      `The club was founded in ${founded} by workers from a local ${r.pick(['brewery', 'ironworks', 'railway depot', 'textile mill', 'colliery'])}.`,
      `It joined the ${league} in ${y2} and won the league title for the first time in ${y3}.`,
      `The club's most successful period came in the ${r.int(193, 199)}0s, when it twice reached the ${r.pick(['first round proper', 'second round proper', 'third qualifying round'])} of the FA Cup.`,
    ];
    const groundText = [
      `${ground} has a capacity of ${commas(cap)}, of which ${commas(Math.round((cap * r.int(10, 40)) / 100))} is seated.`,
      `The record attendance of ${commas(r.int(cap, cap * 2))} was set for a cup match in ${r.int(1946, 1965)}.`,
    ];
    const honours = Array.from(
      { length: r.int(2, 4) },
      () => `* ${r.pick([league, `${county} Senior Cup`, `${league} Cup`])} winners: ${r.int(founded + 5, 2022)}`,
    );
    return {
      title: `${place} F.C.`,
      lead,
      sections: [
        ['History', history],
        ['Ground', groundText],
        ['Honours', [...new Set(honours)].join('\n')],
      ],
      stub: `${place} F.C. is a football club based in ${place}, England.`,
      topic: 'football club',
      cats: [`Football clubs in ${county}`, `Association football clubs established in ${founded}`],
    };
  }
  const products = r.pick([
    'agricultural machinery',
    'bicycles',
    'kitchen appliances',
    'industrial valves',
    'pianos',
    'outdoor clothing',
    'ceramic tiles',
    'scientific instruments',
  ]);
  const founder = `${r.pick(MALE_FIRST)} ${r.pick(LAST_NAMES)}`;
  const company = `${r.pick(LAST_NAMES)} & ${r.pick(['Sons', 'Co.', 'Partners'])}`.replace("O'Brien", 'Brien');
  const y2 = founded + r.int(10, 40),
    y3 = Math.min(2020, y2 + r.int(10, 50));
  const lead = `${company} is a British manufacturer of ${products}, headquartered in ${place}, ${county}. It was founded in ${founded} by ${founder}.`;
  const history = [
    `${founder.split(' ')[1]} started the business as a small workshop behind his house in ${place}.`,
    `By ${y2} the company employed more than ${commas(r.int(2, 40) * 50)} people.`,
    r.chance(0.5)
      ? `In ${y3} it was acquired by ${r.pick(LAST_NAMES)} Holdings, although the brand was retained.`
      : `The company remained in family ownership until ${y3}.`,
  ];
  const ops = [
    `Its main factory in ${place} covers ${r.int(2, 30)} hectares.`,
    `In ${r.int(2015, 2023)} the company reported revenue of £${r.int(5, 400)} million.`,
  ];
  return {
    title: company,
    lead,
    sections: [
      ['History', history],
      ['Operations', ops],
    ],
    stub: `${company} is a manufacturer of ${products} based in ${place}, England.`,
    topic: 'company',
    cats: [`Companies based in ${county}`, `Manufacturing companies established in ${founded}`],
  };
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
