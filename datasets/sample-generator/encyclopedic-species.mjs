/**
 * Encyclopedic species articles: a made-up genus and epithet in a real family, with description,
 * habitat, ecology and IUCN status.
 */
import { commas } from './text-case.mjs';
import { weighted } from './random-choice.mjs';
import { loadWordTable } from './word-tables.mjs';

const { LAST_NAMES, MONTHS } = loadWordTable('people-and-places');
const { GENUS_A, GENUS_B, EPITHETS, REGIONS } = loadWordTable('encyclopedic-names');
// Each group: its family, a size sentence with {a}–{b} for the drawn range, habitats, ecology.
const { SPECIES_GROUPS } = loadWordTable('encyclopedic-species');

export function speciesArticle(r) {
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
    g.measure.replace('{a}', String(a)).replace('{b}', String(b)),
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
