/**
 * Non-English documents: hand-written sentence pieces in real French, German, Spanish, Russian
 * and Chinese, combined by the RNG. Each language has a town article and web-style posts. The
 * sentences (lead, sections, web posts) are data in words/multilingual-phrases.json; this module
 * holds what is drawn per document to fill their {slots}.
 */
import { pickN } from './random-choice.mjs';
import { fill } from './template-fill.mjs';
import { loadWordTable } from './word-tables.mjs';

const PHRASES = loadWordTable('multilingual-phrases');

const ruPlural = (n, [one, few, many]) => {
  const m10 = n % 10,
    m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
};

/** Per language: the slot values drawn for one document, and which of them is the article title. */
const SLOTS = {
  fr: {
    vars: (r) => {
      const [dept, region] = r.pick([
        ['de la Dordogne', 'Nouvelle-Aquitaine'],
        ['du Finistère', 'Bretagne'],
        ["de la Côte-d'Or", 'Bourgogne-Franche-Comté'],
        ['du Var', "Provence-Alpes-Côte d'Azur"],
        ['de la Haute-Savoie', 'Auvergne-Rhône-Alpes'],
        ['du Calvados', 'Normandie'],
        ['de la Moselle', 'Grand Est'],
        ['du Gers', 'Occitanie'],
      ]);
      return {
        nom: `${r.pick(['Saint-Martin', 'Saint-Pierre', 'Sainte-Croix', 'Villeneuve', 'Montagnac', 'Beaulieu', 'Châteauneuf', 'Fontaine', 'Roche', 'Bourg'])}${r.pick(['-sur-Vézère', '-en-Vallée', '-les-Bains', '-la-Forêt', '-de-Rivière', '', '-le-Vieux', '-sur-Mer'])}`,
        dept,
        region,
        n: (q) => String(q.int(180, 9500)),
        sup: (q) => String(q.int(6, 60)),
        annee: (q) => String(q.int(980, 1250)),
        annee2: (q) => String(q.int(1905, 1990)),
        riviere: ['la Vézère', 'le Célé', 'la Sèvre', "l'Aveyron", 'la Loue', 'le Tarn'],
        fleuve: ['la Garonne', 'la Loire', 'le Rhône', 'la Seine', 'la Dordogne'],
        siecle: ['XIIe', 'XIIIe', 'XVe', 'XVIe'],
        saint: ['Martin', 'Pierre', 'Étienne', 'Laurent', 'Jean-Baptiste', 'Germain'],
        jour: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
        k: (q) => String(q.int(3, 25)),
        ville: ['Bordeaux', 'Lyon', 'Rennes', 'Dijon', 'Toulouse', 'Caen', 'Metz'],
        ville2: ['Limoges', 'Grenoble', 'Brest', 'Besançon', 'Auch', 'Rouen', 'Nancy'],
        plat: [
          'la tarte aux pommes',
          'le gratin dauphinois',
          'la quiche lorraine',
          "la soupe à l'oignon",
          'le clafoutis aux cerises',
          'la ratatouille',
        ],
        m: (q) => String(q.int(2, 8) * 5),
        t: (q) => String(q.pick([160, 180, 200, 210])),
        saison: ['été', 'automne', 'hiver', 'printemps'],
        alt: (q) => String(q.int(120, 1400)),
      };
    },
    title: (v) => v.nom,
  },
  de: {
    vars: (r) => {
      const [land, kreis, stadt] = r.pick([
        ['Bayern', 'Landkreis Rosenheim', 'Rosenheim'],
        ['Baden-Württemberg', 'Landkreis Tübingen', 'Tübingen'],
        ['Hessen', 'Vogelsbergkreis', 'Lauterbach'],
        ['Niedersachsen', 'Landkreis Celle', 'Celle'],
        ['Thüringen', 'Ilm-Kreis', 'Arnstadt'],
        ['Sachsen', 'Landkreis Meißen', 'Meißen'],
        ['Rheinland-Pfalz', 'Landkreis Cochem-Zell', 'Cochem'],
      ]);
      const pre = r.pick(['Ober', 'Unter', 'Neu', 'Alt', 'Groß', '', '']);
      const root = r.pick(['Wald', 'Lin', 'Rot', 'Eich', 'Mühl', 'Weiden', 'Ross', 'Buch', 'Hoch', 'Tann']);
      return {
        name: pre + (pre ? root.toLowerCase() : root) + r.pick(['bach', 'dorf', 'hausen', 'feld', 'heim', 'stein', 'au', 'brunn', 'berg']),
        land,
        kreis,
        stadt,
        n: (q) => String(q.int(400, 12000)),
        f: (q) => String(q.int(8, 70)),
        k: (q) => String(q.int(4, 30)),
        dir: ['nördlich', 'südlich', 'östlich', 'westlich'],
        fluss: ['Isar', 'Jagst', 'Lahn', 'Aller', 'Saale', 'Mosel', 'Ilm'],
        jahr: (q) => String(q.int(780, 1300)),
        jahr2: (q) => String(q.int(1550, 1780)),
        heilig: ['Martin', 'Georg', 'Nikolaus', 'Michael', 'Laurentius'],
        jh: ['17', '18'],
        hoehe: (q) => String(q.int(180, 1100)),
        gericht: ['Apfelstrudel', 'Kartoffelsalat', 'Linsensuppe', 'Käsespätzle', 'Zwiebelkuchen', 'Rinderrouladen'],
        t: ['170', '180', '200'],
        h: (q) => String(q.int(2, 6)),
        min: (q) => String(q.int(2, 8) * 5),
      };
    },
    title: (v) => v.name,
  },
  es: {
    vars: (r) => {
      const [prov, ca] = r.pick([
        ['Soria', 'Castilla y León'],
        ['Teruel', 'Aragón'],
        ['Cuenca', 'Castilla-La Mancha'],
        ['Cáceres', 'Extremadura'],
        ['Jaén', 'Andalucía'],
        ['Lugo', 'Galicia'],
        ['Huesca', 'Aragón'],
      ]);
      return {
        nombre: `${r.pick(['Villanueva del', 'San Pedro del', 'Santa Cruz del', 'Fuente del', 'Puebla del', 'Castillo del'])} ${r.pick(['Río', 'Monte', 'Campo', 'Valle', 'Pinar', 'Arroyo'])}`,
        prov,
        ca,
        n: (q) => String(q.int(90, 6000)),
        s: (q) => String(q.int(12, 180)),
        k: (q) => String(q.int(8, 70)),
        y: (q) => String(q.int(1100, 1400)),
        santo: ['Pedro', 'Juan', 'Miguel', 'Andrés', 'Bartolomé'],
        siglo: ['XV', 'XVI', 'XVII'],
        mes: ['agosto', 'septiembre', 'mayo', 'junio'],
        patron: ['la Virgen del Rosario', 'San Roque', 'Santiago Apóstol', 'la Virgen de la Asunción'],
        rio: ['Duero', 'Jalón', 'Guadiana', 'Tajo', 'Miño', 'Júcar'],
        plato: ['la tortilla de patatas', 'el gazpacho andaluz', 'la paella valenciana', 'las croquetas caseras', 'el arroz con leche'],
        min: (q) => String(q.int(3, 12) * 5),
        ciudad: ['Salamanca', 'Granada', 'Cádiz', 'Toledo', 'Valencia', 'Oviedo'],
        alt: (q) => String(q.int(300, 1300)),
      };
    },
    title: (v) => v.nombre,
  },
  ru: {
    vars: (r) => {
      const [river, riverGen] = r.pick([
        ['Мста', 'Мсты'],
        ['Шексна', 'Шексны'],
        ['Молога', 'Мологи'],
        ['Унжа', 'Унжи'],
        ['Сить', 'Сити'],
        ['Волга', 'Волги'],
      ]);
      const n = r.int(60, 3000);
      return {
        name: r.pick([
          'Берёзовка',
          'Никольское',
          'Покровское',
          'Сосновка',
          'Ильинское',
          'Троицкое',
          'Васильевка',
          'Горки',
          'Заречье',
          'Михайловка',
          'Каменка',
          'Воскресенское',
        ]),
        obl: ['Тверской', 'Вологодской', 'Новгородской', 'Ярославской', 'Костромской', 'Владимирской', 'Калужской'],
        n: String(n),
        people: ruPlural(n, ['человек', 'человека', 'человек']),
        y: ['2010', '2021'],
        river,
        riverGen,
        k: (q) => String(q.int(5, 20)),
        vek: ['XV', 'XVI', 'XVII'],
        god: (q) => String(q.int(1750, 1890)),
        dish: ['настоящий борщ', 'домашние пельмени', 'тонкие блины', 'сырники', 'окрошку'],
        min: (q) => String(q.pick([10, 15, 20, 25, 30, 35, 40])),
        city: ['Казань', 'Суздаль', 'Калининград', 'Ярославль', 'Псков'],
      };
    },
    title: (v) => v.name,
  },
  zh: {
    vars: (r) => ({
      name: r.pick(['青溪县', '云山县', '白河县', '石门县', '龙泉县', '安平县', '临江县', '桃源县']),
      prov: ['浙江省', '湖南省', '四川省', '福建省', '江西省', '安徽省'],
      dir: ['东', '西', '南', '北', '中'],
      area: (q) => String(q.int(800, 3500)),
      n: (q) => String(q.int(12, 95)),
      dyn: ['汉朝', '唐朝', '宋朝', '明朝'],
      river: ['清江', '白水河', '石溪', '龙川'],
      dish: ['西红柿炒鸡蛋', '红烧肉', '麻婆豆腐', '宫保鸡丁', '酸辣土豆丝'],
      min: (q) => String(q.int(2, 8) * 5),
      city: ['杭州', '成都', '西安', '厦门', '桂林'],
    }),
    title: (v) => v.name,
  },
};

