/**
 * Encyclopedic articles about organisations: non-league football clubs and family manufacturers.
 */
import { commas } from './text-case.mjs';
import { placeName } from './place-names.mjs';
import { loadWordTable } from './word-tables.mjs';

const { LAST_NAMES, STREETS } = loadWordTable('people-and-places');
const { ENGLISH_COUNTIES, MALE_FIRST, FOOTBALL_LEAGUES, MANUFACTURED_PRODUCTS } = loadWordTable('encyclopedic-names');

export function organisationArticle(r) {
  const place = placeName(r);
  const [county] = r.pick(ENGLISH_COUNTIES);
  const founded = r.int(1860, 1975);
  if (r.chance(0.5)) {
    const league = r.pick(FOOTBALL_LEAGUES);
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
  const products = r.pick(MANUFACTURED_PRODUCTS);
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