export function i18nDoc(rng, lang, domain) {
  const L = { ...SLOTS[lang], ...PHRASES[lang] };
  const v = L.vars(rng);
  // One dish, one town, one river per document: fix every list slot once.
  for (const [k, val] of Object.entries(v)) if (Array.isArray(val)) v[k] = rng.pick(val);
  const join = L.joiner ?? ' ';
  if (domain === 'encyclopedic') {
    const title = fill(rng, '{x}', { x: L.title(v) });
    const parts = [title, L.lead.map((s) => fill(rng, s, v)).join(join)];
    for (const [heading, pool] of Object.entries(L.sections)) {
      if (!rng.chance(0.75)) continue;
      const picked = pickN(rng, pool, rng.int(1, Math.min(3, pool.length)));
      parts.push(
        heading,
        pool
          .filter((s) => picked.includes(s))
          .map((s) => fill(rng, s, v))
          .join(join),
      );
    }
    return { text: parts.join('\n\n'), quality: 'high', kind: `${lang}/article` };
  }
  const [theme, { title, lines }] = rng.pick(Object.entries(L.web));
  const first = lines[0];
  const rest = pickN(rng, lines.slice(1), rng.int(3, lines.length - 1));
  const ordered = [first, ...lines.slice(1).filter((s) => rest.includes(s))].map((s) => fill(rng, s, v));
  const cut = rng.int(2, ordered.length - 1);
  const text = [fill(rng, title, v), ordered.slice(0, cut).join(join), ordered.slice(cut).join(join)].join('\n\n');
  return { text, quality: ordered.length >= 5 ? 'high' : 'medium', kind: `${lang}/${theme}` };
}
