#!/usr/bin/env node
/**
 * Seeded generator for the anneal sample corpus (datasets/sample/).
 *
 *   node datasets/generate-sample.mjs [--seed 42] [--out datasets/sample] [--scale 1] [--stats] [--quiet]
 *
 * Every document carries its ground truth (true_domain, intended_quality, dup_cluster, language) so
 * that heuristic filters, classifiers, language id and MinHash dedup can be scored against it. For
 * dedup the truth is enforced, not just intended: see NEAR_DUP and COPY_MIN below.
 *
 * Determinism: every document draws from its own SeededRng keyed by a generation key
 * ("web/17", "dup/c0042/2", ...), never by iteration order, and gzip output (node:zlib, mtime 0) is
 * byte-stable, so the same seed and scale give byte-identical shards on every run.
 * Math.random and Date are never used.
 */
import { gzipSync } from 'node:zlib';
import { mkdirSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SeededRng } from '@anneal/core';

const SHARD_COUNT = 4;

// ---------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------

const USAGE = `usage: node datasets/generate-sample.mjs [--seed 42] [--out datasets/sample] [--scale 1] [--stats] [--quiet]

  --seed N     seed for every random choice (default 42); same seed and scale => same bytes
  --out DIR    output directory for sample-0000{0..3}.jsonl.gz (default: datasets/sample next to this script)
  --scale X    multiply document counts by X (default 1: about 3,200 documents, 4.9 MB of JSONL)
  --stats      print the statistics only, write nothing
  --quiet      do not print the statistics after writing`;

function parseArgs(argv) {
  // The default output sits next to this script, wherever it is run from.
  const opts = { seed: 42, out: join(dirname(fileURLToPath(import.meta.url)), 'sample'), scale: 1, statsOnly: false, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let inline;
    if (arg.startsWith('--') && arg.includes('=')) [arg, inline] = [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') die(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--seed': {
        const v = value();
        opts.seed = /^-?\d+$/.test(v) ? Number(v) : v;
        break;
      }
      case '--out':
        opts.out = value();
        break;
      case '--scale': {
        const v = Number(value());
        if (!(v > 0) || !Number.isFinite(v)) die('--scale must be a positive number');
        opts.scale = v;
        break;
      }
      case '--stats':
        opts.statsOnly = true;
        break;
      case '--quiet':
        opts.quiet = true;
        break;
      case '-h':
      case '--help':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        die(`unknown argument ${argv[i]}\n${USAGE}`);
    }
  }
  return opts;
}

function die(message) {
  console.error(`generate-sample: ${message}`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Small text helpers
// ---------------------------------------------------------------------------------------------

const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const SMALL_WORDS = new Set(['a', 'an', 'the', 'and', 'or', 'of', 'to', 'in', 'on', 'at', 'for', 'with', 'by', 'from', 'your', 'you', 'is', 'vs']);
const titleCase = (s) =>
  s
    .split(' ')
    .map((w, i) => (i > 0 && SMALL_WORDS.has(w) ? w : cap(w)))
    .join(' ');
const article = (w) => (/^[aeiou]/i.test(w) && !/^(uni|use|one|eu)/i.test(w) ? 'an' : 'a');
const commas = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const snakeToCamel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
const pascal = (s) => cap(snakeToCamel(s));
const wordCount = (s) => s.split(/\s+/).filter(Boolean).length;

/** Pick `n` distinct items (order random). */
function pickN(rng, items, n) {
  return rng.shuffle(items.slice()).slice(0, Math.min(n, items.length));
}

/** Weighted pick from [[value, weight], ...]. */
function weighted(rng, pairs) {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  let x = rng.next() * total;
  for (const [v, w] of pairs) {
    x -= w;
    if (x < 0) return v;
  }
  return pairs[pairs.length - 1][0];
}

/**
 * Fill `{key}` slots. A slot value may be a string, an array (one item is picked) or a function of
 * the rng. `{Key}` capitalises the value of `key`.
 */
function fill(rng, template, vars) {
  const picked = {};
  return template.replace(/\{(\w+)\}/g, (_, key) => {
    let v = vars[key];
    let capitalise = false;
    if (v === undefined) {
      const lower = key.charAt(0).toLowerCase() + key.slice(1);
      if (lower !== key && vars[lower] !== undefined) {
        v = vars[lower];
        capitalise = true;
      }
    }
    if (v === undefined) throw new Error(`template slot {${key}} has no value in: ${template}`);
    const resolveSlot = () => (typeof v === 'function' ? v(rng) : Array.isArray(v) ? rng.pick(v) : String(v));
    let s = resolveSlot();
    // "{verb} or {verb2}": the second slot of a pair takes a different value when it can.
    const base = key.replace(/2$/, '').toLowerCase();
    for (let tries = 0; base !== key.toLowerCase() && s === picked[base] && tries < 8; tries++) s = resolveSlot();
    picked[key.toLowerCase()] = s;
    return capitalise ? cap(s) : s;
  });
}

/** Code templates use «name» slots so that braces, $ and backslashes of the target language stay literal. */
function T(template, vars) {
  return template.replace(/«(\w+)»/g, (_, key) => {
    if (vars[key] === undefined) throw new Error(`code slot «${key}» has no value`);
    return String(vars[key]);
  });
}

// ---------------------------------------------------------------------------------------------
// Shared vocabulary
// ---------------------------------------------------------------------------------------------

const FIRST_NAMES = ['Anna', 'Ben', 'Clara', 'David', 'Elena', 'Farid', 'Grace', 'Hugo', 'Isla', 'James', 'Kavya', 'Liam', 'Maria', 'Noah', 'Olivia', 'Pedro', 'Quinn', 'Rosa', 'Samuel', 'Tara', 'Umar', 'Vera', 'William', 'Yusuf', 'Zoe', 'Aisha', 'Brian', 'Chloe', 'Daniel', 'Emily', 'Fiona', 'George', 'Hannah', 'Ivan', 'Julia', 'Kenji', 'Laura', 'Martin', 'Nadia', 'Oscar', 'Priya', 'Ruth', 'Simon', 'Theo', 'Ursula', 'Victor', 'Wendy', 'Xavier'];
const LAST_NAMES = ['Adams', 'Baker', 'Carter', 'Dawson', 'Ellis', 'Fischer', 'Garcia', 'Hughes', 'Iqbal', 'Jensen', 'Khan', 'Lopez', 'Morgan', 'Novak', "O'Brien", 'Patel', 'Quinn', 'Reyes', 'Schmidt', 'Turner', 'Usman', 'Valdez', 'Walsh', 'Young', 'Zhang', 'Bennett', 'Chen', 'Duarte', 'Evans', 'Foster', 'Gallagher', 'Holm', 'Ito', 'Kowalski', 'Lindqvist', 'Murphy', 'Nakamura', 'Okafor', 'Perez', 'Rossi', 'Sato', 'Thompson', 'Weber', 'Yilmaz'];
const CITIES = ['Portland', 'Leeds', 'Halifax', 'Boulder', 'Asheville', 'Bristol', 'Galway', 'Dunedin', 'Ottawa', 'Hobart', 'Madison', 'Savannah', 'York', 'Exeter', 'Duluth', 'Fresno', 'Norwich', 'Tacoma', 'Bendigo', 'Kingston', 'Aberdeen', 'Boise', 'Cork', 'Derby', 'Eugene', 'Flagstaff', 'Geelong', 'Hamilton', 'Inverness', 'Lancaster', 'Missoula', 'Nelson', 'Oxford', 'Peterborough', 'Reading', 'Salem', 'Truro', 'Victoria', 'Wellington', 'Yakima'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const STREETS = ['Mill Lane', 'Station Road', 'Elm Street', 'Harbour Road', 'Church Street', 'Maple Avenue', 'High Street', 'Bridge Street', 'Park Road', 'Queen Street', 'Oak Avenue', 'Market Square'];
const BRANDS = ['Northfield', 'Alder & Co.', 'Brightline', 'Kestrel', 'Maplewood', 'Oakhurst', 'Summit', 'Riverside', 'Bluefin', 'Halcyon', 'Greystone', 'Ironbark', 'Larkspur', 'Tideway'];
const CONNECTIVES = ['However, ', 'In practice, ', 'That said, ', 'On the other hand, ', 'For example, ', 'Of course, ', 'In addition, ', 'Meanwhile, ', 'In our experience, ', 'As a rule, ', 'Still, ', 'Also, '];

const personName = (r) => `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`;
const dateString = (r, y0 = 2009, y1 = 2024) => `${r.pick(MONTHS)} ${r.int(1, 28)}, ${r.int(y0, y1)}`;

// ---------------------------------------------------------------------------------------------
// Web topics: each gives the nouns, verbs and settings its pages talk about
// ---------------------------------------------------------------------------------------------

const TOPICS = [
  {
    name: 'gardening',
    people: ['gardeners', 'home growers', 'allotment holders', 'beginners'],
    things: ['tomato seedlings', 'raised beds', 'perennials', 'cuttings', 'heirloom seeds', 'fruit trees', 'houseplants', 'cover crops'],
    thing: ['compost pile', 'watering schedule', 'soil test', 'mulch layer', 'greenhouse', 'seed tray', 'pruning saw', 'drip line'],
    verbs: ['prune the lower leaves', 'water deeply once a week', 'rotate crops each season', 'harden off young plants', 'test the soil pH', 'mulch around the stems'],
    adjs: ['drought-tolerant', 'hardy', 'leggy', 'root-bound', 'well-drained', 'shade-loving'],
    ctx: ['in a small backyard', 'on a sunny balcony', 'in heavy clay soil', 'during a dry summer', 'in early spring'],
    keywords: ['best garden tools', 'organic fertilizer', 'cheap seeds', 'garden ideas', 'vegetable garden'],
  },
  {
    name: 'home cooking',
    people: ['home cooks', 'busy parents', 'students', 'beginners in the kitchen'],
    things: ['cast-iron pans', "chef's knives", 'spice blends', 'stock cubes', 'leftovers', 'fresh herbs', 'sheet-pan dinners', 'cutting boards'],
    thing: ['weekly meal plan', 'spice drawer', 'sourdough starter', 'stockpot', 'pantry', 'marinade', 'knife sharpener', 'freezer'],
    verbs: ['season the pan properly', 'prep vegetables on Sunday evening', 'taste the sauce before serving', 'rest the meat before slicing', 'toast whole spices', 'label everything in the freezer'],
    adjs: ['budget-friendly', 'one-pot', 'slow-cooked', 'make-ahead', 'crispy', 'homemade'],
    ctx: ['on a busy weeknight', 'in a tiny kitchen', 'when cooking for a crowd', 'on a tight budget', 'during the holidays'],
    keywords: ['easy dinner recipes', 'quick meals', 'healthy recipes', 'best kitchen knife', 'meal prep ideas'],
  },
  {
    name: 'budget travel',
    people: ['backpackers', 'first-time travellers', 'solo travellers', 'families with young children'],
    things: ['carry-on bags', 'rail passes', 'travel adapters', 'hostels', 'walking tours', 'packing cubes', 'night trains', 'city cards'],
    thing: ['itinerary', 'travel budget', 'passport wallet', 'booking app', 'day pack', 'train timetable', 'guesthouse', 'layover'],
    verbs: ['book trains a few weeks ahead', 'pack a light rain jacket', 'carry a copy of your passport', 'learn a few local phrases', 'travel outside peak season', 'keep some cash in small notes'],
    adjs: ['overnight', 'last-minute', 'off-season', 'family-friendly', 'walkable', 'affordable'],
    ctx: ['in southern Europe', 'during school holidays', 'on a long layover', 'in a city you have never visited', 'on a week-long trip'],
    keywords: ['cheap flights', 'budget hotels', 'travel deals', 'best travel backpack', 'last minute holidays'],
  },
  {
    name: 'personal finance',
    people: ['savers', 'young professionals', 'households', 'first-time buyers'],
    things: ['index funds', 'savings accounts', 'credit cards', 'monthly subscriptions', 'emergency funds', 'pension contributions', 'grocery receipts', 'utility bills'],
    thing: ['monthly budget', 'spending diary', 'credit score', 'mortgage offer', 'pension pot', 'bank statement', 'sinking fund', 'cashback card'],
    verbs: ['review your subscriptions', 'set up an automatic transfer on payday', 'pay off the highest-interest debt first', 'compare energy tariffs', 'check your credit report', 'keep three months of expenses in cash'],
    adjs: ['low-cost', 'high-interest', 'fixed-rate', 'tax-free', 'automatic', 'long-term'],
    ctx: ['after a pay rise', 'when interest rates change', 'in your first job', 'before buying a house', 'at the end of each month'],
    keywords: ['make money online', 'best credit card', 'save money fast', 'cheap loans', 'investing for beginners'],
  },
  {
    name: 'home repair',
    people: ['homeowners', 'renters', 'weekend DIYers', 'landlords'],
    things: ['wall anchors', 'paint rollers', 'silicone sealants', 'cordless drills', 'floor tiles', 'door hinges', 'radiator valves', 'extension leads'],
    thing: ['leaking tap', 'stud finder', 'spirit level', 'fuse box', 'grout line', 'skirting board', 'toolbox', 'damp patch'],
    verbs: ['turn off the water supply', 'sand the surface lightly', 'measure twice and cut once', 'bleed the radiators', 'seal the gaps around the window', 'check for hidden pipes and cables'],
    adjs: ['water-based', 'heavy-duty', 'rust-resistant', 'pre-mixed', 'quick-drying', 'adjustable'],
    ctx: ['in an older house', 'in a rented flat', 'before winter arrives', 'in a damp bathroom', 'on a Saturday afternoon'],
    keywords: ['diy home repair', 'cheap tools', 'home improvement ideas', 'best cordless drill', 'bathroom renovation cost'],
  },
  {
    name: 'running',
    people: ['runners', 'new joggers', 'marathon hopefuls', 'gym regulars'],
    things: ['running shoes', 'interval sessions', 'rest days', 'foam rollers', 'training plans', 'long runs', 'energy gels', 'hill repeats'],
    thing: ['warm-up routine', 'heart rate monitor', 'training log', 'stretching routine', 'recovery week', 'race plan', 'treadmill', 'sports watch'],
    verbs: ['increase your mileage gradually', 'warm up for ten minutes', 'run most miles at an easy pace', 'replace your shoes regularly', 'schedule a full rest day', 'stretch after every session'],
    adjs: ['lightweight', 'cushioned', 'low-impact', 'tempo', 'beginner-friendly', 'breathable'],
    ctx: ['in hot weather', 'before a race', 'after a long break', 'early in the morning', 'on icy pavements'],
    keywords: ['lose weight fast', 'best running shoes', 'fitness tips', 'home workout', 'marathon training plan'],
  },
  {
    name: 'photography',
    people: ['photographers', 'hobbyists', 'wedding shooters', 'smartphone photographers'],
    things: ['prime lenses', 'tripods', 'memory cards', 'raw files', 'lens filters', 'camera bags', 'presets', 'spare batteries'],
    thing: ['shutter speed', 'aperture setting', 'histogram', 'lens hood', 'light meter', 'editing workflow', 'composition', 'white balance'],
    verbs: ['shoot in raw format', 'check the histogram after every shot', 'use a tripod in low light', 'back up your memory cards', 'learn the rule of thirds', 'clean the sensor carefully'],
    adjs: ['wide-angle', 'mirrorless', 'weather-sealed', 'manual-focus', 'second-hand', 'fast'],
    ctx: ['at golden hour', 'indoors without a flash', 'at a busy wedding', 'in harsh midday sun', 'on a rainy day'],
    keywords: ['best camera 2023', 'cheap lenses', 'photography tips', 'photo editing software', 'camera deals'],
  },
  {
    name: 'cycling',
    people: ['cyclists', 'commuters', 'mountain bikers', 'touring riders'],
    things: ['tyres', 'inner tubes', 'bike locks', 'panniers', 'brake pads', 'lights', 'chain lubes', 'saddles'],
    thing: ['bike chain', 'derailleur', 'puncture repair kit', 'helmet', 'frame size', 'tyre pressure', 'cycle route', 'pump'],
    verbs: ['check the tyre pressure weekly', 'clean and oil the chain', 'wear bright clothing at night', 'adjust the saddle height', 'carry a spare inner tube', 'lock the frame to something solid'],
    adjs: ['tubeless', 'puncture-resistant', 'lightweight', 'folding', 'electric', 'reflective'],
    ctx: ['on a daily commute', 'in wet weather', 'on gravel roads', 'during a long tour', 'in heavy city traffic'],
    keywords: ['cheap bikes', 'best bike lock', 'cycling gear', 'electric bike deals', 'bike repair near me'],
  },
  {
    name: 'birdwatching',
    people: ['birdwatchers', 'beginners', 'nature lovers', 'young naturalists'],
    things: ['binoculars', 'field guides', 'bird feeders', 'nest boxes', 'sightings', 'migratory species', 'waders', 'songbirds'],
    thing: ['spotting scope', 'bird hide', 'field notebook', 'bird call app', 'feeding station', 'local patch', 'dawn chorus', 'migration season'],
    verbs: ['learn the common species first', 'keep your movements slow and quiet', 'clean the feeders regularly', 'record every sighting', 'visit the same patch every week', 'listen before you look'],
    adjs: ['resident', 'migratory', 'rare', 'shy', 'colourful', 'ground-nesting'],
    ctx: ['at dawn', 'along the coast in autumn', 'in a city park', 'near a reservoir', 'during spring migration'],
    keywords: ['best binoculars', 'bird feeder', 'bird seed cheap', 'birdwatching gear', 'bird identification app'],
  },
  {
    name: 'coffee',
    people: ['coffee lovers', 'home baristas', 'café owners', 'tea drinkers trying coffee'],
    things: ['coffee beans', 'burr grinders', 'paper filters', 'espresso machines', 'milk jugs', 'single-origin roasts', 'cold brews', 'pour-over kettles'],
    thing: ['grind size', 'brew ratio', 'roast date', 'coffee scale', 'water temperature', 'portafilter', 'French press', 'tamper'],
    verbs: ['weigh your coffee and water', 'grind just before brewing', 'use filtered water', 'descale the machine every month', 'store beans in an airtight container', 'adjust one variable at a time'],
    adjs: ['light-roast', 'dark-roast', 'freshly ground', 'single-origin', 'decaf', 'bitter'],
    ctx: ['first thing in the morning', 'on a camping trip', 'with hard tap water', 'at the office', 'on a hot summer day'],
    keywords: ['best coffee maker', 'cheap coffee beans', 'espresso machine deals', 'coffee subscription', 'barista tips'],
  },
  {
    name: 'dog training',
    people: ['dog owners', 'first-time owners', 'dog walkers', 'families'],
    things: ['puppies', 'chew toys', 'dog leads', 'training treats', 'crates', 'harnesses', 'vet visits', 'rescue dogs'],
    thing: ['recall command', 'daily walk', 'feeding routine', 'dog bed', 'grooming brush', 'flea treatment', 'training session', 'lead'],
    verbs: ['reward good behaviour immediately', 'keep training sessions short', 'socialise your puppy early', 'brush your dog weekly', 'book a yearly vet check', 'walk at the same times each day'],
    adjs: ['energetic', 'anxious', 'well-behaved', 'senior', 'high-energy', 'rescued'],
    ctx: ['in a small flat', 'during fireworks season', 'in hot weather', 'on a busy street', 'when visitors arrive'],
    keywords: ['dog food cheap', 'best dog bed', 'puppy training', 'dog toys sale', 'dog grooming near me'],
  },
  {
    name: 'astronomy',
    people: ['stargazers', 'amateur astronomers', 'families', 'astrophotographers'],
    things: ['telescopes', 'star charts', 'eyepieces', 'meteor showers', 'red torches', 'planets', 'binoculars', 'dark-sky sites'],
    thing: ['night sky', 'moon phase', 'light pollution', 'tripod', 'finder scope', 'star atlas', 'observing session', 'eclipse'],
    verbs: ['let your eyes adapt to the dark', 'check the weather forecast', 'start with the Moon and bright planets', 'use a red torch', 'dress more warmly than you think', 'log what you observe'],
    adjs: ['faint', 'bright', 'clear', 'moonless', 'portable', 'cloudy'],
    ctx: ['on a moonless night', 'in a light-polluted city', 'during winter', 'at a dark-sky park', 'from a back garden'],
    keywords: ['best telescope', 'telescope for beginners', 'star map', 'meteor shower tonight', 'cheap telescope'],
  },
  {
    name: 'parenting',
    people: ['parents', 'new mums and dads', 'grandparents', 'carers'],
    things: ['bedtime stories', 'screen-time rules', 'school lunches', 'toddler tantrums', 'play dates', 'reward charts', 'family routines', 'after-school clubs'],
    thing: ['bedtime routine', 'nap schedule', 'school run', 'family calendar', 'lunchbox', 'car seat', 'pocket money', 'homework table'],
    verbs: ['keep bedtime at the same time each night', 'read together every day', 'set clear and simple rules', 'plan meals for the week', 'let children help with chores', 'talk about feelings openly'],
    adjs: ['picky', 'sleepy', 'curious', 'overtired', 'independent', 'energetic'],
    ctx: ['during school holidays', 'with two working parents', 'when a new sibling arrives', 'on long car journeys', 'in the first weeks of school'],
    keywords: ['parenting tips', 'baby products sale', 'best stroller', 'kids activities', 'toddler toys cheap'],
  },
  {
    name: 'car maintenance',
    people: ['drivers', 'car owners', 'new drivers', 'mechanics'],
    things: ['tyres', 'wiper blades', 'brake pads', 'engine oils', 'air filters', 'spark plugs', 'car batteries', 'warning lights'],
    thing: ['oil change', 'tyre tread', 'coolant level', 'service history', 'dashboard', 'jump starter', 'MOT test', 'engine'],
    verbs: ['check the oil level monthly', 'keep the tyres at the right pressure', 'replace the wiper blades every year', 'listen for unusual noises', 'keep a record of every service', 'top up the screen wash'],
    adjs: ['synthetic', 'second-hand', 'fuel-efficient', 'all-season', 'hybrid', 'worn'],
    ctx: ['before a long journey', 'in freezing weather', 'after buying a used car', 'in stop-start traffic', 'on motorway trips'],
    keywords: ['cheap car insurance', 'car parts online', 'used cars for sale', 'best tyres', 'car service near me'],
  },
  {
    name: 'guitar playing',
    people: ['guitarists', 'beginners', 'self-taught players', 'music teachers'],
    things: ['chord shapes', 'guitar strings', 'plectrums', 'scales', 'practice routines', 'capos', 'amps', 'backing tracks'],
    thing: ['fretboard', 'metronome', 'tuner', 'barre chord', 'strumming pattern', 'practice diary', 'guitar case', 'pick'],
    verbs: ['practise slowly with a metronome', 'change your strings regularly', 'learn songs you actually enjoy', 'record yourself playing', 'tune before every session', 'relax your fretting hand'],
    adjs: ['acoustic', 'electric', 'nylon-string', 'open', 'fingerstyle', 'beginner'],
    ctx: ['in the first month', 'with small hands', 'before a performance', 'in a noisy house', 'for ten minutes a day'],
    keywords: ['guitar lessons online', 'cheap guitars', 'best acoustic guitar', 'guitar chords', 'learn guitar fast'],
  },
  {
    name: 'woodworking',
    people: ['woodworkers', 'hobbyists', 'furniture makers', 'beginners'],
    things: ['hand planes', 'chisels', 'dovetail joints', 'clamps', 'hardwoods', 'wood finishes', 'offcuts', 'saw blades'],
    thing: ['workbench', 'marking gauge', 'sharpening stone', 'dust extractor', 'grain direction', 'cutting list', 'glue-up', 'mallet'],
    verbs: ['sharpen your chisels before every project', 'read the grain before planing', 'dry-fit every joint', 'wear eye and ear protection', 'let the glue cure overnight', 'sand through the grits in order'],
    adjs: ['seasoned', 'reclaimed', 'hand-cut', 'oil-based', 'sharp', 'knotty'],
    ctx: ['in a small garage', 'with basic hand tools', 'during humid weather', 'on a first project', 'in a shared workshop'],
    keywords: ['woodworking plans', 'cheap tools', 'diy furniture', 'best table saw', 'woodworking for beginners'],
  },
  {
    name: 'beekeeping',
    people: ['beekeepers', 'new beekeepers', 'gardeners', 'allotment holders'],
    things: ['hives', 'frames', 'queen cells', 'supers', 'smokers', 'bee suits', 'varroa treatments', 'honey jars'],
    thing: ['brood box', 'hive inspection', 'queen excluder', 'swarm', 'honey harvest', 'colony', 'feeding regime', 'apiary'],
    verbs: ['inspect the colony every week in spring', 'check for varroa mites', 'keep the hive entrance clear', 'feed sugar syrup in autumn', 'wear gloves during inspections', 'mark the queen'],
    adjs: ['strong', 'queenless', 'calm', 'defensive', 'overwintered', 'healthy'],
    ctx: ['in early spring', 'during a nectar flow', 'in a suburban garden', 'before winter', 'on a warm afternoon'],
    keywords: ['bee hives for sale', 'beekeeping kit', 'raw honey', 'bee suit cheap', 'start beekeeping'],
  },
  {
    name: 'hiking',
    people: ['hikers', 'campers', 'families', 'day walkers'],
    things: ['walking boots', 'waterproof jackets', 'tents', 'sleeping bags', 'trail maps', 'water filters', 'trekking poles', 'head torches'],
    thing: ['route plan', 'first-aid kit', 'map and compass', 'campsite', 'weather forecast', 'backpack', 'stove', 'trail'],
    verbs: ['tell someone your planned route', 'pack an extra warm layer', 'check the forecast the night before', 'break in new boots before a long walk', 'leave no trace', 'carry more water than you expect to need'],
    adjs: ['lightweight', 'waterproof', 'steep', 'remote', 'well-marked', 'exposed'],
    ctx: ['in the mountains', 'in late autumn', 'with young children', 'on a multi-day trek', 'in changeable weather'],
    keywords: ['best hiking boots', 'camping gear sale', 'cheap tents', 'hiking trails near me', 'outdoor clothing'],
  },
  {
    name: 'bread baking',
    people: ['home bakers', 'beginners', 'sourdough fans', 'bakery owners'],
    things: ['sourdough loaves', 'bread flours', 'proving baskets', 'dutch ovens', 'starters', 'baguettes', 'crusts', 'rye breads'],
    thing: ['dough', 'levain', 'oven spring', 'bench scraper', 'hydration level', 'kitchen scale', 'bulk ferment', 'crumb'],
    verbs: ['weigh every ingredient', 'feed your starter the night before', 'let the dough rest after mixing', 'shape the loaf gently', 'preheat the oven properly', 'bake until the crust is deeply coloured'],
    adjs: ['wholemeal', 'crusty', 'open-crumb', 'high-hydration', 'rustic', 'soft'],
    ctx: ['in a cold kitchen', 'on a busy weekday', 'in hot summer weather', 'at high altitude', 'with a fan oven'],
    keywords: ['bread recipe easy', 'best bread maker', 'sourdough starter buy', 'baking supplies', 'flour cheap'],
  },
  {
    name: 'language learning',
    people: ['language learners', 'students', 'expats', 'travellers'],
    things: ['flashcards', 'language apps', 'grammar books', 'conversation partners', 'podcasts', 'vocabulary lists', 'online classes', 'subtitles'],
    thing: ['study routine', 'spaced repetition', 'pronunciation', 'grammar rule', 'speaking practice', 'listening exercise', 'notebook', 'accent'],
    verbs: ['practise speaking from the first week', 'review flashcards every day', 'listen to native speakers', 'keep a vocabulary notebook', 'watch films with subtitles', 'book a weekly conversation class'],
    adjs: ['fluent', 'intensive', 'beginner', 'immersive', 'free', 'structured'],
    ctx: ['after moving abroad', 'on a daily commute', 'in just fifteen minutes a day', 'before a trip', 'as a busy adult'],
    keywords: ['learn spanish fast', 'best language app', 'free english lessons', 'language course online', 'learn french online'],
  },
  {
    name: 'remote work',
    people: ['remote workers', 'freelancers', 'managers', 'small teams'],
    things: ['video calls', 'to-do lists', 'standing desks', 'noise-cancelling headphones', 'shared calendars', 'focus apps', 'status updates', 'break reminders'],
    thing: ['home office', 'daily schedule', 'inbox', 'task board', 'morning routine', 'meeting agenda', 'desk setup', 'deadline'],
    verbs: ['block out time for focused work', 'turn off notifications', 'end the day with a short review', 'take a proper lunch break', 'write an agenda for every meeting', 'set clear working hours'],
    adjs: ['asynchronous', 'distracting', 'productive', 'ergonomic', 'flexible', 'quiet'],
    ctx: ['in a shared flat', 'across time zones', 'during a busy week', 'in a small team', 'when working from a café'],
    keywords: ['work from home jobs', 'best office chair', 'productivity apps', 'remote jobs', 'make money from home'],
  },
  {
    name: 'fishkeeping',
    people: ['fishkeepers', 'aquarium owners', 'beginners', 'hobbyists'],
    things: ['aquarium plants', 'filters', 'water tests', 'tropical fish', 'heaters', 'shrimps', 'gravel substrates', 'water changes'],
    thing: ['nitrogen cycle', 'water change', 'filter sponge', 'tank', 'light timer', 'ammonia level', 'quarantine tank', 'feeding schedule'],
    verbs: ['cycle the tank before adding fish', 'change a quarter of the water every week', 'test the water regularly', 'avoid overfeeding', 'rinse the filter in tank water', 'add new fish slowly'],
    adjs: ['tropical', 'cold-water', 'planted', 'peaceful', 'hardy', 'nano'],
    ctx: ['in a new tank', 'in a warm room', 'while on holiday', 'with soft tap water', 'after a power cut'],
    keywords: ['fish tank cheap', 'aquarium supplies', 'best aquarium filter', 'tropical fish for sale', 'aquarium plants buy'],
  },
];

/** Slot values for one page about one topic. */
function topicVars(rng, topic) {
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
    a_thing: (r) => {
      const t = r.pick(topic.thing);
      return `${article(t)} ${t}`;
    },
    verb: topic.verbs,
    verb2: topic.verbs,
    adj: topic.adjs,
    a_adj: (r) => {
      const a = r.pick(topic.adjs);
      return `${article(a)} ${a}`;
    },
    ctx: topic.ctx,
    name: personName,
    first: FIRST_NAMES,
    city: CITIES,
    city2: CITIES,
    month: MONTHS,
    weekday: WEEKDAYS,
    street: STREETS,
    brand: BRANDS,
    year: (r) => String(r.int(2009, 2024)),
    oldyear: (r) => String(r.int(1952, 1999)),
    day: (r) => String(r.int(1, 28)),
    num: (r) => String(r.int(2, 12)),
    num2: (r) => String(r.int(3, 30)),
    pct: (r) => String(r.int(5, 60)),
    bignum: (r) => commas(r.int(30, 400) * 50),
    bignum2: (r) => commas(r.int(20, 300) * 50),
    money: (r) => `${currency}${r.pick([15, 20, 25, 30, 40, 45, 50, 60, 75, 80, 90, 100, 120, 150, 200, 250, 300, 500])}`,
    bigmoney: (r) => `${currency}${r.int(2, 95) / 2} million`,
    mins: (r) => String(r.pick([10, 15, 20, 30, 45])),
  };
}

// ---------------------------------------------------------------------------------------------
// Web pages
// ---------------------------------------------------------------------------------------------

const OPENERS = [
  '{Topic} has a reputation for being complicated, but the basics are easier than they look.',
  'This guide covers everything we wish we had known when we first got into {topic}.',
  'Every year we get dozens of questions about {things}, so we decided to put the answers in one place.',
  'Last {month}, we spent {num} weeks testing {things} {ctx}.',
  'If you have ever wondered how to {verb}, you are in the right place.',
  'There is a lot of conflicting advice about {topic} out there, and much of it is out of date.',
  'Few things are as satisfying as getting the {thing} exactly right.',
  'When {name} first took up {topic} in {year}, there were very few good resources available.',
  'We have been writing about {topic} for {num} years, and one question keeps coming up.',
  'It started with a simple question from a reader in {city}: is it really worth the effort to {verb}?',
  'Spring is the busiest time of year for {people}, and this season has been no exception.',
  'Whether you are just starting out or have years of experience, {things} are worth a closer look.',
];

const BODY = [
  'Most {people} underestimate how much the {thing} affects everything else.',
  'If you are new to {topic}, it helps to {verb} before worrying about {things}.',
  'The {adj} {things} we tried last {month} held up far better than we expected.',
  'A common mistake is to buy expensive {things} before you know whether you will stick with it.',
  'We found that the best time to {verb} is {ctx}.',
  'Experienced {people} often recommend that you {verb} at least once every {num} weeks.',
  'You do not need a fancy {thing} to get good results, although it certainly makes life easier.',
  'We spoke to {name}, who has been involved in {topic} for over {num2} years, about what beginners get wrong.',
  'According to {name}, the secret is simply to {verb} and to be patient with the results.',
  'It is tempting to skip this step, but {things} that are neglected early rarely recover.',
  'Keep a simple notebook and write down when you {verb}, because after a few months the patterns become obvious.',
  'Prices for {things} have risen by roughly {pct} percent since {year}, so it pays to shop around.',
  'There is no single right answer here, because every {thing} behaves a little differently {ctx}.',
  'One reader from {city} wrote to tell us that switching to {adj} {things} made a noticeable difference.',
  'The {thing} is often overlooked, yet it is the part that causes the most problems later on.',
  'Start small: {verb}, see how it goes for a couple of weeks, and adjust from there.',
  'Before you {verb}, make sure the {thing} is clean and ready to use.',
  'Many guides claim that {things} must be replaced every year, but that is rarely true.',
  'When we compared {num2} popular {things}, only a handful were worth the money.',
  'Should you {verb} or {verb2}? The honest answer depends on your budget and your goals.',
  'A good {thing} will save you time, but only if you actually use it regularly.',
  'We learned the hard way that it is better to {verb} than to fix the damage afterwards.',
  'It took {first} almost {num} months to feel comfortable with the basics, and that is perfectly normal.',
  'For most {people}, a budget of around {money} is enough to get started.',
  'The difference between {adj} and ordinary {things} is smaller than the marketing suggests.',
  'Whatever you do, avoid rushing the {thing}, since patience pays off here more than anywhere else.',
  'Local clubs in {city} and elsewhere are a great place to meet other {people} and swap advice.',
  'If something goes wrong, check the {thing} first, since that is where most problems start.',
  'Our favourite approach is to {verb} early in the week and {verb2} at the weekend.',
  'Over the past {num2} years, interest in {topic} has grown steadily, especially among younger {people}.',
  'There are dozens of opinions online, and many of them contradict each other.',
  'Ask ten {people} about {things} and you will probably hear ten different answers.',
  'The good news is that you can {verb} with very little equipment.',
  'Remember that {things} vary from brand to brand, so read the instructions carefully.',
  'A quick rule of thumb: if in doubt, {verb}.',
  'Some {people} prefer to {verb2}, which works well {ctx}.',
  'This is also a good moment to {verb2}, since everything is already set up.',
  'The results were clear after {num} weeks, and the {adj} {things} outperformed the rest.',
  'Not every {thing} is created equal, and cheaper models tend to wear out faster.',
  'Do not be discouraged if the first attempt fails, because almost everyone struggles at first.',
  'It is worth setting aside {mins} minutes a day rather than one long session each month.',
  'We also recommend that you {verb}, especially {ctx}.',
  'Surprisingly, the {thing} matters less than most beginners think.',
  'Once you have the basics in place, you can start experimenting with {adj} {things}.',
  'Read the guidance that came with your {thing} before you {verb} for the first time.',
  'By the end of {month}, most {people} have a clear idea of what works for them.',
  'We will come back to {things} in a later post, because the topic deserves more space.',
  'Why does this matter? Because a poorly chosen {thing} can undo weeks of careful work.',
  'As {name} put it, "You learn more from one bad season than from ten good ones."',
  'Small habits, such as the decision to {verb}, add up to big improvements over time.',
  'Our tests {ctx} showed that {adj} {things} need far less attention than we assumed.',
  'In {year}, only a few shops stocked {adj} {things}, but today they are easy to find.',
  'The most useful thing we bought this year was {a_thing}, and it cost less than {money}.',
  'If your {thing} is more than {num} years old, it may be time to think about a replacement.',
  '{Name} keeps a spreadsheet of every change, which sounds excessive but has saved hours of guesswork.',
  'On {weekday} mornings the local group meets to {verb2}, and newcomers are always welcome.',
  'It is easy to spend a fortune on {things}, yet the basics have not changed in decades.',
  'Look for {adj} {things} with a solid warranty, and keep the receipt somewhere safe.',
];

const CLOSERS = [
  'In short, {verb}, stay patient, and do not be afraid to experiment.',
  'We hope this guide helps you get more out of {topic}.',
  'Have a question we did not answer? Leave a comment and we will add it to the next update.',
  'With a little practice, {things} will soon feel like second nature.',
  'Good luck, and enjoy the process.',
  'Whatever you decide, the most important step is simply to begin.',
  'Let us know how you get on, and share your own tips with other {people}.',
  'We will update this article as we test more {things} over the coming months.',
];

const TITLES = [
  'How to {verb}',
  '{num} Things Every Beginner Should Know About {topic}',
  'Why {adj} {things} Are Worth It',
  "The Complete Beginner's Guide to {topic}",
  'What I Learned From {num} Years of {topic}',
  '{topic} on a Budget: Our Best Tips',
  'Do You Really Need {things}?',
  'A Week of {topic} {ctx}',
  'Our Favourite {adj} {things} This Year',
  '{topic}: Common Mistakes and How to Avoid Them',
  'Getting Started With {things}',
  '{num} Ways to Get Better at {topic}',
];

const FAQ_QUESTIONS = [
  'How often should I {verb}?',
  'What is the best {thing} for beginners?',
  'Are {adj} {things} worth the extra cost?',
  'Can I {verb} {ctx}?',
  'What should I do if the {thing} stops working?',
  'How much should I spend on {things}?',
  'Is it a problem if I forget to {verb}?',
  'Do I need {a_thing} to get started?',
];

const REVIEW_SENTENCES = [
  'We have been using the {brand} {thing} for about {num} weeks now, and it has quickly become part of our routine.',
  'Build quality is solid, and it feels sturdier than its price suggests.',
  'Setup took less than {num2} minutes, and the instructions were clear.',
  'Our main complaint is the price, because at {money} it is not cheap.',
  'If you {verb} often, the {brand} {thing} is easy to recommend.',
  'Compared with the model we tested in {year}, this one is lighter and easier to clean.',
  'It is not perfect, and a couple of small design choices annoyed us during testing.',
  'The cheaper alternatives we tried felt flimsy by comparison.',
  'Customer support answered our questions within a day, which is better than most.',
  'After {num} weeks of daily use, there are no signs of wear.',
];

const NEWS_ORGS = ['city council', 'county library service', 'regional transport authority', 'school board', 'parks department', 'water company', 'chamber of commerce', 'hospital trust', 'harbour commission', 'district council'];
const NEWS_ACTIONS = ['reopen the old railway bridge', 'extend library opening hours', 'replace the water mains along {street}', 'build a new cycle lane on {street}', 'expand the public swimming pool', 'close two primary schools', 'introduce free weekend parking', 'plant two thousand trees along the river', 'resurface {street}', 'open a new bus route to the hospital'];
const NEWS_EVENTS = ['summer music festival', "farmers' market", 'half marathon', 'book fair', 'food festival', 'harvest fair', 'lantern parade', 'classic car show'];
const NEWS_SENTENCES = [
  'Officials said the project is expected to cost about {bigmoney} and will take roughly {num2} months to complete.',
  '"We have listened carefully to residents," said {name}, a spokesperson for the {org}.',
  'Some residents have raised concerns about noise and traffic during the work.',
  'A public meeting is scheduled for {weekday}, {month} {day}, at the community centre on {street}.',
  'The decision follows a {num}-month consultation in which more than {bignum} people took part.',
  'Local business owners say they welcome the plan but want more details on the timetable.',
  'The {org} said further updates would be published on its website.',
  'Last year, a similar scheme in neighbouring {city2} was delayed after costs rose by {pct} percent.',
  'Opposition councillors questioned whether the money could be better spent elsewhere.',
  'Work is expected to begin in {month}, subject to final approval.',
  '"This is good news for families across {city}," said local resident {name}.',
  'The plan was approved by a narrow majority at a meeting on {weekday} evening.',
];
const NEWS_EVENT_SENTENCES = [
  'Attendance at this year\'s {event} reached {bignum}, up from {bignum2} in {year}.',
  'Organisers thanked the volunteers who helped set up stalls, stages and parking.',
  'Police reminded visitors to plan their journeys in advance, as several roads were closed.',
  'The {event} first took place in {oldyear} and has grown almost every year since.',
  'More than {num2} local businesses took part, many of them for the first time.',
  '"The atmosphere was fantastic from start to finish," said organiser {name}.',
  'Next year\'s {event} is provisionally planned for the second weekend of {month}.',
];

// Boilerplate a crawler picks up around the main text.
const COOKIE_LINES = [
  'This website uses cookies to improve your experience. By continuing to browse, you agree to our use of cookies.',
  'We use cookies to personalise content and ads. Accept all | Manage preferences',
  'Our site uses cookies. Learn more in our Cookie Policy.',
  'By using this site you accept our use of cookies. OK',
  'We value your privacy. We and our partners store and access information on your device. Accept | Reject | Settings',
];
const NEWSLETTER_LINES = [
  'Subscribe to our newsletter',
  'Sign up for our newsletter and get 10% off your first order!',
  'Join {bignum} readers and get the best {topic} tips every week.',
  'Enter your email address to subscribe to this blog and receive notifications of new posts by email.',
  'Never miss a post. Subscribe now',
];
const FOOTER_LINES = ['Terms of use | Privacy policy', 'About us | Contact | Careers | Advertise', 'Privacy Policy · Terms of Service · Sitemap', 'Home | About | Blog | Shop | Contact', 'Accessibility | Cookie settings | Terms and conditions'];
const SHARE_LINES = ['Share on Facebook Share on Twitter Pin it', 'Share this: Facebook, Twitter, Email, Print', 'Tweet Share Pin Email', 'Like this: Like Loading...'];
const COPYRIGHT = (r, site) => r.pick([`© ${r.int(2012, 2024)} ${site}. All rights reserved.`, `Copyright © ${r.int(2005, 2015)}-${r.int(2019, 2024)} ${site}`, `© ${site} ${r.int(2015, 2024)}`]);
const NAV = (r, site, topic, title) =>
  r.pick([`Home > Blog > ${titleCase(topic.name)} > ${title}`, `Home / ${titleCase(topic.name)} / Guides`, 'Skip to main content', `${site} Menu Search`, `Home » ${titleCase(topic.name)} » ${title}`]);

function siteName(rng, topic) {
  const t = titleCase(topic.name);
  return rng.pick([`The ${t} Corner`, `${rng.pick(FIRST_NAMES)}'s ${t} Blog`, `${t} Weekly`, `${rng.pick(CITIES)} ${t} Club`, `${t} Today`, `${rng.pick(['Green', 'Little', 'Simple', 'Happy', 'Modern', 'Honest'])} ${t}`]);
}

function sentence(rng, vars, pool, connectiveChance = 0.2) {
  let template = rng.pick(pool);
  const used = vars.usedTemplates;
  for (let tries = 0; used && used.has(template) && tries < 12; tries++) template = rng.pick(pool);
  if (used) used.add(template);
  let text = fill(rng, template, vars);
  if (rng.chance(connectiveChance) && /^[A-Z][a-z]/.test(template) && !template.includes('?') && !template.startsWith('I ')) {
    text = rng.pick(CONNECTIVES) + text.charAt(0).toLowerCase() + text.slice(1);
  }
  return text;
}

function paragraph(rng, vars, n, pool = BODY) {
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

function pageTitle(rng, vars) {
  return titleCase(fill(rng, rng.pick(TITLES), { ...vars, topic: vars.topic }));
}

/** Main text of a page in one of several genres; returns { title, blocks }. */
function webContent(rng, topic, vars, size) {
  const genre = weighted(rng, [['blog', 4], ['howto', 2], ['faq', 1.5], ['review', 1.5], ['news', 1.5]]);
  const blocks = [];
  let title;
  const bodyParagraphs = size === 'long' ? rng.int(3, 6) : rng.int(1, 3);
  if (genre === 'news') {
    const city = rng.pick(CITIES);
    const nv = { ...vars, city, org: rng.pick(NEWS_ORGS), event: rng.pick(NEWS_EVENTS) };
    if (rng.chance(0.55)) {
      const action = fill(rng, rng.pick(NEWS_ACTIONS), nv);
      title = titleCase(`${city} ${nv.org} to ${action}`);
      blocks.push(fill(rng, `${city} - The {org} announced on {weekday} that it will ${action} by {month} {year}.`, nv) + ' ' + paragraph(rng, nv, rng.int(1, 2), NEWS_SENTENCES));
      for (let i = 0; i < bodyParagraphs; i++) blocks.push(paragraph(rng, nv, rng.int(2, 4), NEWS_SENTENCES));
    } else {
      title = titleCase(`${city} ${nv.event} draws record crowds`);
      blocks.push(fill(rng, `Thousands of visitors came to ${city} on {weekday} for the annual {event}.`, nv) + ' ' + paragraph(rng, nv, rng.int(1, 2), NEWS_EVENT_SENTENCES));
      for (let i = 0; i < bodyParagraphs; i++) blocks.push(paragraph(rng, nv, rng.int(2, 4), rng.chance(0.5) ? NEWS_EVENT_SENTENCES : NEWS_SENTENCES));
    }
    return { title, blocks, genre };
  }
  title = pageTitle(rng, vars);
  if (genre === 'review') {
    const rv = { ...vars, brand: rng.pick(BRANDS), thing: rng.pick(topic.thing) };
    title = titleCase(fill(rng, 'Review: the {brand} {thing}', rv));
    blocks.push(paragraph(rng, rv, rng.int(3, 5), REVIEW_SENTENCES));
    for (let i = 0; i < bodyParagraphs - 1; i++) blocks.push(paragraph(rng, rv, rng.int(3, 5)));
    blocks.push(`Verdict: ${fill(rng, rng.pick(['a well-made {thing} with a few minor flaws.', 'good value if you {verb} regularly.', 'solid, but not for everyone.', 'the best {thing} we have tested at this price.']), rv)} Rating: ${rng.int(2, 5)} out of 5.`);
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
  if (size === 'long' || rng.chance(0.5)) blocks.push(paragraph(rng, vars, rng.int(0, 1)) + (blocks.length ? ' ' : '') + fill(rng, rng.pick(CLOSERS), vars));
  return { title, blocks: blocks.map((b) => b.trim()), genre };
}

function webHigh(rng, topic) {
  const vars = topicVars(rng, topic);
  const { title, blocks, genre } = webContent(rng, topic, vars, 'long');
  const head = [title];
  if (rng.chance(0.3)) head.push(`By ${personName(rng)}, ${dateString(rng)}`);
  return { text: [head.join('\n'), ...blocks].join('\n\n'), kind: genre };
}

function webMedium(rng, topic) {
  const vars = topicVars(rng, topic);
  const site = siteName(rng, topic);
  const style = weighted(rng, [['boilerplate', 4], ['related', 3], ['comments', 3]]);
  const { title, blocks } = webContent(rng, topic, vars, rng.chance(0.5) ? 'short' : 'long');
  const top = [];
  const bottom = [];
  if (rng.chance(0.7)) top.push(NAV(rng, site, topic, title));
  if (rng.chance(0.5)) top.push(rng.pick(COOKIE_LINES));
  top.push(title);
  if (rng.chance(0.6)) top.push(`Posted by ${personName(rng)} on ${dateString(rng)}`);
  if (style === 'related') {
    const n = rng.int(3, 6);
    const rel = ['Related posts:'];
    for (let i = 0; i < n; i++) rel.push(pageTitle(rng, vars));
    bottom.push(rel.join('\n'));
  } else if (style === 'comments') {
    const n = rng.int(2, 5);
    const cs = [`${n} comments`];
    for (let i = 0; i < n; i++) {
      cs.push(`${personName(rng)} says:`);
      cs.push(rng.pick(['Great post, thanks for sharing!', 'This was really helpful.', `I tried this ${rng.pick(topic.ctx)} and it worked well.`, 'Thanks! Bookmarked for later.', `Could you write more about ${rng.pick(topic.things)}?`, 'Reply']));
    }
    cs.push('Leave a Reply', 'Your email address will not be published. Required fields are marked *');
    bottom.push(cs.join('\n'));
  }
  const footer = [];
  if (rng.chance(0.6)) footer.push(rng.pick(SHARE_LINES));
  if (rng.chance(0.4)) footer.push(`Tags: ${pickN(rng, [...topic.things, topic.name], 3).join(', ')}`);
  if (rng.chance(0.6)) footer.push(fill(rng, rng.pick(NEWSLETTER_LINES), vars));
  footer.push(rng.pick(FOOTER_LINES));
  footer.push(COPYRIGHT(rng, site));
  bottom.push(footer.join('\n'));
  return { text: [top.join('\n'), ...blocks, ...bottom].join('\n\n'), kind: style };
}

const LOREM = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua ut enim ad minim veniam quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur excepteur sint occaecat cupidatat non proident sunt in culpa qui officia deserunt mollit anim id est laborum'.split(' ');
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

function webLow(rng, topic) {
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
        if (rng.chance(0.4)) ws.push(rng.pick(['best price', 'free shipping', 'buy now', 'top rated', 'click here', 'official site', 'discount code']));
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
      const items = [...topic.things, ...topic.thing, ...topic.keywords, 'Free shipping', '30-day returns', 'Best price guaranteed', 'In stock', 'Top rated', 'New arrivals'];
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
      lines.push(rng.pick(['Please enable JavaScript to view this page.', 'JavaScript is disabled in your browser. Please enable JavaScript to continue.', 'You need to enable JavaScript to run this app.', 'This site requires JavaScript. Please turn it on and reload the page.']));
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
      lines.push(NAV(rng, site, topic, title), rng.pick(COOKIE_LINES), 'Menu', 'Search', title, rng.pick(SHARE_LINES), fill(rng, rng.pick(NEWSLETTER_LINES), vars), rng.pick(FOOTER_LINES), COPYRIGHT(rng, site));
      break;
    }
    case 'hashtags': {
      const tags = [...topic.keywords, ...topic.things, topic.name].map((t) => '#' + t.replace(/[^A-Za-z]/g, '').toLowerCase());
      lines.push(`${cap(rng.pick(topic.adjs))} ${rng.pick(topic.things)} today ${rng.pick(['😍', '🔥', '✨', ''])}`.trim());
      const n = rng.int(3, 6);
      for (let i = 0; i < n; i++) lines.push(pickN(rng, [...tags, '#instagood', '#photooftheday', '#love', '#weekend', '#follow', '#like4like'], rng.int(6, 12)).join(' '));
      break;
    }
    case 'tabular': {
      lines.push(`${title} - price list`);
      lines.push('SKU | Item | Qty | Price | Stock');
      const n = rng.int(12, 30);
      for (let i = 0; i < n; i++) lines.push(`${rng.int(100000, 999999)} | ${rng.pick(topic.things).split(' ')[0].toUpperCase()}-${rng.int(10, 999)} | ${rng.int(1, 50)} | ${rng.int(1, 500)}.${String(rng.int(0, 99)).padStart(2, '0')} | ${rng.int(0, 900)}`);
      break;
    }
  }
  return { text: lines.join('\n'), kind };
}

// ---------------------------------------------------------------------------------------------
// Source code
// ---------------------------------------------------------------------------------------------

const ENTITIES = [
  { s: 'order', p: 'orders', fields: ['total', 'quantity', 'price', 'discount'] },
  { s: 'reading', p: 'readings', fields: ['temperature', 'humidity', 'pressure', 'voltage'] },
  { s: 'invoice', p: 'invoices', fields: ['amount', 'tax', 'balance', 'due_days'] },
  { s: 'sample', p: 'samples', fields: ['value', 'weight', 'score', 'latency'] },
  { s: 'ticket', p: 'tickets', fields: ['priority', 'age_hours', 'replies', 'severity'] },
  { s: 'trip', p: 'trips', fields: ['distance', 'duration', 'fare', 'stops'] },
  { s: 'song', p: 'songs', fields: ['duration', 'plays', 'rating', 'bpm'] },
  { s: 'user', p: 'users', fields: ['age', 'logins', 'score', 'balance'] },
  { s: 'shipment', p: 'shipments', fields: ['weight', 'cost', 'transit_days', 'items'] },
  { s: 'transaction', p: 'transactions', fields: ['amount', 'fee', 'balance', 'items'] },
  { s: 'request', p: 'requests', fields: ['latency_ms', 'status_code', 'bytes', 'retries'] },
  { s: 'employee', p: 'employees', fields: ['salary', 'hours', 'rating', 'tenure'] },
  { s: 'product', p: 'products', fields: ['price', 'stock', 'rating', 'weight'] },
  { s: 'booking', p: 'bookings', fields: ['nights', 'guests', 'price', 'deposit'] },
  { s: 'match', p: 'matches', fields: ['goals', 'attendance', 'minutes', 'shots'] },
  { s: 'listing', p: 'listings', fields: ['price', 'area', 'rooms', 'views'] },
];
const GROUP_KEYS = ['region', 'category', 'status', 'owner', 'city', 'team', 'day', 'source', 'country', 'channel'];

function codeVars(rng) {
  const e = rng.pick(ENTITIES);
  const field = rng.pick(e.fields);
  const key = rng.pick(GROUP_KEYS);
  return {
    s: e.s,
    p: e.p,
    S: pascal(e.s),
    P: pascal(e.p),
    field,
    field2: rng.pick(e.fields.filter((f) => f !== field)),
    fieldC: snakeToCamel(field),
    F: pascal(field),
    key,
    K: pascal(key),
    n: rng.int(2, 8),
    window: rng.int(3, 12),
    limit: rng.pick([10, 20, 50, 100, 250, 500, 1000]),
    delay: rng.pick([100, 200, 250, 500, 1000]),
    threshold: rng.pick(['0.5', '0.75', '0.9', '1.5', '2.0', '3.0']),
    size: rng.pick([8, 16, 32, 64, 128, 256]),
  };
}

// Python: each entry gives a function (name, imports, code). One-line docstrings and whole-line
// comments only, so that a "medium" variant can strip them with a line filter.
const PY_FUNCS = [
  (c) => ({
    name: `group_${c.p}_by_${c.key}`,
    imports: ['from collections import defaultdict'],
    code: T(String.raw`def group_«p»_by_«key»(«p»):
    """Group «p» by their «key», keeping the original order within each group."""
    groups = defaultdict(list)
    for «s» in «p»:
        groups[«s»["«key»"]].append(«s»)
    return dict(groups)`, c),
  }),
  (c) => ({
    name: `summarize_${c.field}`,
    imports: [],
    code: T(String.raw`def summarize_«field»(«p»):
    """Return count, mean, min and max of the «field» of each «s»."""
    values = [«s»["«field»"] for «s» in «p» if «s».get("«field»") is not None]
    if not values:
        return {"count": 0, "mean": None, "min": None, "max": None}
    return {
        "count": len(values),
        "mean": sum(values) / len(values),
        "min": min(values),
        "max": max(values),
    }`, c),
  }),
  (c) => ({
    name: 'moving_average',
    imports: [],
    code: T(String.raw`def moving_average(values, window=«window»):
    """Return the simple moving average of values over a sliding window."""
    if window <= 0:
        raise ValueError("window must be positive")
    result = []
    total = 0.0
    for i, value in enumerate(values):
        total += value
        if i >= window:
            total -= values[i - window]
        if i >= window - 1:
            result.append(total / window)
    return result`, c),
  }),
  (c) => ({
    name: 'load_settings',
    imports: [],
    code: T(String.raw`def load_settings(path):
    """Read a key=value settings file, ignoring blank lines and comments."""
    settings = {}
    with open(path, encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if "=" not in line:
                raise ValueError(f"{path}:{line_number}: expected key=value, got {line!r}")
            key, value = line.split("=", 1)
            settings[key.strip()] = value.strip()
    return settings`, c),
  }),
  (c) => ({
    name: 'retry',
    imports: ['import functools', 'import time'],
    code: T(String.raw`def retry(attempts=«n», delay=«threshold», backoff=2.0, exceptions=(Exception,)):
    """Retry the decorated function with exponential backoff."""
    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            wait = delay
            for attempt in range(1, attempts + 1):
                try:
                    return func(*args, **kwargs)
                except exceptions:
                    if attempt == attempts:
                        raise
                    time.sleep(wait)
                    wait *= backoff
        return wrapper
    return decorator`, c),
  }),
  (c) => ({
    name: `find_${c.s}_index`,
    imports: [],
    code: T(String.raw`def find_«s»_index(sorted_«p», target):
    """Binary search for target in a list sorted by «field»; return -1 if absent."""
    low, high = 0, len(sorted_«p») - 1
    while low <= high:
        mid = (low + high) // 2
        current = sorted_«p»[mid]["«field»"]
        if current == target:
            return mid
        if current < target:
            low = mid + 1
        else:
            high = mid - 1
    return -1`, c),
  }),
  (c) => ({
    name: 'top_words',
    imports: ['import re', 'from collections import Counter'],
    code: T(String.raw`WORD_RE = re.compile(r"[a-z']+")


def top_words(text, limit=«limit»):
    """Return the most common lower-case words in text with their counts."""
    words = WORD_RE.findall(text.lower())
    # Very short words are mostly articles and pronouns; they drown out everything else.
    counts = Counter(word for word in words if len(word) > 2)
    return counts.most_common(limit)`, c),
  }),
  (c) => ({
    name: c.S,
    imports: ['from dataclasses import dataclass, field'],
    code: T(String.raw`@dataclass
class «S»:
    """A single «s» as stored in the «p» table."""

    id: int
    «key»: str
    «field»: float = 0.0
    tags: list = field(default_factory=list)

    def is_valid(self):
        """Return True when the record can be saved."""
        return self.id > 0 and bool(self.«key») and self.«field» >= 0

    def with_tag(self, tag):
        """Return a copy of this «s» with one more tag."""
        return «S»(self.id, self.«key», self.«field», self.tags + [tag])`, c),
  }),
  (c) => ({
    name: 'chunked',
    imports: [],
    code: T(String.raw`def chunked(items, size=«size»):
    """Yield successive lists of at most size items."""
    if size < 1:
        raise ValueError("size must be at least 1")
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch`, c),
  }),
  (c) => ({
    name: `normalize_${c.field}`,
    imports: ['import statistics'],
    code: T(String.raw`def normalize_«field»(«p»):
    """Add a z-score of «field» to every «s»; a constant column gets zeros."""
    values = [«s»["«field»"] for «s» in «p»]
    if len(values) < 2:
        return [dict(«s», «field»_z=0.0) for «s» in «p»]
    mean = statistics.mean(values)
    spread = statistics.stdev(values) or 1.0
    return [dict(«s», «field»_z=(«s»["«field»"] - mean) / spread) for «s» in «p»]`, c),
  }),
  (c) => ({
    name: `total_${c.field}_by_${c.key}`,
    imports: ['import csv', 'from collections import defaultdict'],
    code: T(String.raw`def total_«field»_by_«key»(csv_path):
    """Sum the «field» column of a CSV export for each «key»."""
    totals = defaultdict(float)
    with open(csv_path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            try:
                totals[row["«key»"]] += float(row["«field»"])
            except (KeyError, ValueError):
                # Exports from the old system contain blank rows; skip them.
                continue
    return dict(sorted(totals.items()))`, c),
  }),
  (c) => ({
    name: 'LRUCache',
    imports: ['from collections import OrderedDict'],
    code: T(String.raw`class LRUCache:
    """A small least-recently-used cache for «s» lookups."""

    def __init__(self, capacity=«limit»):
        self.capacity = capacity
        self._items = OrderedDict()

    def get(self, key, default=None):
        if key not in self._items:
            return default
        self._items.move_to_end(key)
        return self._items[key]

    def put(self, key, value):
        self._items[key] = value
        self._items.move_to_end(key)
        if len(self._items) > self.capacity:
            self._items.popitem(last=False)

    def __len__(self):
        return len(self._items)`, c),
  }),
  (c) => ({
    name: 'flatten',
    imports: [],
    code: T(String.raw`def flatten(nested):
    """Flatten arbitrarily nested lists and tuples into a single list."""
    flat = []
    for item in nested:
        if isinstance(item, (list, tuple)):
            flat.extend(flatten(item))
        else:
            flat.append(item)
    return flat`, c),
  }),
  (c) => ({
    name: 'merge_intervals',
    imports: [],
    code: T(String.raw`def merge_intervals(intervals):
    """Merge overlapping (start, end) intervals and return them sorted."""
    merged = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [tuple(pair) for pair in merged]`, c),
  }),
  (c) => ({
    name: 'is_valid_email',
    imports: ['import re'],
    code: T(String.raw`EMAIL_RE = re.compile(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$")


def is_valid_email(address):
    """Cheap syntactic check; the confirmation email is the real test."""
    return bool(EMAIL_RE.match(address.strip()))`, c),
  }),
  (c) => ({
    name: `flag_${c.p}`,
    imports: [],
    code: T(String.raw`def flag_«p»(«p», threshold=«threshold»):
    """Return the ids of «p» whose «field» is above threshold times the median."""
    values = sorted(«s»["«field»"] for «s» in «p»)
    if not values:
        return []
    median = values[len(values) // 2]
    return [«s»["id"] for «s» in «p» if «s»["«field»"] > threshold * median]`, c),
  }),
];

const PY_MAIN = (c) =>
  T(String.raw`def main(argv=None):
    parser = argparse.ArgumentParser(description="Summarise «p» stored in a JSON file.")
    parser.add_argument("path", help="JSON file holding a list of «p»")
    parser.add_argument("--«key»", default=None, help="only include «p» with this «key»")
    args = parser.parse_args(argv)
    with open(args.path, encoding="utf-8") as handle:
        «p» = json.load(handle)
    if args.«key» is not None:
        «p» = [item for item in «p» if item.get("«key»") == args.«key»]
    print(json.dumps(summarize_«field»(«p»), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())`, c);

function pythonFile(rng, c) {
  const fns = pickN(rng, PY_FUNCS, rng.int(2, 5)).map((f) => f(c));
  const withMain = rng.chance(0.4);
  if (withMain && !fns.some((f) => f.name === `summarize_${c.field}`)) fns.push(PY_FUNCS[1](c));
  const imports = new Set(fns.flatMap((f) => f.imports));
  if (withMain) ['import argparse', 'import json', 'import sys'].forEach((i) => imports.add(i));
  const plain = [...imports].filter((i) => i.startsWith('import ')).sort();
  const from = [...imports].filter((i) => i.startsWith('from ')).sort();
  const doc = rng.pick([`"""Helpers for working with ${c.p} exported from the ${c.key} dashboard."""`, `"""Utilities for cleaning and summarising ${c.s} records.\n\nThe functions here are small on purpose so they can be tested in isolation.\n"""`, `"""${pascal(c.s)} processing helpers."""`, `# ${c.p}_utils.py - shared code for the ${c.p} reports\n"""Tools used by the nightly ${c.s} report."""`]);
  const parts = [doc];
  const importBlock = [plain.join('\n'), from.join('\n')].filter(Boolean).join('\n');
  if (importBlock) parts.push(importBlock);
  if (rng.chance(0.4)) parts.push(`DEFAULT_${c.key.toUpperCase()} = "${rng.pick(['north', 'general', 'open', 'web', 'default', 'unknown'])}"\nMAX_${c.p.toUpperCase()} = ${c.limit}`);
  let body = parts.join('\n\n') + '\n\n\n' + fns.map((f) => f.code).join('\n\n\n');
  if (withMain) body += '\n\n\n' + PY_MAIN(c);
  return body + '\n';
}

// JavaScript: ESM or CommonJS.
const JS_FUNCS = [
  (c) => ({
    name: 'debounce',
    code: T(String.raw`/**
 * Delay calls to fn until wait ms have passed without another call.
 */
export function debounce(fn, wait = «delay») {
  let timer = null;
  return function debounced(...args) {
    clearTimeout(timer);
    timer = setTimeout(() => fn.apply(this, args), wait);
  };
}`, c),
  }),
  (c) => ({
    name: `group${c.P}By${c.K}`,
    code: T(String.raw`// Group «p» by «key» so the summary view can render one section per «key».
export function group«P»By«K»(«p») {
  const groups = new Map();
  for (const «s» of «p») {
    const key = «s».«key» ?? 'unknown';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(«s»);
  }
  return groups;
}`, c),
  }),
  (c) => ({
    name: `fetch${c.P}`,
    code: T(String.raw`/**
 * Fetch a JSON list of «p», retrying with exponential backoff on failure.
 */
export async function fetch«P»(url, { retries = «n», delayMs = «delay» } = {}) {
  let lastError;
  for (let attempt = 0; attempt <= retries; attempt++) {
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error('HTTP ' + response.status + ' for ' + url);
      return await response.json();
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, delayMs * 2 ** attempt));
    }
  }
  throw lastError;
}`, c),
  }),
  (c) => ({
    name: `${c.S}Store`,
    code: T(String.raw`/** In-memory store of «p» that notifies subscribers on every change. */
export class «S»Store {
  constructor() {
    this.items = new Map();
    this.listeners = new Set();
  }

  add(«s») {
    this.items.set(«s».id, «s»);
    this.emit('add', «s»);
  }

  remove(id) {
    const «s» = this.items.get(id);
    if (!«s») return false;
    this.items.delete(id);
    this.emit('remove', «s»);
    return true;
  }

  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(type, payload) {
    for (const listener of this.listeners) listener(type, payload);
  }

  total«F»() {
    let total = 0;
    for (const «s» of this.items.values()) total += «s».«fieldC» || 0;
    return total;
  }
}`, c),
  }),
  (c) => ({
    name: 'formatDuration',
    code: T(String.raw`// Format a number of seconds as "1h 02m 03s" for the status bar.
export function formatDuration(totalSeconds) {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const pad = (n) => String(n).padStart(2, '0');
  return h > 0 ? h + 'h ' + pad(m) + 'm ' + pad(s) + 's' : m + 'm ' + pad(s) + 's';
}`, c),
  }),
  (c) => ({
    name: 'chunk',
    code: T(String.raw`export function chunk(items, size = «size») {
  if (size < 1) throw new RangeError('size must be at least 1');
  const out = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}`, c),
  }),
  (c) => ({
    name: 'memoize',
    code: T(String.raw`/**
 * Cache results of a one-argument function. Keys are compared with Map semantics.
 */
export function memoize(fn) {
  const cache = new Map();
  return (arg) => {
    if (!cache.has(arg)) cache.set(arg, fn(arg));
    return cache.get(arg);
  };
}`, c),
  }),
  (c) => ({
    name: 'parseQuery',
    code: T(String.raw`// Parse "?a=1&b=two&b=three" into { a: '1', b: ['two', 'three'] }.
export function parseQuery(query) {
  const result = {};
  for (const part of query.replace(/^\?/, '').split('&')) {
    if (!part) continue;
    const [rawKey, rawValue = ''] = part.split('=');
    const key = decodeURIComponent(rawKey);
    const value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    if (key in result) {
      result[key] = [].concat(result[key], value);
    } else {
      result[key] = value;
    }
  }
  return result;
}`, c),
  }),
  (c) => ({
    name: `validate${c.S}`,
    code: T(String.raw`/** Return a list of problems with a «s»; an empty list means it is valid. */
export function validate«S»(«s») {
  const errors = [];
  if (!Number.isInteger(«s».id) || «s».id <= 0) errors.push('id must be a positive integer');
  if (typeof «s».«fieldC» !== 'number' || «s».«fieldC» < 0) errors.push('«fieldC» must be zero or more');
  if (!«s».«key») errors.push('«key» is required');
  return errors;
}`, c),
  }),
  (c) => ({
    name: 'sortBy',
    code: T(String.raw`// Stable sort by several keys; prefix a key with "-" for descending order.
export function sortBy(items, ...keys) {
  return [...items].sort((a, b) => {
    for (const spec of keys) {
      const desc = spec.startsWith('-');
      const key = desc ? spec.slice(1) : spec;
      if (a[key] < b[key]) return desc ? 1 : -1;
      if (a[key] > b[key]) return desc ? -1 : 1;
    }
    return 0;
  });
}`, c),
  }),
  (c) => ({
    name: `summarize${c.F}`,
    code: T(String.raw`export function summarize«F»(«p») {
  const values = «p».map((«s») => «s».«fieldC»).filter((v) => typeof v === 'number');
  if (values.length === 0) return { count: 0, mean: null, min: null, max: null };
  const sum = values.reduce((acc, v) => acc + v, 0);
  return {
    count: values.length,
    mean: sum / values.length,
    min: Math.min(...values),
    max: Math.max(...values),
  };
}`, c),
  }),
  (c) => ({
    name: `format${c.S}Row`,
    code: T(String.raw`// One line per «s» in the plain-text export.
export function format«S»Row(«s») {
  const value = Number(«s».«fieldC» ?? 0).toFixed(2);
  return «bt»«d»{String(«s».id).padStart(6, ' ')}  «d»{(«s».«key» ?? '-').padEnd(12, ' ')}  «d»{value}«bt»;
}`, { ...c, bt: '`', d: '$' }),
  }),
];

function javascriptFile(rng, c) {
  const fns = pickN(rng, JS_FUNCS, rng.int(2, 5)).map((f) => f(c));
  const esm = rng.chance(0.65);
  const header = rng.pick([`/**\n * ${c.P} helpers shared by the dashboard and the nightly export.\n */`, `// ${c.s}-utils.js`, `/* Utilities for the ${c.p} page. */`, `'use strict';\n\n// Small helpers for ${c.p}.`]);
  let body = fns.map((f) => f.code).join('\n\n');
  if (!esm) {
    body = body.replace(/^export (async function|function|class) /gm, '$1 ');
    body += `\n\nmodule.exports = { ${fns.map((f) => f.name).join(', ')} };`;
  }
  return `${header}\n\n${body}\n`;
}

// C
const C_FUNCS = [
  (c) => ({
    includes: ['stddef.h'],
    code: T(String.raw`/* Mean of n «field» values; 0.0 for an empty array. */
double «s»_mean_«field»(const double *values, size_t n)
{
    double sum = 0.0;
    size_t i;

    if (n == 0)
        return 0.0;
    for (i = 0; i < n; i++)
        sum += values[i];
    return sum / (double)n;
}`, c),
  }),
  (c) => ({
    includes: ['stdlib.h'],
    code: T(String.raw`struct «s»_node {
    int id;
    double «field»;
    struct «s»_node *next;
};

/* Push a node at the head of the list; returns NULL when out of memory. */
struct «s»_node *«s»_push(struct «s»_node *head, int id, double «field»)
{
    struct «s»_node *node = malloc(sizeof(*node));

    if (node == NULL)
        return NULL;
    node->id = id;
    node->«field» = «field»;
    node->next = head;
    return node;
}

void «s»_free_all(struct «s»_node *head)
{
    while (head != NULL) {
        struct «s»_node *next = head->next;
        free(head);
        head = next;
    }
}`, c),
  }),
  (c) => ({
    includes: ['ctype.h', 'string.h'],
    code: String.raw`/* Remove leading and trailing whitespace in place and return the start. */
char *trim(char *text)
{
    char *end;

    while (isspace((unsigned char)*text))
        text++;
    if (*text == '\0')
        return text;
    end = text + strlen(text) - 1;
    while (end > text && isspace((unsigned char)*end))
        end--;
    end[1] = '\0';
    return text;
}`,
  }),
  (c) => ({
    includes: ['stddef.h'],
    code: T(String.raw`/* Index of the largest value, or -1 when n is zero. */
long index_of_max(const double *values, size_t n)
{
    size_t i, best = 0;

    if (n == 0)
        return -1;
    for (i = 1; i < n; i++)
        if (values[i] > values[best])
            best = i;
    return (long)best;
}

static int clamp_int(int value, int low, int high)
{
    if (value < low)
        return low;
    if (value > high)
        return high;
    return value;
}`, c),
  }),
];
const C_MAIN = String.raw`int main(int argc, char **argv)
{
    FILE *fp;
    int ch;
    long lines = 0;

    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE\n", argv[0]);
        return 1;
    }
    fp = fopen(argv[1], "r");
    if (fp == NULL) {
        perror(argv[1]);
        return 1;
    }
    while ((ch = fgetc(fp)) != EOF)
        if (ch == '\n')
            lines++;
    fclose(fp);
    printf("%ld\n", lines);
    return 0;
}`;

function cFile(rng, c) {
  const fns = pickN(rng, C_FUNCS, rng.int(2, 3)).map((f) => f(c));
  const includes = new Set(['stdio.h', ...fns.flatMap((f) => f.includes)]);
  const head = `/*\n * ${c.s}_tools.c - ${rng.pick(['small helpers for the ' + c.s + ' importer', 'utilities used by the ' + c.p + ' command-line tool', 'shared routines for ' + c.s + ' processing'])}\n */`;
  return `${head}\n${[...includes].sort().map((i) => `#include <${i}>`).join('\n')}\n\n${fns.map((f) => f.code).join('\n\n')}\n\n${C_MAIN}\n`;
}

// Go
const GO_FUNCS = [
  (c) => ({
    imports: [],
    code: T(String.raw`// «S» is a single «s» record.
type «S» struct {
	ID int
	«K» string
	«F» float64
}

// Total«F» returns the sum of «field» over all «p».
func Total«F»(«p» []«S») float64 {
	total := 0.0
	for _, item := range «p» {
		total += item.«F»
	}
	return total
}

// GroupBy«K» groups «p» by their «key».
func GroupBy«K»(«p» []«S») map[string][]«S» {
	groups := make(map[string][]«S»)
	for _, item := range «p» {
		groups[item.«K»] = append(groups[item.«K»], item)
	}
	return groups
}`, c),
  }),
  (c) => ({
    imports: ['sort', 'strings'],
    code: String.raw`// WordCount returns words sorted by descending frequency.
func WordCount(text string) []string {
	counts := make(map[string]int)
	for _, word := range strings.Fields(strings.ToLower(text)) {
		counts[strings.Trim(word, ".,;:!?\"'")]++
	}
	words := make([]string, 0, len(counts))
	for word := range counts {
		words = append(words, word)
	}
	sort.Slice(words, func(i, j int) bool {
		if counts[words[i]] != counts[words[j]] {
			return counts[words[i]] > counts[words[j]]
		}
		return words[i] < words[j]
	})
	return words
}`,
  }),
  (c) => ({
    imports: ['encoding/json', 'net/http'],
    code: T(String.raw`// healthHandler reports whether the «s» service is up.
func healthHandler(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]string{"status": "ok", "service": "«p»"})
}`, c),
  }),
  (c) => ({
    imports: ['sync'],
    code: T(String.raw`// processAll runs work on every item using a fixed number of goroutines.
func processAll(items []int, workers int, work func(int) int) []int {
	results := make([]int, len(items))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results[i] = work(items[i])
			}
		}()
	}
	for i := range items {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return results
}`, c),
  }),
];

function goFile(rng, c) {
  const fns = pickN(rng, GO_FUNCS, rng.int(2, 3)).map((f) => f(c));
  const usesHTTP = fns.some((f) => f.imports.includes('net/http'));
  const imports = new Set(['fmt', ...fns.flatMap((f) => f.imports)]);
  if (usesHTTP) imports.add('log');
  let main;
  if (usesHTTP) {
    main = `func main() {\n\thttp.HandleFunc("/healthz", healthHandler)\n\tfmt.Println("listening on :${rng.pick([8080, 8000, 9090, 3000])}")\n\tlog.Fatal(http.ListenAndServe(":${rng.pick([8080, 8000, 9090, 3000])}", nil))\n}`;
  } else {
    main = `func main() {\n\tfmt.Println("${c.p} tool ready")\n}`;
  }
  const importBlock = `import (\n${[...imports].sort().map((i) => `\t"${i}"`).join('\n')}\n)`;
  return `// Command ${c.s}tool ${rng.pick(['summarises ' + c.p + ' exported from the billing system.', 'serves and processes ' + c.s + ' records.', 'is a small helper for the ' + c.p + ' pipeline.'])}\npackage main\n\n${importBlock}\n\n${fns.map((f) => f.code).join('\n\n')}\n\n${main}\n`;
}

/** Strip comments and docstrings: the "medium" variant of a file. */
function stripComments(code) {
  return code
    .split('\n')
    .filter((line) => !/^\s*(#\s|#$|\/\/|\/\*.*\*\/\s*$|\/\*\*?$|\*\s|\*\/|\*$|"""[^"]*"""\s*$)/.test(line))
    .join('\n')
    .replace(/\n{4,}/g, '\n\n\n')
    .replace(/^\n+/, '');
}

function minifyJs(code) {
  return code
    .split('\n')
    .filter((line) => !/^\s*(\/\/|\/\*|\*)/.test(line))
    .map((line) => line.trim())
    .join('')
    .replace(/\s*([=+*/<>{}(),;:?|&!-])\s*/g, '$1');
}

// Local and helper names vary from file to file, as they do between real authors.
const CODE_RENAMES = {
  values: ['values', 'vals', 'nums', 'xs', 'series', 'measurements'],
  result: ['result', 'out', 'output', 'collected'],
  total: ['total', 'running', 'subtotal', 'tally'],
  groups: ['groups', 'buckets', 'grouped', 'by_key'],
  item: ['item', 'entry', 'elem', 'record', 'obj'],
  batch: ['batch', 'bucket', 'pending', 'buf'],
  moving_average: ['moving_average', 'rolling_mean', 'sliding_average'],
  chunked: ['chunked', 'batched', 'in_batches'],
  flatten: ['flatten', 'flatten_nested', 'deep_flatten'],
  merge_intervals: ['merge_intervals', 'merge_ranges', 'coalesce_intervals'],
  top_words: ['top_words', 'most_common_words', 'word_frequencies'],
  load_settings: ['load_settings', 'read_config', 'parse_settings_file'],
  is_valid_email: ['is_valid_email', 'looks_like_email', 'check_email'],
  LRUCache: ['LRUCache', 'LruCache', 'RecentCache'],
  retry: ['retry', 'with_retries', 'retrying'],
  debounce: ['debounce', 'debounceCalls', 'delayCalls'],
  chunk: ['chunk', 'chunkArray', 'splitEvery'],
  memoize: ['memoize', 'cached', 'memo'],
  sortBy: ['sortBy', 'sortByKeys', 'multiSort'],
  parseQuery: ['parseQuery', 'parseQueryString', 'queryToObject'],
  formatDuration: ['formatDuration', 'humanDuration', 'formatSeconds'],
  trim: ['trim', 'strip_whitespace', 'trim_in_place'],
  index_of_max: ['index_of_max', 'argmax', 'max_index'],
  WordCount: ['WordCount', 'WordsByFrequency', 'RankWords'],
  processAll: ['processAll', 'runParallel', 'mapConcurrent'],
};

function renameIdentifiers(rng, text) {
  for (const [from, options] of Object.entries(CODE_RENAMES)) {
    const to = rng.pick(options);
    if (to !== from) text = text.replace(new RegExp(`(?<![.\\w'"])${from}\\b(?!['"])`, 'g'), to);
  }
  return text;
}

function codeDoc(rng) {
  const c = codeVars(rng);
  const lang = weighted(rng, [['python', 55], ['javascript', 30], ['c', 7], ['go', 8]]);
  const quality = weighted(rng, [['high', 85], ['medium', 10], ['low', 5]]);
  let text;
  if (lang === 'python') text = pythonFile(rng, c);
  else if (lang === 'javascript') text = javascriptFile(rng, c);
  else if (lang === 'c') text = cFile(rng, c);
  else text = goFile(rng, c);
  text = renameIdentifiers(rng, text);
  let kind = lang;
  if (quality === 'medium') {
    text = stripComments(text);
    kind += '/no-comments';
  } else if (quality === 'low') {
    if (lang === 'javascript' || rng.chance(0.5)) {
      // A minified bundle: what a crawler finds in a dist/ folder.
      const js = renameIdentifiers(rng, javascriptFile(rng, c)).replace(/^export /gm, '');
      text = `/*! ${c.s}-utils v${rng.int(1, 4)}.${rng.int(0, 20)}.${rng.int(0, 9)} | MIT */` + minifyJs(js) + '\n';
      kind = 'javascript/minified';
    } else {
      // A generated data module: numbers, no prose.
      const rows = [];
      const n = rng.int(60, 160);
      for (let i = 0; i < n; i++) rows.push(`    (${i + 1}, ${rng.int(0, 9999) / 100}, ${rng.int(0, 500)}, ${rng.int(0, 9)}),`);
      text = `# This file is generated automatically. Do not edit.\n${c.P.toUpperCase()}_TABLE = [\n${rows.join('\n')}\n]\n`;
      kind = 'python/generated-data';
    }
  }
  return { text, quality, kind };
}

// ---------------------------------------------------------------------------------------------
// Grade-school math word problems with worked solutions (answers are computed, not templated)
// ---------------------------------------------------------------------------------------------

const MATH_ITEMS = [
  ['notebooks', 'pens'],
  ['shirts', 'pairs of socks'],
  ['bags of apples', 'bottles of juice'],
  ['museum tickets', 'postcards'],
  ['flower pots', 'packets of seeds'],
  ['books', 'bookmarks'],
  ['sandwiches', 'cups of tea'],
  ['comic books', 'stickers'],
];
const COUNTABLES = [
  ['stickers', 'loses'],
  ['marbles', 'loses'],
  ['apples', 'eats'],
  ['stamps', 'gives away another'],
  ['crayons', 'breaks'],
  ['seashells', 'loses'],
  ['cookies', 'eats'],
];
const TREATS = ['cookies', 'muffins', 'cupcakes', 'brownies', 'scones', 'pancakes'];
const SALE_ITEMS = [['jacket', 'jackets'], ['lamp', 'lamps'], ['backpack', 'backpacks'], ['chair', 'chairs'], ['pair of boots', 'pairs of boots'], ['board game', 'board games']];
const GIFTS = ['video game', 'birthday present', 'pair of headphones', 'skateboard', 'concert ticket', 'new bike helmet'];
const FRACTION_WORDS = { 2: 'half', 3: 'third', 4: 'quarter', 5: 'fifth' };
const gcd = (a, b) => (b === 0 ? a : gcd(b, a % b));

const MATH_PROBLEMS = [
  (r, N, op) => {
    const [x, y] = r.pick(MATH_ITEMS);
    const a = r.int(2, 9), p = r.int(2, 15), b = r.int(2, 9), q = r.int(1, 12);
    const t1 = a * p, t2 = b * q;
    return {
      q: `${N} buys ${a} ${x} for $${p} each and ${b} ${y} for $${q} each. How much does ${N} spend in total?`,
      steps: [`The ${x} cost ${op(`${a}*${p}`, t1)} dollars.`, `The ${y} cost ${op(`${b}*${q}`, t2)} dollars.`, `In total, ${N} spends ${op(`${t1}+${t2}`, t1 + t2)} dollars.`],
      answer: t1 + t2,
    };
  },
  (r, N, op) => {
    const [x] = r.pick(MATH_ITEMS);
    const a = r.int(2, 6), p = r.int(2, 12), t = a * p;
    const bill = [20, 50, 100].find((b) => b > t);
    return {
      q: `${N} buys ${a} ${x} that cost $${p} each and pays with a $${bill} bill. How much change does ${N} get back?`,
      steps: [`The ${x} cost ${op(`${a}*${p}`, t)} dollars altogether.`, `So the change is ${op(`${bill}-${t}`, bill - t)} dollars.`],
      answer: bill - t,
    };
  },
  (r, N, op) => {
    const [obj, verb] = r.pick(COUNTABLES);
    const x = r.int(20, 60), y = r.int(3, x - 10), z = r.int(5, 30), w = r.int(1, 5);
    const r1 = x - y, r2 = r1 + z, r3 = r2 - w;
    return {
      q: `${N} has ${x} ${obj}. ${N} gives ${y} of them to a friend, then buys ${z} more and ${verb} ${w}. How many ${obj} does ${N} have now?`,
      steps: [`After giving some away, ${N} has ${op(`${x}-${y}`, r1)} ${obj}.`, `After buying more, ${N} has ${op(`${r1}+${z}`, r2)} ${obj}.`, `Finally, ${N} has ${op(`${r2}-${w}`, r3)} ${obj} left.`],
      answer: r3,
    };
  },
  (r, N, op) => {
    const s = r.int(5, 25), w = r.int(4, 20), total = s * w, c = r.int(10, total - 5);
    const gift = r.pick(GIFTS);
    return {
      q: `${N} saves $${s} every week for ${w} weeks. Then ${N} spends $${c} on a ${gift}. How much money does ${N} have left?`,
      steps: [`${N} saves ${op(`${s}*${w}`, total)} dollars in total.`, `After buying the ${gift}, ${N} has ${op(`${total}-${c}`, total - c)} dollars left.`],
      answer: total - c,
    };
  },
  (r, N, op) => {
    const [one, many] = r.pick(SALE_ITEMS);
    const d = r.pick([10, 20, 25, 50]), P = r.int(2, 20) * 20, n = r.int(2, 5);
    const disc = (P * d) / 100, sale = P - disc;
    return {
      q: `A ${one} normally costs $${P}. During a sale, everything is ${d}% off. How much do ${n} ${many} cost during the sale?`,
      steps: [`The discount on one ${one} is ${op(`${P}*${d}/100`, disc)} dollars.`, `So one ${one} costs ${op(`${P}-${disc}`, sale)} dollars in the sale.`, `${n} ${many} cost ${op(`${sale}*${n}`, sale * n)} dollars.`],
      answer: sale * n,
    };
  },
  (r, N, op) => {
    const treat = r.pick(TREATS);
    let k, m, n, friends;
    do {
      k = r.int(2, 6);
      m = r.int(6, 24);
      n = k * m;
      friends = [2, 3, 4, 5, 6, 8, 9, 10, 12].filter((f) => n % f === 0 && f !== k);
    } while (friends.length === 0);
    const f = r.pick(friends);
    return {
      q: `${N} bakes ${k} batches of ${treat} with ${m} ${treat} in each batch. ${N} shares them equally among ${f} friends. How many ${treat} does each friend get?`,
      steps: [`${N} bakes ${op(`${k}*${m}`, n)} ${treat} in total.`, `Each friend gets ${op(`${n}/${f}`, n / f)} ${treat}.`],
      answer: n / f,
    };
  },
  (r, N, op) => {
    const v = r.int(30, 70), h = r.int(2, 5), u = r.int(20, 60), g = r.int(1, 3);
    const vehicle = r.pick(['bus', 'train', 'truck', 'car']);
    return {
      q: `A ${vehicle} travels at ${v} miles per hour for ${h} hours, then at ${u} miles per hour for ${g} hours. How many miles does it travel in total?`,
      steps: [`In the first part it travels ${op(`${v}*${h}`, v * h)} miles.`, `In the second part it travels ${op(`${u}*${g}`, u * g)} miles.`, `Altogether it travels ${op(`${v * h}+${u * g}`, v * h + u * g)} miles.`],
      answer: v * h + u * g,
    };
  },
  (r, N, op) => {
    const B = r.pick(FIRST_NAMES.filter((f) => f !== N));
    const x = r.int(2, 12), y = r.int(5, 30), z = r.int(2, 10);
    const a = y + x;
    return {
      q: `${N} is ${x} years older than ${B}. ${B} is ${y} years old. What will be the sum of their ages in ${z} years?`,
      steps: [`${N} is ${op(`${y}+${x}`, a)} years old now.`, `In ${z} years, ${N} will be ${op(`${a}+${z}`, a + z)} and ${B} will be ${op(`${y}+${z}`, y + z)}.`, `The sum of their ages will be ${op(`${a + z}+${y + z}`, a + y + 2 * z)}.`],
      answer: a + y + 2 * z,
    };
  },
  (r, N, op) => {
    const L = r.int(5, 25), W = r.int(3, L), c = r.int(2, 12);
    const per = 2 * (L + W);
    return {
      q: `A rectangular garden is ${L} metres long and ${W} metres wide. Fencing costs $${c} per metre. How much does it cost to put a fence around the whole garden?`,
      steps: [`The perimeter of the garden is ${op(`2*(${L}+${W})`, per)} metres.`, `The fence costs ${op(`${per}*${c}`, per * c)} dollars.`],
      answer: per * c,
    };
  },
  (r, N, op) => {
    const rate = r.int(8, 20) * 2, o = r.int(2, 12), h = 40 + o, orate = (rate * 3) / 2;
    const reg = 40 * rate, ot = o * orate;
    return {
      q: `${N} earns $${rate} per hour and is paid time and a half for every hour over 40 in a week. Last week ${N} worked ${h} hours. How much did ${N} earn?`,
      steps: [`For the first 40 hours, ${N} earns ${op(`40*${rate}`, reg)} dollars.`, `The overtime rate is ${op(`${rate}*3/2`, orate)} dollars per hour.`, `${N} worked ${op(`${h}-40`, o)} hours of overtime, which pays ${op(`${o}*${orate}`, ot)} dollars.`, `In total, ${N} earned ${op(`${reg}+${ot}`, reg + ot)} dollars.`],
      answer: reg + ot,
    };
  },
  (r, N, op) => {
    const rd = r.int(8, 40), d = r.int(3, 12), P = rd * d + r.int(20, 200);
    return {
      q: `A book has ${P} pages. ${N} reads ${rd} pages every day for ${d} days. How many pages does ${N} still have to read?`,
      steps: [`${N} reads ${op(`${rd}*${d}`, rd * d)} pages in ${d} days.`, `There are ${op(`${P}-${rd * d}`, P - rd * d)} pages left.`],
      answer: P - rd * d,
    };
  },
  (r, N, op) => {
    const k = r.int(2, 5), total = 2 * k * r.int(2, 8);
    const walk = total / k, rest = total - walk, bus = rest / 2;
    return {
      q: `There are ${total} students in a class. One ${FRACTION_WORDS[k]} of them walk to school. Half of the remaining students take the bus, and the rest cycle. How many students cycle to school?`,
      steps: [`${op(`${total}/${k}`, walk)} students walk.`, `That leaves ${op(`${total}-${walk}`, rest)} students.`, `${op(`${rest}/2`, bus)} of them take the bus, so ${op(`${rest}-${bus}`, rest - bus)} students cycle.`],
      answer: rest - bus,
    };
  },
  (r, N, op) => {
    const s = r.int(2, 6), c = r.int(2, 5), m = r.int(2, 5), t = s * m;
    const ing = r.pick(['cups of flour', 'eggs', 'cups of milk', 'spoons of sugar', 'carrots']);
    return {
      q: `A recipe for ${s} servings needs ${c} ${ing}. ${N} wants to make ${t} servings. How many ${ing} does ${N} need?`,
      steps: [`${t} servings is ${op(`${t}/${s}`, m)} times the recipe.`, `So ${N} needs ${op(`${m}*${c}`, m * c)} ${ing}.`],
      answer: m * c,
    };
  },
  (r, N, op) => {
    const a = r.int(8, 20), ch = r.int(4, a - 2), A = r.int(1, 3), C = r.int(1, 4), pk = r.int(3, 10);
    const place = r.pick(['zoo', 'aquarium', 'science museum', 'water park', 'cinema']);
    return {
      q: `Tickets to the ${place} cost $${a} for adults and $${ch} for children. A family of ${A} adult${A > 1 ? 's' : ''} and ${C} child${C > 1 ? 'ren' : ''} visits the ${place} and pays $${pk} for parking. How much does the family spend in total?`,
      steps: [`Adult tickets cost ${op(`${A}*${a}`, A * a)} dollars.`, `Child tickets cost ${op(`${C}*${ch}`, C * ch)} dollars.`, `With parking, the total is ${op(`${A * a}+${C * ch}+${pk}`, A * a + C * ch + pk)} dollars.`],
      answer: A * a + C * ch + pk,
    };
  },
  (r, N, op) => {
    const n = r.int(2, 12) * 10, h = r.int(6, 10), d = r.int(3, 6), daily = n * h, week = daily * d;
    const b = r.pick([4, 5, 6, 8, 10, 12, 15, 20, 24, 25, 30, 40, 50].filter((x) => week % x === 0));
    const thing = r.pick(['toys', 'jars of jam', 'candles', 'bars of soap', 'water bottles']);
    return {
      q: `A factory makes ${n} ${thing} per hour. It runs for ${h} hours a day, ${d} days a week. The ${thing} are packed in boxes of ${b}. How many boxes are filled each week?`,
      steps: [`Each day the factory makes ${op(`${n}*${h}`, daily)} ${thing}.`, `Each week it makes ${op(`${daily}*${d}`, week)} ${thing}.`, `That fills ${op(`${week}/${b}`, week / b)} boxes.`],
      answer: week / b,
    };
  },
  (r, N, op) => {
    const x = r.int(10, 90) * 100, p = r.pick([10, 20, 25, 50]), y = r.int(50, 500), g = (x * p) / 100;
    return {
      q: `${N}'s channel had ${x} subscribers. In one month the number grew by ${p}%, and then ${y} people unsubscribed. How many subscribers does the channel have now?`,
      steps: [`The channel gained ${op(`${x}*${p}/100`, g)} subscribers.`, `That made ${op(`${x}+${g}`, x + g)} subscribers.`, `After the unsubscribes, it has ${op(`${x + g}-${y}`, x + g - y)} subscribers.`],
      answer: x + g - y,
    };
  },
  (r, N, op) => {
    const T = r.pick([30, 40, 45, 60, 75, 90, 120]);
    const d = (60 / gcd(T, 60)) * r.int(1, 3);
    const a = 5 * r.int(1, T / 5 - 2), b = 5 * r.int(1, (T - a) / 5 - 1), c = T - a - b;
    const total = T * d;
    return {
      q: `${N} spends ${a} minutes cleaning, ${b} minutes cooking and ${c} minutes washing up every day. How many hours does ${N} spend on these chores in ${d} days?`,
      steps: [`Each day the chores take ${op(`${a}+${b}+${c}`, T)} minutes.`, `In ${d} days that is ${op(`${T}*${d}`, total)} minutes.`, `That is ${op(`${total}/60`, total / 60)} hours.`],
      answer: total / 60,
    };
  },
  (r, N, op) => {
    const q = r.int(1, 12), d = r.int(1, 15), n = r.int(1, 20);
    return {
      q: `${N} has ${q} quarters, ${d} dimes and ${n} nickels. How many cents does ${N} have?`,
      steps: [`The quarters are worth ${op(`${q}*25`, q * 25)} cents.`, `The dimes are worth ${op(`${d}*10`, d * 10)} cents.`, `The nickels are worth ${op(`${n}*5`, n * 5)} cents.`, `Altogether ${N} has ${op(`${q * 25}+${d * 10}+${n * 5}`, q * 25 + d * 10 + n * 5)} cents.`],
      answer: q * 25 + d * 10 + n * 5,
    };
  },
];

function mathDoc(rng) {
  const N = rng.pick(FIRST_NAMES);
  // GSM8K-style calculator annotations in about half of the solutions.
  const annotate = rng.chance(0.5);
  const op = (expr, value) => {
    if (!Number.isInteger(value)) throw new Error(`non-integer step ${expr} = ${value}`);
    if (annotate) return `${expr} = <<${expr}=${value}>>${value}`;
    return `${expr.replace(/\*/g, ' × ').replace(/\//g, ' ÷ ').replace(/\+/g, ' + ').replace(/-/g, ' - ')} = ${value}`;
  };
  const template = rng.int(0, MATH_PROBLEMS.length - 1);
  const { q, steps, answer } = MATH_PROBLEMS[template](rng, N, op);
  if (!Number.isInteger(answer) || answer < 0) throw new Error(`math template ${template} produced ${answer}`);
  const quality = rng.chance(0.92) ? 'high' : 'medium';
  let body;
  if (quality === 'medium') {
    // Answer without the reasoning: correct but much less useful for training.
    body = `${q}\nAnswer: ${answer}`;
  } else {
    const style = rng.int(0, 2);
    if (style === 0) body = `Question: ${q}\nAnswer: ${steps.join('\n')}`;
    else if (style === 1) body = `Problem:\n${q}\n\nSolution:\n${steps.map((s, i) => `Step ${i + 1}: ${s}`).join('\n')}`;
    else body = `${q}\n\n${steps.join(' ')}`;
  }
  return { text: `${body}\n#### ${answer}`, quality, kind: `template-${template}` };
}

// ---------------------------------------------------------------------------------------------
// Encyclopedic articles (Wikipedia-like plain text: title, lead, sections)
// ---------------------------------------------------------------------------------------------

const PLACE_PREFIX = ['Ash', 'Brad', 'Wick', 'Stan', 'Mar', 'Oak', 'Thorn', 'Hal', 'Kel', 'Dun', 'Ald', 'Bar', 'Cal', 'Hart', 'Lang', 'Mel', 'Nor', 'Pen', 'Ros', 'Sel', 'Wes', 'Whit', 'Hol', 'Elm', 'Fen', 'Glen', 'Kirk', 'Lyn', 'Brom', 'Chel', 'Ers', 'Gos'];
const PLACE_SUFFIX = { ford: 'river crossing', ham: 'homestead', ley: 'woodland clearing', bury: 'fortified place', wick: 'dairy farm', ton: 'farmstead', mouth: 'river mouth', field: 'open land', stead: 'place', by: 'village', worth: 'enclosure', combe: 'valley', more: 'moor', well: 'spring', bridge: 'bridge', dale: 'valley', hurst: 'wooded hill', thorpe: 'outlying farm', haven: 'harbour' };
const OE_FIRST = ['ash tree', 'broad', 'stone', 'oak', 'thorn bush', 'hill', 'marsh', 'white', 'fen', 'bramble', 'long', 'north'];
const RIVER_SYL = [['Al', 'Bre', 'Cal', 'Der', 'Fen', 'Gar', 'Hod', 'Is', 'Lod', 'Mel', 'Nar', 'Ock', 'Ren', 'Sor', 'Tav', 'Wen', 'Yar', 'Lym'], ['e', 'an', 'wy', 'ent', 'ay', 'ell', 'ock', 'ow', 'ine', 'ord', 'er', 'ey']];
const ENGLISH_COUNTIES = [['Norfolk', 'Norwich'], ['Somerset', 'Bath'], ['Dorset', 'Dorchester'], ['Shropshire', 'Shrewsbury'], ['Cumbria', 'Carlisle'], ['Devon', 'Exeter'], ['Lincolnshire', 'Lincoln'], ['North Yorkshire', 'York'], ['Wiltshire', 'Salisbury'], ['Herefordshire', 'Hereford'], ['Suffolk', 'Ipswich'], ['Northumberland', 'Newcastle upon Tyne']];
const US_STATES = [['Ohio', 'Columbus'], ['Iowa', 'Des Moines'], ['Oregon', 'Salem'], ['Vermont', 'Burlington'], ['Kansas', 'Wichita'], ['Montana', 'Billings'], ['Georgia', 'Macon'], ['Wisconsin', 'Madison'], ['Maine', 'Bangor'], ['Idaho', 'Boise'], ['Nebraska', 'Lincoln'], ['Minnesota', 'Duluth']];
const DIRECTIONS = ['north', 'south', 'east', 'west', 'north-east', 'north-west', 'south-east', 'south-west'];
const SAINTS = ['Mary', 'Peter', 'Andrew', 'Michael', 'John the Baptist', 'Margaret', 'Lawrence', 'Helen', 'Nicholas', 'James'];
const KINGS = [['King John', 1199, 1216], ['Henry III', 1216, 1272], ['Edward I', 1272, 1307], ['Edward III', 1327, 1377], ['Richard II', 1377, 1399]];
const INDUSTRIES = ['Wool weaving', 'Brewing', 'Tanning', 'Lace making', 'Brick making', 'Quarrying', 'Boat building', 'Paper making', 'Glove making', 'Rope making'];
const EMPLOYERS = ['a food processing plant', 'the district hospital', 'a large distribution centre', 'tourism', 'agriculture', 'the secondary school', 'several light engineering firms', 'a furniture factory', 'a printing works'];
const MALE_FIRST = ['Arthur', 'Thomas', 'William', 'Henry', 'George', 'Edward', 'Walter', 'Frederick', 'Albert', 'Charles', 'James', 'John', 'Robert', 'Samuel', 'Alfred', 'Percy'];
const FEMALE_FIRST = ['Mary', 'Margaret', 'Elizabeth', 'Edith', 'Florence', 'Alice', 'Dorothy', 'Ada', 'Harriet', 'Eleanor', 'Agnes', 'Constance', 'Ida', 'Beatrice', 'Winifred', 'Maud'];
const UNIVERSITIES = ['University of Edinburgh', 'University of Manchester', 'University of Glasgow', 'University of Cambridge', 'University of Leeds', 'University of Toronto', 'University of Chicago', 'University of Wisconsin', 'University of Melbourne', 'Trinity College Dublin', 'University of Bristol', 'Yale University'];
const NATIONALITIES = [['English', 'England'], ['Scottish', 'Scotland'], ['American', 'the United States'], ['Canadian', 'Canada'], ['Irish', 'Ireland'], ['Welsh', 'Wales'], ['Australian', 'Australia']];
const ORDINALS = ['eldest', 'second', 'third', 'fourth', 'youngest'];

const placeName = (r) => r.pick(PLACE_PREFIX) + r.pick(Object.keys(PLACE_SUFFIX));
const riverName = (r) => r.pick(RIVER_SYL[0]) + r.pick(RIVER_SYL[1]);
const ordinalCentury = (c) => `${c}${c === 11 || c === 12 || c === 13 ? 'th' : c % 10 === 1 ? 'st' : c % 10 === 2 ? 'nd' : c % 10 === 3 ? 'rd' : 'th'}`;

/** An article is a title, a lead paragraph and named sections; lists are lines starting with "* ". */
function renderArticle(title, lead, sections) {
  const parts = [title, lead];
  for (const [heading, body] of sections) if (body && body.length) parts.push(heading, Array.isArray(body) ? body.join(' ') : body);
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
    history.push(`The parish church of St ${r.pick(SAINTS)} dates largely from the ${ordinalCentury(c)} century and was restored in ${r.int(1850, 1895)}.`);
    if (r.chance(0.6)) history.push(`${r.pick(INDUSTRIES)} was the main source of employment throughout the 19th century.`);
    if (r.chance(0.6)) history.push(`The railway arrived in ${railYear}, connecting the ${kind === 'village' ? 'village' : 'town'} to ${city}; the line closed to passengers in ${r.int(1952, 1968)}.`);
    if (r.chance(0.4)) history.push(`During the Second World War an airfield was built to the ${r.pick(DIRECTIONS)} of the parish; it closed in ${r.int(1946, 1960)}.`);
    const geography = [
      `${name} stands at an elevation of about ${elev} metres (${Math.round(elev * 3.281)} ft) above sea level.`,
      `The surrounding countryside is mostly farmland, with areas of ancient woodland to the ${r.pick(DIRECTIONS)}.`,
    ];
    if (r.chance(0.5)) geography.push(`The River ${river} is prone to flooding, and new defences were completed in ${r.int(1998, 2019)}.`);
    const economy = [`The main employers are ${pickN(r, EMPLOYERS, 2).join(' and ')}.`];
    if (kind !== 'village') economy.push(`A weekly market is held every ${r.pick(WEEKDAYS.slice(0, 6))} in the market place.`);
    if (r.chance(0.5)) economy.push(`Tourism has grown in importance since the ${r.int(196, 199)}0s, with visitors drawn by the ${r.pick(['historic town centre', 'nearby hills', 'canal', 'annual folk festival', 'medieval church', 'riverside walks'])}.`);
    const transport = [`The A${r.int(30, 699)} road passes through the ${kind === 'village' ? 'village' : 'town'}.`];
    if (r.chance(0.5)) transport.push(`${name} railway station is on the line between ${city} and ${r.pick(CITIES)}, with an hourly service in each direction.`);
    else transport.push(`The nearest railway station is at ${placeName(r)}, ${r.int(3, 12)} miles away.`);
    const people = [];
    for (let i = 0, n = r.int(0, 4); i < n; i++) {
      const b = r.int(1780, 1960);
      const d = b + r.int(45, 92);
      const life = d > 2023 ? `born ${b}` : `${b}–${d}`;
      people.push(`* ${r.pick([...MALE_FIRST, ...FEMALE_FIRST])} ${r.pick(LAST_NAMES)} (${life}), ${r.pick(['novelist', 'cricketer', 'painter', 'politician', 'engineer', 'composer', 'botanist', 'actor'])}`);
    }
    const sections = [['History', history], ['Geography', geography], ['Economy', economy], ['Transport', transport]];
    if (people.length) sections.push(['Notable people', people.join('\n')]);
    return { title: name, lead, sections, stub: `${name} is a ${kind} in ${county}, England.`, topic: 'English place', cats: [`${kind === 'village' ? 'Villages' : 'Towns'} in ${county}`, `Civil parishes in ${county}`] };
  }
  const [state, city] = r.pick(US_STATES);
  const county = placeName(r);
  const pop = r.int(800, 45000);
  const area = r.int(120, 1800) / 100;
  const water = Math.round(area * r.int(1, 12)) / 100;
  const platted = r.int(1830, 1880);
  const hh = Math.round(pop / (r.int(22, 27) / 10));
  const fam = Math.round(hh * r.int(55, 70) / 100);
  const lead = `${name} is a city in ${county} County, ${state}, United States. The population was ${commas(pop)} at the 2020 census.` + (r.chance(0.5) ? ` It is the county seat of ${county} County.` : '');
  const history = [
    `The area was settled by European Americans in the ${Math.floor(platted / 10) * 10 - 10}s.`,
    `${name} was platted in ${platted} and incorporated as a city in ${platted + r.int(3, 25)}.`,
  ];
  if (r.chance(0.6)) history.push(`The arrival of the ${r.pick(['Chicago, Burlington and Quincy Railroad', 'Northern Pacific Railway', 'Union Pacific Railroad', 'Great Northern Railway'])} in ${platted + r.int(2, 30)} made the town an important shipping point for grain and livestock.`);
  if (r.chance(0.4)) history.push(`A fire in ${r.int(1885, 1925)} destroyed much of the downtown business district, which was rebuilt in brick.`);
  const geography = [
    `According to the United States Census Bureau, the city has a total area of ${area.toFixed(2)} square miles (${(area * 2.59).toFixed(2)} km2), of which ${water.toFixed(2)} square miles is water.`,
    `The city lies along the ${river} River, about ${r.int(10, 120)} miles ${dir} of ${city}.`,
  ];
  const demographics = [
    `As of the census of 2010, there were ${commas(Math.round(pop * r.int(90, 110) / 100))} people, ${commas(hh)} households, and ${commas(fam)} families living in the city.`,
    `The population density was ${commas(Math.round(pop / area))} inhabitants per square mile.`,
    `The median age in the city was ${r.int(30, 46)}.${r.int(0, 9)} years.`,
  ];
  const economy = [`Major employers include ${pickN(r, EMPLOYERS, 2).join(' and ')}.`];
  const transport = [`${r.pick(['U.S. Route', 'Interstate', 'State Highway'])} ${r.int(2, 99)} passes through the city.`];
  return { title: `${name}, ${state}`, lead, sections: [['History', history], ['Geography', geography], ['Demographics', demographics], ['Economy', economy], ['Transportation', transport]], stub: `${name} is a city in ${county} County, ${state}, United States.`, topic: 'American place', cats: [`Cities in ${state}`, `${county} County, ${state}`] };
}

function riverArticle(r) {
  const name = riverName(r);
  const [county] = r.pick(ENGLISH_COUNTIES);
  const len = r.int(12, 90);
  const villages = Array.from({ length: 3 }, () => placeName(r));
  const lead = `The River ${name} is a river in ${county}, England. It rises near ${placeName(r)} and flows generally ${r.pick(DIRECTIONS)} for ${len} kilometres (${Math.round(len / 1.609)} mi) before joining the River ${riverName(r)} at ${placeName(r)}.`;
  const course = [`Along its course the river passes through ${villages[0]}, ${villages[1]} and ${villages[2]}.`, `Its main tributaries are the ${placeName(r)} Brook and the ${riverName(r)} Beck.`];
  const hydro = [`The river drains a catchment of about ${r.int(40, 900)} square kilometres.`, `The mean flow measured at ${villages[r.int(0, 2)]} between ${r.int(1960, 1985)} and ${r.int(2010, 2020)} was ${r.int(5, 150) / 10} cubic metres per second.`];
  const ecology = [`The river supports populations of ${pickN(r, ['brown trout', 'grayling', 'Atlantic salmon', 'chub', 'dace', 'bullhead', 'brook lamprey', 'European eel'], 2).join(' and ')}.`, `Otters have returned to the upper reaches since the ${r.int(198, 201)}0s.`];
  const history = [`In the 18th and 19th centuries the river powered at least ${r.int(3, 14)} watermills, most of which ground corn.`];
  if (r.chance(0.4)) history.push(`The lower reaches were made navigable in ${r.int(1720, 1790)}, but the navigation was abandoned after the railway opened.`);
  return { title: `River ${name}`, lead, sections: [['Course', course], ['Hydrology', hydro], ['Ecology', ecology], ['History', history]], stub: `The River ${name} is a river in ${county}, England.`, topic: 'river', cats: [`Rivers of ${county}`] };
}

const PERSON_WORK = {
  chemist: { field: 'chemistry', known: ['the chemistry of synthetic dyes', 'early work on catalysis', 'studies of crystal structure', 'research on soil nitrogen', 'improvements to electrolysis'], work: (r) => `${r.pick(['On the', 'Researches on the', 'Notes on the'])} ${r.pick(['Action of Light on Silver Salts', 'Nitrogen Content of Soils', 'Structure of Certain Crystals', 'Preparation of Coal-Tar Dyes', 'Electrolysis of Brine'])}` },
  composer: { field: 'music', known: ['choral music', 'orchestral song cycles', 'chamber music', 'music for brass band'], work: (r) => r.pick([`Symphony No. ${r.int(1, 5)} in ${r.pick(['D minor', 'E flat major', 'G major', 'C minor', 'A major'])}`, `String Quartet No. ${r.int(1, 4)}`, `${placeName(r)} Suite`, `The ${r.pick(['Lost', 'Silent', 'Winter', 'Golden'])} ${r.pick(['Garden', 'River', 'Bell', 'Harvest'])}, opera`]) },
  painter: { field: 'painting', known: ['landscape watercolours', 'coastal scenes', 'portraits of working people', 'paintings of industrial towns'], work: (r) => r.pick([`${placeName(r)} at Dusk`, `Portrait of ${r.pick(FEMALE_FIRST)}`, `The Harbour at ${placeName(r)}`, `Harvest Field near ${placeName(r)}`, `Snow on the ${riverName(r)}`]) },
  novelist: { field: 'literature', known: ['novels of rural life', 'historical fiction', 'detective stories', "children's books"], work: (r) => `The ${r.pick(['Silent', 'Long', 'Crooked', 'Last', 'Hidden', 'Distant'])} ${r.pick(['House', 'Road', 'Summer', 'Orchard', 'Letter', 'Shore'])}` },
  engineer: { field: 'civil engineering', known: ['railway viaducts', 'waterworks', 'iron bridges', 'harbour works'], work: (r) => `${placeName(r)} ${r.pick(['Viaduct', 'Waterworks', 'Bridge', 'Harbour', 'Reservoir'])}` },
  botanist: { field: 'botany', known: ['the study of mosses', 'plant collecting expeditions', 'the flora of mountain regions', 'research on ferns'], work: (r) => `${r.pick(['The Flora of', 'Mosses of', 'A Handbook to the Ferns of', 'Notes on the Plants of'])} ${r.pick(ENGLISH_COUNTIES)[0]}` },
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
  const by = r.int(1790, 1925), bm = r.int(0, 11), bd = r.int(1, 28);
  const dy = Math.min(2019, by + r.int(42, 92)), dm = r.int(0, 11), dd = r.int(1, 28);
  const age = dy - by - (dm < bm || (dm === bm && dd < bd) ? 1 : 0);
  const born = `${bd} ${MONTHS[bm]} ${by}`, died = `${dd} ${MONTHS[dm]} ${dy}`;
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
  if (y < dy - 3) career.push(`${He} was elected to ${r.pick(['the Royal Society', 'the Royal Academy', 'the American Philosophical Society', 'the Royal Society of Edinburgh', 'the national academy'])} in ${y}.`);
  if (r.chance(0.5) && y + 5 < dy) career.push(`From ${y + 2} ${he} taught at the ${r.pick(UNIVERSITIES)}, and many of ${his} students went on to distinguished careers.`);
  const personal = [];
  if (r.chance(0.75)) {
    const my = grad + r.int(2, 12);
    if (my < dy) personal.push(`In ${my} ${he} married ${female ? r.pick(MALE_FIRST) + ' ' + r.pick(LAST_NAMES) : r.pick(FEMALE_FIRST) + ' ' + r.pick(LAST_NAMES)}; they had ${r.int(0, 5) || 'no'} children.`.replace('had 1 children', 'had one child'));
  }
  personal.push(`${He} died at ${his} home in ${r.chance(0.5) ? birthplace : r.pick(CITIES)} on ${died}, aged ${age}.`);
  const works = Array.from({ length: r.int(3, 6) }, () => `* ${w.work(r)} (${r.int(grad + 2, Math.max(grad + 3, dy - 1))})`);
  const legacy = r.chance(0.5) ? [`A ${r.pick(['blue plaque marks', 'memorial stands near', 'school is named after ' + him(female) + ' near'])} ${his} birthplace.`] : [];
  const sections = [['Early life', early], ['Career', career], ['Personal life', personal]];
  if (legacy.length) sections.push(['Legacy', legacy]);
  sections.push(['Selected works', [...new Set(works)].sort((a, b) => a.slice(-5).localeCompare(b.slice(-5))).join('\n')]);
  return { title: full, lead, sections, stub: `${full} (${by}–${dy}) was ${article(nat)} ${nat} ${occ}.`, topic: 'biography', cats: [`${by} births`, `${dy} deaths`, `${nat} ${occ}s`] };
}
const him = (female) => (female ? 'her' : 'him');

const SPECIES_GROUPS = [
  { group: 'ground beetle', family: 'Carabidae', measure: (a, b) => `Adults measure ${a}–${b} mm in length.`, size: [6, 30], habitat: ['leaf litter in deciduous forest', 'damp meadows', 'gravel riverbanks', 'alpine grassland'], ecology: 'Both adults and larvae are predators of small invertebrates, and adults are mostly active at night.' },
  { group: 'moth', family: 'Geometridae', measure: (a, b) => `The wingspan is ${a}–${b} mm.`, size: [18, 45], habitat: ['open woodland', 'heathland', 'hedgerows', 'mountain scrub'], ecology: 'The larvae feed on the leaves of birch, willow and heather, and adults are attracted to light.' },
  { group: 'flowering plant', family: 'Asteraceae', measure: (a, b) => `It is a perennial herb growing to ${a}–${b} cm tall.`, size: [20, 120], habitat: ['dry limestone grassland', 'roadsides and field margins', 'rocky slopes', 'coastal cliffs'], ecology: 'It flowers in summer and is pollinated mainly by bees and hoverflies.' },
  { group: 'orchid', family: 'Orchidaceae', measure: (a, b) => `Flowering stems reach ${a}–${b} cm.`, size: [10, 60], habitat: ['chalk downland', 'damp woodland', 'mossy rock ledges', 'cloud forest'], ecology: 'Like many orchids, it depends on mycorrhizal fungi for germination and early growth.' },
  { group: 'freshwater fish', family: 'Cyprinidae', measure: (a, b) => `It reaches a standard length of ${a}–${b} cm.`, size: [6, 40], habitat: ['clear, fast-flowing streams', 'lowland rivers', 'lakes with dense vegetation', 'mountain torrents'], ecology: 'It feeds on insect larvae, small crustaceans and plant material, and spawns over gravel in spring.' },
  { group: 'tree frog', family: 'Hylidae', measure: (a, b) => `Adults have a snout–vent length of ${a}–${b} mm.`, size: [22, 60], habitat: ['humid lowland forest', 'forest edges near ponds', 'montane forest', 'plantations'], ecology: 'Males call from vegetation near water after heavy rain, and the eggs are laid in temporary pools.' },
  { group: 'land snail', family: 'Helicidae', measure: (a, b) => `The shell measures ${a}–${b} mm in diameter.`, size: [8, 35], habitat: ['limestone scree', 'gardens and hedgerows', 'dry grassland', 'old stone walls'], ecology: 'It is active mainly at night and after rain, and seals its shell during dry periods.' },
  { group: 'finch', family: 'Fringillidae', measure: (a, b) => `It is a small bird, ${a}–${b} cm long.`, size: [11, 18], habitat: ['conifer forest', 'scrubland', 'farmland with hedges', 'high-altitude meadows'], ecology: 'It feeds mainly on seeds and forms small flocks outside the breeding season.' },
];
const GENUS_A = ['Cara', 'Nebri', 'Ptero', 'Lepto', 'Micro', 'Calo', 'Agono', 'Harpa', 'Amara', 'Trecho', 'Oxy', 'Chryso', 'Eupi', 'Steno', 'Xantho', 'Melano', 'Rhodo', 'Cyano'];
const GENUS_B = ['bus', 'ria', 'ecia', 'ella', 'ops', 'idium', 'anthus', 'ura', 'ites', 'oma', 'dera', 'phila'];
const EPITHETS = ['montanus', 'borealis', 'minor', 'rufipes', 'elegans', 'variegatus', 'sylvestris', 'orientalis', 'fasciatus', 'nigricans', 'alpinus', 'gracilis', 'maculatus', 'pallidus'];
const REGIONS = ['the Alps', 'the Balkans', 'northern Spain and Portugal', 'the Caucasus', 'southern Africa', 'the Andes of Peru and Bolivia', 'New Zealand', 'the Western Ghats of India', 'central Mexico', 'Japan and Korea', 'the Atlas Mountains of Morocco', 'south-eastern Australia', 'the Carpathians', 'Patagonia'];

function speciesArticle(r) {
  const g = r.pick(SPECIES_GROUPS);
  const genus = r.pick(GENUS_A) + r.pick(GENUS_B);
  const epithet = r.chance(0.2) ? `${r.pick(LAST_NAMES).toLowerCase().replace(/[^a-z]/g, '')}i` : r.pick(EPITHETS);
  const name = `${genus} ${epithet}`;
  const describer = r.pick(LAST_NAMES);
  const year = r.int(1758, 1995);
  const region = r.pick(REGIONS);
  const a = r.int(g.size[0], Math.floor((g.size[0] + g.size[1]) / 2)), b = r.int(a + 1, g.size[1]);
  const e1 = r.int(0, 12) * 100, e2 = e1 + r.int(3, 20) * 100;
  const status = weighted(r, [['Least Concern', 5], ['Near Threatened', 2], ['Vulnerable', 2], ['Endangered', 1], ['Data Deficient', 1.5]]);
  const lead = `${name} is a species of ${g.group} in the family ${g.family}. It is found in ${region}.` + (r.chance(0.5) ? ` It was first described by ${describer} in ${year}.` : '');
  const description = [
    g.measure(a, b),
    `The upper surface is ${r.pick(['dark brown', 'metallic green', 'pale grey', 'reddish brown', 'black', 'olive green', 'yellowish'])}, with ${r.pick(['a row of pale spots along each side', 'fine dark stripes', 'a faint bronze sheen', 'irregular white markings', 'a darker band near the tip'])}.`,
    `It can be distinguished from the closely related ${genus.charAt(0)}. ${r.pick(EPITHETS.filter((e) => e !== epithet))} by ${r.pick(['its larger size', 'its paler colouring', 'the shape of its margins', 'the absence of pale markings', 'its longer appendages'])}.`,
  ];
  const habitat = [`The species occurs in ${r.pick(g.habitat)} at elevations of ${commas(e1)}–${commas(e2)} metres.`, r.chance(0.5) ? `It is most often recorded between ${r.pick(MONTHS.slice(2, 6))} and ${r.pick(MONTHS.slice(7, 10))}.` : `Its range is thought to be fragmented, and several populations are known from single localities.`];
  const conservation = [`The species is listed as ${status} on the IUCN Red List.`];
  if (status !== 'Least Concern' && status !== 'Data Deficient') conservation.push(`The main threats are ${r.pick(['habitat loss caused by agriculture', 'drainage of wetlands', 'commercial forestry', 'pollution of rivers', 'climate change', 'collection for the pet trade'])} and ${r.pick(['overgrazing', 'road building', 'invasive species', 'wildfires', 'tourism development'])}.`);
  return { title: name, lead, sections: [['Description', description], ['Distribution and habitat', habitat], ['Ecology', [g.ecology]], ['Conservation', conservation]], stub: `${name} is a species of ${g.group} in the family ${g.family}.`, topic: 'species', cats: [g.family, `Taxa named by ${describer}`] };
}

const STRUCTURES = [
  { type: 'Bridge', what: (river) => `road bridge over the River ${river}`, detail: (r) => `It has ${r.int(3, 9)} segmental arches, the widest spanning ${r.int(12, 30)} metres.`, material: ['local sandstone', 'granite', 'limestone ashlar', 'red brick', 'cast iron'] },
  { type: 'Lighthouse', what: () => 'lighthouse', detail: (r) => `The tower is ${r.int(18, 45)} metres tall and its light can be seen for ${r.int(12, 26)} nautical miles.`, material: ['granite', 'brick rendered in white', 'cast iron plates'] },
  { type: 'Castle', what: () => 'ruined castle', detail: (r) => `The surviving keep stands ${r.int(12, 28)} metres high, with walls up to ${r.int(2, 5)} metres thick.`, material: ['rubble sandstone', 'limestone', 'flint with stone dressings'] },
  { type: 'Mill', what: (river) => `watermill on the River ${river}`, detail: (r) => `The iron waterwheel, ${r.int(4, 8)} metres in diameter, still turns on open days.`, material: ['red brick', 'timber weatherboarding', 'local stone'] },
  { type: 'Town Hall', what: () => 'municipal building', detail: (r) => `The main front has ${r.int(5, 11)} bays and is topped by a clock tower.`, material: ['red brick with stone dressings', 'ashlar sandstone', 'yellow brick'] },
];

function structureArticle(r) {
  const s = r.pick(STRUCTURES);
  const place = placeName(r);
  const [county] = r.pick(ENGLISH_COUNTIES);
  const river = riverName(r);
  const y1 = r.int(1250, 1880), y2 = y1 + r.int(2, 9);
  const grade = r.pick(['Grade I', 'Grade II*', 'Grade II']);
  const architect = `${r.pick(MALE_FIRST)} ${r.pick(LAST_NAMES)}`;
  const lead = `${place} ${s.type} is a ${grade} listed ${s.what(river)} in ${place}, ${county}, England.` + (y1 > 1700 ? ` It was designed by ${architect} and completed in ${y2}.` : ` It dates from the ${ordinalCentury(Math.floor(y1 / 100) + 1)} century.`);
  const history = [y1 > 1700 ? `Construction began in ${y1} to a design by ${architect}, and the work cost about £${commas(r.int(2, 90) * 1000)}.` : `The first structure on the site is mentioned in a charter of ${y1}.`];
  const y3 = Math.max(y2 + 5, r.int(1800, 1990));
  history.push(`It was badly damaged by ${r.pick(['a severe storm', 'fire', 'flooding', 'bombing'])} in ${y3 > 2015 ? 1987 : y3} and repaired the following year.`);
  if (r.chance(0.6)) history.push(`Ownership passed to ${r.pick(['the National Trust', 'the county council', 'a local charitable trust', 'English Heritage'])} in ${r.int(1950, 2012)}.`);
  const description = [`The ${s.type.toLowerCase()} is built of ${r.pick(s.material)}.`, s.detail(r)];
  const today = [`It was designated a listed building in ${r.int(1950, 1990)}.`, r.chance(0.5) ? `It is open to the public at weekends from ${r.pick(['March', 'April', 'May'])} to ${r.pick(['September', 'October'])}.` : `It is not open to the public, but can be seen from the ${r.pick(['footpath', 'road', 'riverbank'])}.`];
  return { title: `${place} ${s.type}`, lead, sections: [['History', history], ['Description', description], ['Present day', today]], stub: `${place} ${s.type} is a listed building in ${county}, England.`, topic: 'building', cats: [`${grade} listed buildings in ${county}`] };
}

function organisationArticle(r) {
  const place = placeName(r);
  const [county] = r.pick(ENGLISH_COUNTIES);
  const founded = r.int(1860, 1975);
  if (r.chance(0.5)) {
    const league = r.pick(['Northern League', 'Southern League', 'Isthmian League', 'Western League', 'Midland Football League', 'Northern Premier League']);
    const ground = r.pick([`${r.pick(STREETS).split(' ')[0]} Park`, `The ${place} Ground`, `${place} Road`, 'Victoria Park', 'The Meadow']);
    const cap = r.int(15, 60) * 100;
    const lead = `${place} Football Club is an English football club based in ${place}, ${county}. The club is a member of the ${league} and plays at ${ground}.`;
    const y2 = founded + r.int(5, 30), y3 = y2 + r.int(2, 20);
    const history = [`The club was founded in ${founded} by workers from a local ${r.pick(['brewery', 'ironworks', 'railway depot', 'textile mill', 'colliery'])}.`, `It joined the ${league} in ${y2} and won the league title for the first time in ${y3}.`, `The club's most successful period came in the ${r.int(193, 199)}0s, when it twice reached the ${r.pick(['first round proper', 'second round proper', 'third qualifying round'])} of the FA Cup.`];
    const groundText = [`${ground} has a capacity of ${commas(cap)}, of which ${commas(Math.round((cap * r.int(10, 40)) / 100))} is seated.`, `The record attendance of ${commas(r.int(cap, cap * 2))} was set for a cup match in ${r.int(1946, 1965)}.`];
    const honours = Array.from({ length: r.int(2, 4) }, () => `* ${r.pick([league, `${county} Senior Cup`, `${league} Cup`])} winners: ${r.int(founded + 5, 2022)}`);
    return { title: `${place} F.C.`, lead, sections: [['History', history], ['Ground', groundText], ['Honours', [...new Set(honours)].join('\n')]], stub: `${place} F.C. is a football club based in ${place}, England.`, topic: 'football club', cats: [`Football clubs in ${county}`, `Association football clubs established in ${founded}`] };
  }
  const products = r.pick(['agricultural machinery', 'bicycles', 'kitchen appliances', 'industrial valves', 'pianos', 'outdoor clothing', 'ceramic tiles', 'scientific instruments']);
  const founder = `${r.pick(MALE_FIRST)} ${r.pick(LAST_NAMES)}`;
  const company = `${r.pick(LAST_NAMES)} & ${r.pick(['Sons', 'Co.', 'Partners'])}`.replace("O'Brien", 'Brien');
  const y2 = founded + r.int(10, 40), y3 = Math.min(2020, y2 + r.int(10, 50));
  const lead = `${company} is a British manufacturer of ${products}, headquartered in ${place}, ${county}. It was founded in ${founded} by ${founder}.`;
  const history = [`${founder.split(' ')[1]} started the business as a small workshop behind his house in ${place}.`, `By ${y2} the company employed more than ${commas(r.int(2, 40) * 50)} people.`, r.chance(0.5) ? `In ${y3} it was acquired by ${r.pick(LAST_NAMES)} Holdings, although the brand was retained.` : `The company remained in family ownership until ${y3}.`];
  const ops = [`Its main factory in ${place} covers ${r.int(2, 30)} hectares.`, `In ${r.int(2015, 2023)} the company reported revenue of £${r.int(5, 400)} million.`];
  return { title: company, lead, sections: [['History', history], ['Operations', ops]], stub: `${company} is a manufacturer of ${products} based in ${place}, England.`, topic: 'company', cats: [`Companies based in ${county}`, `Manufacturing companies established in ${founded}`] };
}

const ARTICLE_KINDS = [
  [settlementArticle, 4],
  [riverArticle, 1],
  [personArticle, 3],
  [speciesArticle, 2.5],
  [structureArticle, 1.5],
  [organisationArticle, 1.5],
];

function encyclopedicDoc(rng) {
  const art = weighted(rng, ARTICLE_KINDS)(rng);
  const quality = weighted(rng, [['high', 80], ['medium', 14], ['low', 6]]);
  let text;
  if (quality === 'high') {
    const sections = art.sections.slice();
    if (rng.chance(0.25)) {
      const refs = Array.from({ length: rng.int(2, 4) }, () => `${rng.pick(LAST_NAMES)}, ${rng.pick(FIRST_NAMES)} (${rng.int(1950, 2020)}). ${rng.pick(['A History of', 'The Natural History of', 'Notes on', 'Records of'])} ${art.title.replace(/\.$/, '')}. ${rng.pick(['London', 'Oxford', 'Edinburgh', 'New York', 'Cambridge'])}: ${rng.pick(['Clarendon Press', 'Batsford', 'Collins', 'University Press', 'Phillimore'])}. p. ${rng.int(3, 400)}.`);
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
    lines.push(rng.pick([`This article about ${article(art.topic)} ${art.topic} is a stub. You can help Wikipedia by expanding it.`, `This ${art.topic}-related article is a stub.`, 'This article does not cite any sources. Please help improve this article by adding citations to reliable sources.', 'This article needs additional citations for verification.']));
    lines.push(...pickN(rng, ['References', 'External links', 'See also', 'Further reading'], rng.int(1, 3)));
    lines.push(`Categories: ${[...art.cats, ...pickN(rng, [`${cap(art.topic)} stubs`, 'Articles with short description', 'Coordinates on Wikidata', 'All stub articles', 'Articles lacking sources'], rng.int(1, 2))].join(' | ')}`);
    if (rng.chance(0.5)) lines.push('Retrieved from "https://en.wikipedia.org/w/index.php?title=' + art.title.replace(/ /g, '_') + '&oldid=' + rng.int(100000000, 999999999) + '"');
    text = lines.join('\n');
  }
  return { text, quality, kind: art.topic };
}

// ---------------------------------------------------------------------------------------------
// Non-English documents: hand-written sentence pieces in real French, German, Spanish, Russian
// and Chinese, combined by the RNG. Each language has a town article and web-style posts.
// ---------------------------------------------------------------------------------------------

const ruPlural = (n, [one, few, many]) => {
  const m10 = n % 10, m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
};

const I18N = {
  fr: {
    vars: (r) => {
      const [dept, region] = r.pick([['de la Dordogne', 'Nouvelle-Aquitaine'], ['du Finistère', 'Bretagne'], ["de la Côte-d'Or", 'Bourgogne-Franche-Comté'], ['du Var', "Provence-Alpes-Côte d'Azur"], ['de la Haute-Savoie', 'Auvergne-Rhône-Alpes'], ['du Calvados', 'Normandie'], ['de la Moselle', 'Grand Est'], ['du Gers', 'Occitanie']]);
      return {
        nom: `${r.pick(['Saint-Martin', 'Saint-Pierre', 'Sainte-Croix', 'Villeneuve', 'Montagnac', 'Beaulieu', 'Châteauneuf', 'Fontaine', 'Roche', 'Bourg'])}${r.pick(['-sur-Vézère', '-en-Vallée', '-les-Bains', '-la-Forêt', '-de-Rivière', '', '-le-Vieux', '-sur-Mer'])}`,
        dept, region,
        n: (q) => String(q.int(180, 9500)), sup: (q) => String(q.int(6, 60)), annee: (q) => String(q.int(980, 1250)), annee2: (q) => String(q.int(1905, 1990)),
        riviere: ['la Vézère', 'le Célé', 'la Sèvre', "l'Aveyron", 'la Loue', 'le Tarn'], fleuve: ['la Garonne', 'la Loire', 'le Rhône', 'la Seine', 'la Dordogne'],
        siecle: ['XIIe', 'XIIIe', 'XVe', 'XVIe'], saint: ['Martin', 'Pierre', 'Étienne', 'Laurent', 'Jean-Baptiste', 'Germain'], jour: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
        k: (q) => String(q.int(3, 25)), ville: ['Bordeaux', 'Lyon', 'Rennes', 'Dijon', 'Toulouse', 'Caen', 'Metz'], ville2: ['Limoges', 'Grenoble', 'Brest', 'Besançon', 'Auch', 'Rouen', 'Nancy'],
        plat: ['la tarte aux pommes', 'le gratin dauphinois', 'la quiche lorraine', "la soupe à l'oignon", 'le clafoutis aux cerises', 'la ratatouille'],
        m: (q) => String(q.int(2, 8) * 5), t: (q) => String(q.pick([160, 180, 200, 210])), saison: ['été', 'automne', 'hiver', 'printemps'], alt: (q) => String(q.int(120, 1400)),
      };
    },
    title: (v) => v.nom,
    lead: ['{nom} est une commune française située dans le département {dept}, en région {region}.', 'Au dernier recensement, la commune comptait {n} habitants.'],
    sections: {
      Géographie: ["Le territoire communal s'étend sur {sup} kilomètres carrés, principalement couverts de forêts et de terres agricoles.", 'Le village est traversé par {riviere}, qui se jette dans {fleuve} quelques kilomètres plus loin.', 'La gare la plus proche se trouve à {k} kilomètres, sur la ligne de {ville} à {ville2}.', 'Le climat est de type océanique, avec des hivers doux et des étés tempérés.', 'Le point culminant de la commune atteint {alt} mètres.'],
      Histoire: ["La première mention écrite du village remonte à l'an {annee}.", 'Pendant la guerre de Cent Ans, le bourg fut plusieurs fois pillé puis reconstruit.', 'La commune a perdu une grande partie de sa population au cours du XIXe siècle, lorsque de nombreux habitants sont partis travailler en ville.', "Au Moyen Âge, le village dépendait de l'abbaye voisine.", 'Une voie romaine traversait déjà le territoire de la commune.'],
      Économie: ["L'économie locale repose principalement sur l'agriculture, l'élevage et le tourisme vert.", "Un marché se tient chaque {jour} matin sur la place de l'église.", 'La commune possède une école primaire, une bibliothèque et une salle des fêtes.', 'Plusieurs artisans et une petite fromagerie sont installés dans le bourg.'],
      Patrimoine: ["L'église Saint-{saint}, construite au {siecle} siècle, est inscrite aux monuments historiques depuis {annee2}.", 'De nombreux sentiers de randonnée permettent de découvrir la vallée et les villages voisins.', "Chaque été, un festival de musique attire plusieurs milliers de visiteurs.", 'Le lavoir communal, restauré en {annee2}, est un lieu de promenade apprécié.'],
    },
    web: {
      recette: { title: 'Recette facile : {plat}', lines: ["Aujourd'hui, je vous propose une recette simple et rapide : {plat}.", 'Comptez environ {m} minutes de préparation.', 'Préchauffez le four à {t} degrés.', 'Dans un saladier, mélangez la farine, le sucre et une pincée de sel.', 'Ajoutez les œufs un par un, puis versez le lait petit à petit.', 'Laissez reposer la pâte pendant au moins trente minutes.', "Servez tiède, accompagné d'une salade verte.", 'Cette recette se conserve deux jours au réfrigérateur.', "N'hésitez pas à laisser un commentaire si vous avez des questions.", 'Pour une version plus légère, remplacez la crème par du lait.', 'Vous pouvez préparer la pâte la veille et la garder au frais.', 'Décorez avec quelques feuilles de menthe avant de servir.', "Mes enfants adorent cette recette, et j'espère que les vôtres aussi !"] },
      voyage: { title: 'Notre week-end à {ville}', lines: ['Nous avons passé trois jours à {ville} et nous avons adoré l\'ambiance du vieux quartier.', 'Si vous voyagez en {saison}, pensez à réserver votre hébergement à l\'avance.', 'Les transports en commun sont pratiques et peu chers.', 'Le musée des beaux-arts mérite à lui seul le déplacement.', 'Le soir, les terrasses des cafés sont pleines de monde.', 'Pour manger, évitez les restaurants trop touristiques autour de la place principale.', 'Nous reviendrons sans hésiter !', "Nous avons logé dans une petite chambre d'hôtes tenue par un couple très accueillant.", 'Le marché couvert est idéal pour goûter les spécialités locales.', 'Prévoyez de bonnes chaussures, car les rues pavées sont nombreuses.', 'La vue depuis les remparts au coucher du soleil est magnifique.'] },
      jardin: { title: 'Nos conseils pour le potager', lines: ['Voici nos conseils pour bien préparer le potager cette saison.', 'Commencez par désherber soigneusement les parcelles.', 'Ajoutez du compost pour enrichir la terre.', "Arrosez de préférence le soir, lorsque la chaleur est retombée.", 'Les tomates et les courgettes demandent beaucoup de soleil.', "Pensez à pailler le sol pour limiter l'évaporation.", "N'oubliez pas de noter vos semis dans un carnet.", 'Bon jardinage à toutes et à tous !'] },
    },
  },
  de: {
    vars: (r) => {
      const [land, kreis, stadt] = r.pick([['Bayern', 'Landkreis Rosenheim', 'Rosenheim'], ['Baden-Württemberg', 'Landkreis Tübingen', 'Tübingen'], ['Hessen', 'Vogelsbergkreis', 'Lauterbach'], ['Niedersachsen', 'Landkreis Celle', 'Celle'], ['Thüringen', 'Ilm-Kreis', 'Arnstadt'], ['Sachsen', 'Landkreis Meißen', 'Meißen'], ['Rheinland-Pfalz', 'Landkreis Cochem-Zell', 'Cochem']]);
      const pre = r.pick(['Ober', 'Unter', 'Neu', 'Alt', 'Groß', '', '']);
      const root = r.pick(['Wald', 'Lin', 'Rot', 'Eich', 'Mühl', 'Weiden', 'Ross', 'Buch', 'Hoch', 'Tann']);
      return {
        name: pre + (pre ? root.toLowerCase() : root) + r.pick(['bach', 'dorf', 'hausen', 'feld', 'heim', 'stein', 'au', 'brunn', 'berg']),
        land, kreis, stadt,
        n: (q) => String(q.int(400, 12000)), f: (q) => String(q.int(8, 70)), k: (q) => String(q.int(4, 30)), dir: ['nördlich', 'südlich', 'östlich', 'westlich'],
        fluss: ['Isar', 'Jagst', 'Lahn', 'Aller', 'Saale', 'Mosel', 'Ilm'], jahr: (q) => String(q.int(780, 1300)), jahr2: (q) => String(q.int(1550, 1780)),
        heilig: ['Martin', 'Georg', 'Nikolaus', 'Michael', 'Laurentius'], jh: ['17', '18'], hoehe: (q) => String(q.int(180, 1100)),
        gericht: ['Apfelstrudel', 'Kartoffelsalat', 'Linsensuppe', 'Käsespätzle', 'Zwiebelkuchen', 'Rinderrouladen'], t: ['170', '180', '200'], h: (q) => String(q.int(2, 6)), min: (q) => String(q.int(2, 8) * 5),
      };
    },
    title: (v) => v.name,
    lead: ['{name} ist eine Gemeinde im {kreis} in {land}.', 'Die Gemeinde hat {n} Einwohner und eine Fläche von {f} Quadratkilometern.'],
    sections: {
      Geografie: ['Der Ort liegt an der {fluss}, etwa {k} Kilometer {dir} von {stadt}.', 'Ein großer Teil des Gemeindegebiets ist bewaldet.', 'Zur Gemeinde gehören neben dem Hauptort mehrere kleine Weiler.', 'Das Klima ist gemäßigt, mit kalten Wintern und warmen Sommern.', 'Der höchste Punkt der Gemarkung liegt auf {hoehe} Metern über dem Meeresspiegel.'],
      Geschichte: ['Die erste urkundliche Erwähnung stammt aus dem Jahr {jahr}.', 'Im Dreißigjährigen Krieg wurde das Dorf mehrfach geplündert und fast vollständig zerstört.', 'Im Zuge der Gebietsreform wurden in den 1970er Jahren mehrere Nachbarorte eingemeindet.', 'Im 19. Jahrhundert wanderten viele Einwohner nach Amerika aus.', 'Nach dem Zweiten Weltkrieg fanden zahlreiche Heimatvertriebene im Ort eine neue Heimat.'],
      'Wirtschaft und Infrastruktur': ['Wichtige Arbeitgeber sind ein mittelständisches Maschinenbauunternehmen und mehrere landwirtschaftliche Betriebe.', 'Die Gemeinde verfügt über einen Kindergarten, eine Grundschule und eine Freiwillige Feuerwehr.', 'Der nächste Bahnhof befindet sich in {stadt}, von dort bestehen Verbindungen im Stundentakt.', 'In den letzten Jahren wurde ein kleines Gewerbegebiet am Ortsrand erschlossen.'],
      Sehenswürdigkeiten: ['Die Pfarrkirche St. {heilig} wurde im {jh}. Jahrhundert im Stil des Barock umgebaut.', 'Das Rathaus aus dem Jahr {jahr2} steht heute unter Denkmalschutz.', 'Durch den Ort führt ein beliebter Radweg, der vor allem im Sommer viele Touristen anzieht.', 'Jedes Jahr im Herbst findet ein traditioneller Bauernmarkt statt.'],
    },
    web: {
      wandern: { title: 'Wandertipp: Rundweg bei {stadt}', lines: ['Heute stelle ich euch meine liebste Wanderung in der Umgebung von {stadt} vor.', 'Die Tour ist etwa {k} Kilometer lang und dauert rund {h} Stunden.', 'Festes Schuhwerk und ausreichend Wasser sind unbedingt zu empfehlen.', 'Vom Parkplatz aus folgt man zunächst dem gut ausgeschilderten Weg in Richtung Gipfel.', 'Oben angekommen wird man mit einem herrlichen Blick über das ganze Tal belohnt.', 'Im Gasthaus am Wegesrand gibt es hausgemachten Kuchen und eine kräftige Suppe.', 'Für Familien mit kleinen Kindern ist die kürzere Variante besser geeignet.', 'Bei Regen kann der Weg stellenweise rutschig sein.', 'Unterwegs kommt man an einer kleinen Kapelle vorbei.', 'Die beste Jahreszeit für diese Tour ist der Frühherbst.', 'Hunde sind auf dem gesamten Weg erlaubt, sollten aber angeleint bleiben.', 'Eine Einkehr im Biergarten rundet den Tag perfekt ab.'] },
      rezept: { title: 'Omas {gericht}-Rezept', lines: ['Dieses {gericht}-Rezept gelingt garantiert auch Anfängern.', 'Zuerst die Zwiebeln schälen und in feine Würfel schneiden.', 'Den Backofen auf {t} Grad Ober- und Unterhitze vorheizen.', 'Alles gut verrühren und etwa {min} Minuten ziehen lassen.', 'Mit Salz, Pfeffer und etwas Muskat abschmecken.', 'Am besten schmeckt es frisch, es lässt sich aber auch gut einfrieren.', 'Guten Appetit und viel Spaß beim Nachkochen!', 'Wer mag, kann noch etwas frische Petersilie darüberstreuen.', 'Dazu passt ein frischer grüner Salat.', 'Die Zutaten bekommt man in jedem Supermarkt.', 'Das Gericht lässt sich gut am Vortag vorbereiten.'] },
      garten: { title: 'Gartentipps für den Herbst', lines: ['Im Herbst ist die beste Zeit, um Blumenzwiebeln zu pflanzen.', 'Das Laub kann man als natürlichen Winterschutz für die Beete verwenden.', 'Empfindliche Kübelpflanzen sollten rechtzeitig ins Haus geholt werden.', 'Jetzt lohnt es sich auch, den Kompost umzusetzen.', 'Obstbäume werden am besten im späten Winter geschnitten.', 'Vergesst nicht, die Gartengeräte vor dem Winter zu reinigen.', 'Viel Freude im Garten!'] },
    },
  },
  es: {
    vars: (r) => {
      const [prov, ca] = r.pick([['Soria', 'Castilla y León'], ['Teruel', 'Aragón'], ['Cuenca', 'Castilla-La Mancha'], ['Cáceres', 'Extremadura'], ['Jaén', 'Andalucía'], ['Lugo', 'Galicia'], ['Huesca', 'Aragón']]);
      return {
        nombre: `${r.pick(['Villanueva del', 'San Pedro del', 'Santa Cruz del', 'Fuente del', 'Puebla del', 'Castillo del'])} ${r.pick(['Río', 'Monte', 'Campo', 'Valle', 'Pinar', 'Arroyo'])}`,
        prov, ca,
        n: (q) => String(q.int(90, 6000)), s: (q) => String(q.int(12, 180)), k: (q) => String(q.int(8, 70)), y: (q) => String(q.int(1100, 1400)),
        santo: ['Pedro', 'Juan', 'Miguel', 'Andrés', 'Bartolomé'], siglo: ['XV', 'XVI', 'XVII'], mes: ['agosto', 'septiembre', 'mayo', 'junio'],
        patron: ['la Virgen del Rosario', 'San Roque', 'Santiago Apóstol', 'la Virgen de la Asunción'], rio: ['Duero', 'Jalón', 'Guadiana', 'Tajo', 'Miño', 'Júcar'],
        plato: ['la tortilla de patatas', 'el gazpacho andaluz', 'la paella valenciana', 'las croquetas caseras', 'el arroz con leche'], min: (q) => String(q.int(3, 12) * 5),
        ciudad: ['Salamanca', 'Granada', 'Cádiz', 'Toledo', 'Valencia', 'Oviedo'], alt: (q) => String(q.int(300, 1300)),
      };
    },
    title: (v) => v.nombre,
    lead: ['{nombre} es un municipio español de la provincia de {prov}, en la comunidad autónoma de {ca}.', 'Según el último censo, cuenta con una población de {n} habitantes.'],
    sections: {
      Geografía: ['El término municipal tiene una superficie de {s} kilómetros cuadrados.', 'El pueblo se encuentra a {k} kilómetros de la capital provincial.', 'El río {rio} atraviesa el término municipal de norte a sur.', 'El clima es mediterráneo continental, con inviernos fríos y veranos calurosos.', 'La altitud media del municipio es de {alt} metros sobre el nivel del mar.'],
      Historia: ['Los primeros documentos que mencionan la localidad datan del año {y}.', 'Durante la Edad Media, el territorio perteneció a la orden de Calatrava.', 'En las últimas décadas, el municipio ha perdido población debido a la emigración hacia las ciudades.', 'En el siglo XIX, la localidad contaba con varios molinos harineros.', 'La construcción de la carretera en los años sesenta mejoró la comunicación con la capital.'],
      Economía: ['La economía local se basa en la agricultura, sobre todo en el cultivo de cereales y olivos, y en la ganadería ovina.', 'En verano, el turismo rural aporta ingresos importantes a los pequeños negocios del pueblo.', 'Existen también algunas bodegas familiares que elaboran vino de la tierra.'],
      Patrimonio: ['La iglesia parroquial de San {santo}, construida en el siglo {siglo}, es el monumento más destacado del municipio.', 'Las fiestas patronales se celebran en {mes} en honor a {patron}.', 'En los alrededores se conservan los restos de un castillo medieval.', 'La plaza mayor conserva soportales de piedra del siglo XVIII.'],
    },
    web: {
      receta: { title: 'Receta casera: {plato}', lines: ['Hoy os traigo la receta de {plato}, un clásico de la cocina española.', 'Necesitarás unos {min} minutos y muy pocos ingredientes.', 'Pela las patatas y córtalas en rodajas finas.', 'Calienta abundante aceite de oliva en una sartén a fuego medio.', 'Bate los huevos en un bol grande y añade una pizca de sal.', 'Deja reposar la mezcla durante unos minutos antes de servir.', 'Si te ha gustado esta receta, compártela con tus amigos.', 'Puedes acompañarla con una ensalada fresca y un poco de pan.', 'Si la preparas el día anterior, estará todavía más rica.', 'Es una receta perfecta para compartir en familia.', 'Guarda las sobras en un recipiente hermético en la nevera.'] },
      viaje: { title: 'Un fin de semana en {ciudad}', lines: ['El verano pasado visitamos {ciudad} y nos encantó su casco antiguo.', 'Recomendamos alojarse cerca del centro para poder moverse a pie.', 'La comida es excelente y los precios son muy razonables.', 'No olvides probar las tapas en los bares de la plaza mayor.', 'El mejor momento para visitar la ciudad es la primavera, cuando el clima es más agradable.', 'Los museos suelen ser gratuitos los domingos por la tarde.', 'Alquilamos un coche para recorrer los pueblos de los alrededores.', 'El mercado central es perfecto para comprar productos locales.', 'Merece la pena subir al mirador para ver la puesta de sol.', 'Los vecinos fueron muy amables y nos dieron muchos consejos.'] },
      huerto: { title: 'Consejos para el huerto en primavera', lines: ['La primavera es el mejor momento para empezar el huerto.', 'Antes de plantar, conviene remover bien la tierra y añadir compost.', 'Los tomates necesitan al menos seis horas de sol al día.', 'Riega por la mañana temprano o al atardecer.', 'Coloca acolchado alrededor de las plantas para conservar la humedad.', 'Anota en un cuaderno lo que siembras cada semana.', '¡Feliz cosecha!'] },
    },
  },
  ru: {
    vars: (r) => {
      const [river, riverGen] = r.pick([['Мста', 'Мсты'], ['Шексна', 'Шексны'], ['Молога', 'Мологи'], ['Унжа', 'Унжи'], ['Сить', 'Сити'], ['Волга', 'Волги']]);
      const n = r.int(60, 3000);
      return {
        name: r.pick(['Берёзовка', 'Никольское', 'Покровское', 'Сосновка', 'Ильинское', 'Троицкое', 'Васильевка', 'Горки', 'Заречье', 'Михайловка', 'Каменка', 'Воскресенское']),
        obl: ['Тверской', 'Вологодской', 'Новгородской', 'Ярославской', 'Костромской', 'Владимирской', 'Калужской'],
        n: String(n), people: ruPlural(n, ['человек', 'человека', 'человек']), y: ['2010', '2021'], river, riverGen, k: (q) => String(q.int(5, 20)),
        vek: ['XV', 'XVI', 'XVII'], god: (q) => String(q.int(1750, 1890)),
        dish: ['настоящий борщ', 'домашние пельмени', 'тонкие блины', 'сырники', 'окрошку'], min: (q) => String(q.pick([10, 15, 20, 25, 30, 35, 40])),
        city: ['Казань', 'Суздаль', 'Калининград', 'Ярославль', 'Псков'],
      };
    },
    title: (v) => v.name,
    lead: ['{name} — село в {obl} области России.', 'Население составляет {n} {people} (по данным переписи {y} года).'],
    sections: {
      География: ['Село расположено на берегу реки {riverGen}, в {k} километрах от районного центра.', 'Окрестности села известны своими сосновыми лесами и чистыми озёрами.', 'Климат умеренно континентальный, с холодной зимой и тёплым летом.', 'Рядом с селом проходит автомобильная дорога регионального значения.'],
      История: ['Впервые село упоминается в писцовых книгах {vek} века.', 'В советское время здесь располагалась центральная усадьба колхоза.', 'Во второй половине XX века население села значительно сократилось.', 'В XIX веке в селе работали кузница и несколько мельниц.'],
      Экономика: ['Основу местной экономики составляют сельское хозяйство и лесозаготовки.', 'В селе есть школа, фельдшерско-акушерский пункт, библиотека и почтовое отделение.', 'Летом население заметно увеличивается за счёт дачников.', 'В последние годы в селе открылись небольшой магазин и гостевой дом.'],
      Достопримечательности: ['В центре села находится каменная церковь, построенная в {god} году.', 'На берегу реки сохранилась старая деревянная мельница.', 'Рядом с церковью находится старое кладбище с чугунными надгробиями.'],
    },
    web: {
      рецепт: { title: 'Как приготовить {dish}', lines: ['Сегодня я расскажу, как приготовить {dish} по бабушкиному рецепту.', 'Для этого вам понадобятся самые простые продукты.', 'Сначала очистите и мелко нарежьте лук и морковь.', 'Готовьте на среднем огне около {min} минут, периодически помешивая.', 'Подавайте горячим со сметаной и свежей зеленью.', 'Если у вас остались вопросы, пишите в комментариях.', 'Вместо сметаны можно использовать густой натуральный йогурт.', 'Блюдо хорошо хранится в холодильнике два-три дня.', 'Не бойтесь экспериментировать со специями.', 'Такое угощение обязательно понравится всей семье.', 'Приятного аппетита!'] },
      путешествие: { title: 'Выходные в городе {city}', lines: ['Прошлым летом мы съездили в {city} и остались в полном восторге.', 'Обязательно прогуляйтесь по старому центру и загляните в местные музеи.', 'Гостиницу лучше бронировать заранее, особенно в выходные.', 'Цены в кафе и ресторанах вполне доступные.', 'Из Москвы туда удобно добираться на поезде.', 'Мы обязательно вернёмся сюда ещё раз.', 'Мы жили в небольшой гостинице недалеко от вокзала.', 'Местные жители оказались очень гостеприимными.', 'Вечером стоит прогуляться по набережной.', 'Обязательно попробуйте местную кухню в небольших кафе.'] },
      сад: { title: 'Советы для дачников', lines: ['Весной важно вовремя подготовить грядки к посадке.', 'Перед посадкой почву нужно хорошо перекопать и удобрить.', 'Рассаду помидоров высаживают в грунт после окончания заморозков.', 'Поливать огород лучше рано утром или вечером.', 'Мульча помогает сохранить влагу в почве.', 'Осенью не забудьте убрать опавшие листья и укрыть многолетники.'] },
    },
  },
  zh: {
    vars: (r) => ({
      name: r.pick(['青溪县', '云山县', '白河县', '石门县', '龙泉县', '安平县', '临江县', '桃源县']),
      prov: ['浙江省', '湖南省', '四川省', '福建省', '江西省', '安徽省'], dir: ['东', '西', '南', '北', '中'],
      area: (q) => String(q.int(800, 3500)), n: (q) => String(q.int(12, 95)), dyn: ['汉朝', '唐朝', '宋朝', '明朝'], river: ['清江', '白水河', '石溪', '龙川'],
      dish: ['西红柿炒鸡蛋', '红烧肉', '麻婆豆腐', '宫保鸡丁', '酸辣土豆丝'], min: (q) => String(q.int(2, 8) * 5), city: ['杭州', '成都', '西安', '厦门', '桂林'],
    }),
    title: (v) => v.name,
    joiner: '',
    lead: ['{name}是中国{prov}下辖的一个县，位于该省{dir}部。', '全县总面积约{area}平方公里，户籍人口约{n}万人。'],
    sections: {
      地理: ['境内地势西高东低，{river}由西向东流经全境。', '当地属亚热带季风气候，四季分明，雨量充沛。', '全县森林覆盖率较高，生态环境良好。', '县境内有多座海拔超过一千米的山峰。'],
      历史: ['{name}历史悠久，早在{dyn}时期就已设县。', '县城内保存有明清时期的古街和多座传统民居。', '清朝时期，这里是重要的商贸集散地。', '新中国成立后，县城规模不断扩大。'],
      经济: ['主要农作物有水稻、油菜和茶叶，其中茶叶远销国内外。', '近年来，旅游业发展迅速，已成为当地经济的重要支柱。', '交通方面，高速公路和铁路均从境内通过，交通十分便利。', '近年来，当地积极发展特色农业和乡村旅游。'],
      文化: ['每年春季举办的茶文化节吸引了大量游客。', '当地的传统戏曲已被列入省级非物质文化遗产名录。', '当地民间流传着许多古老的传说和故事。'],
    },
    web: {
      菜谱: { title: '家常菜：{dish}的做法', lines: ['今天给大家分享一道家常菜：{dish}。', '准备时间大约{min}分钟，做法非常简单。', '首先把食材洗干净，切成小块备用。', '锅中倒入少许油，烧热后放入葱姜蒜炒香。', '最后加入适量的盐和酱油，翻炒均匀即可出锅。', '这道菜味道鲜美，特别适合搭配米饭。', '如果你喜欢这篇文章，欢迎点赞和收藏。', '喜欢吃辣的朋友可以多放一些辣椒。', '这道菜做法简单，新手也能轻松学会。', '剩下的菜可以放进冰箱，第二天加热后再吃。', '搭配一碗热汤，营养更加均衡。'] },
      旅行: { title: '{city}三日游攻略', lines: ['去年夏天我们去了{city}旅行，留下了非常美好的回忆。', '建议提前预订酒店，尤其是在节假日期间。', '当地的小吃种类繁多，价格也很实惠。', '景区人比较多，最好早上出发。', '市中心的地铁非常方便，几乎可以到达所有景点。', '下次有机会一定还会再来。', '我们住在老城区附近的一家民宿，环境很安静。', '晚上可以去夜市逛一逛，品尝各种特色美食。', '当地人非常热情，经常主动给我们指路。', '如果时间充裕，可以去周边的古镇走走。'] },
      生活: { title: '家居生活小窍门', lines: ['今天和大家分享几个实用的家居小窍门。', '用白醋可以轻松去除水壶里的水垢。', '旧报纸可以用来擦玻璃，效果很好。', '衣柜里放几块香皂，可以让衣服保持清香。', '冰箱里放一些柠檬片能去除异味。', '定期开窗通风，有利于保持室内空气新鲜。', '这些小方法简单实用，大家不妨试一试。'] },
    },
  },
};

function i18nDoc(rng, lang, domain) {
  const L = I18N[lang];
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
      parts.push(heading, pool.filter((s) => picked.includes(s)).map((s) => fill(rng, s, v)).join(join));
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

// ---------------------------------------------------------------------------------------------
// Near-duplicate edits
// ---------------------------------------------------------------------------------------------

const SYNONYMS = [['big', 'large'], ['small', 'little'], ['often', 'frequently'], ['buy', 'purchase'], ['start', 'begin'], ['help', 'assist'], ['about', 'around'], ['really', 'truly'], ['important', 'essential'], ['good', 'great'], ['quickly', 'fast'], ['main', 'principal'], ['near', 'close to'], ['mostly', 'mainly']];
const EXTRA_WEB_LINES = [...COOKIE_LINES, ...FOOTER_LINES, ...SHARE_LINES, 'Subscribe to our newsletter', 'Print this page', 'Back to top', 'Advertisement'];

function replaceAt(text, index, length, replacement) {
  return text.slice(0, index) + replacement + text.slice(index + length);
}

function allMatches(text, re) {
  return [...text.matchAll(re)];
}

const EDITS = {
  swap(r, text) {
    const lines = text.split('\n');
    const candidates = lines.map((l, i) => i).filter((i) => wordCount(lines[i]) >= 8);
    if (!candidates.length) return null;
    for (let attempt = 0; attempt < 10; attempt++) {
      const li = r.pick(candidates);
      const words = lines[li].split(' ');
      const i = r.int(0, words.length - 2);
      if (/^[a-z]+$/.test(words[i]) && /^[a-z]+$/.test(words[i + 1]) && words[i] !== words[i + 1]) {
        [words[i], words[i + 1]] = [words[i + 1], words[i]];
        lines[li] = words.join(' ');
        return lines.join('\n');
      }
    }
    return null;
  },
  number(r, text) {
    const ms = allMatches(text, /(?<![\w.-])\d+(?![\w.])/g).filter((m) => m[0].length <= 6);
    if (!ms.length) return null;
    const m = r.pick(ms);
    const n = Number(m[0]);
    const next = m[0].length === 4 && n >= 1000 && n <= 2099 ? n + r.pick([-2, -1, 1, 2]) : n + r.int(1, Math.max(1, Math.round(n * 0.2)) + 1);
    return replaceAt(text, m.index, m[0].length, String(next));
  },
  month(r, text) {
    const ms = allMatches(text, new RegExp(`\\b(${MONTHS.join('|')})\\b`, 'g'));
    if (!ms.length) return null;
    const m = r.pick(ms);
    return replaceAt(text, m.index, m[0].length, r.pick(MONTHS.filter((x) => x !== m[0])));
  },
  typo(r, text, doc) {
    // In code, only comments get typos, so the copy still parses.
    const ms = allMatches(text, /\b[a-z]{5,}\b/g).filter((m) => doc?.true_domain !== 'code' || /^\s*(#|\/\/|\*|\/\*|""")/.test(text.slice(text.lastIndexOf('\n', m.index) + 1, m.index + 1)));
    if (!ms.length) return null;
    for (let attempt = 0; attempt < 10; attempt++) {
      const m = r.pick(ms);
      const w = m[0];
      const i = r.int(1, w.length - 3);
      if (w[i] === w[i + 1]) continue;
      const typo = r.chance(0.7) ? w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2) : w.slice(0, i) + w.slice(i + 1);
      return replaceAt(text, m.index, w.length, typo);
    }
    return null;
  },
  synonym(r, text) {
    const pairs = SYNONYMS.flatMap(([a, b]) => [[a, b], [b, a]]);
    const ms = allMatches(text, new RegExp(`\\b(${pairs.map((p) => p[0]).join('|')})\\b`, 'g'));
    if (!ms.length) return null;
    const m = r.pick(ms);
    return replaceAt(text, m.index, m[0].length, pairs.find((p) => p[0] === m[0])[1]);
  },
  addLine(r, text, doc) {
    const lines = text.split('\n');
    let line;
    if (doc.true_domain === 'web' && doc.language === 'en') line = r.chance(0.3) ? `Updated ${dateString(r)}` : r.pick(EXTRA_WEB_LINES);
    else if (doc.true_domain === 'encyclopedic' && doc.language === 'en') line = r.pick(['This article needs additional citations for verification.', `Retrieved ${dateString(r, 2015, 2024)}.`, 'From Wikipedia, the free encyclopedia']);
    else if (doc.true_domain === 'code') {
      const note = r.pick(['TODO: add tests', `Last reviewed ${r.int(2019, 2024)}-${String(r.int(1, 12)).padStart(2, '0')}`, 'Copied from the shared utils repository', 'See CONTRIBUTING.md before editing']);
      line = text.includes('def ') ? `# ${note}` : text.includes('#include') ? `/* ${note} */` : `// ${note}`;
      return `${line}\n${text}`;
    } else return null;
    const at = r.chance(0.5) ? lines.length : 1;
    lines.splice(at, 0, line);
    return lines.join('\n');
  },
  removeLine(r, text, doc) {
    if (doc.true_domain !== 'web' && doc.true_domain !== 'encyclopedic') return null;
    const lines = text.split('\n');
    const candidates = lines.map((l, i) => i).filter((i) => i > 0 && lines[i].trim() !== '' && wordCount(lines[i]) < 10);
    if (lines.length < 4 || !candidates.length) return null;
    lines.splice(r.pick(candidates), 1);
    return lines.join('\n').replace(/\n{3,}/g, '\n\n');
  },
};

function nearDuplicate(r, doc, edits) {
  // Math answers must stay correct, so math copies only get wording edits.
  const ops = doc.true_domain === 'math' ? [['swap', 1], ['typo', 2], ['synonym', 1]] : doc.true_domain === 'code' ? [['number', 2], ['typo', 2], ['addLine', 1]] : [['swap', 2], ['number', 2], ['month', 1], ['typo', 2], ['synonym', 1], ['addLine', 1.5], ['removeLine', 1]];
  let text = doc.text;
  let applied = 0;
  for (let attempt = 0; attempt < 30 && applied < edits; attempt++) {
    const out = EDITS[weighted(r, ops)](r, text, doc);
    if (out !== null && out !== text) {
      text = out;
      applied++;
    }
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// The corpus
// ---------------------------------------------------------------------------------------------

const BASE_COUNTS = { web: 1550, crawlOther: 45, code: 320, math: 450, encyclopedic: 320, webClusters: 130, webExact: 12, otherClusters: { code: 6, math: 6, encyclopedic: 6, i18n: 2 } };
const I18N_COUNTS = { fr: 14, de: 14, es: 14, ru: 10, zh: 8 };
const SOURCES = { web: 'synthetic-crawl', code: 'synthetic-github', math: 'synthetic-gsm', encyclopedic: 'synthetic-wiki' };
const COPY_COUNTS = [1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6];

// Near-duplicate ground truth is measured on word 5-gram shingles (the MinHash default): every
// document outside a cluster stays below NEAR_DUP Jaccard similarity with every other document
// (a generated document that lands above it is regenerated under a new key), and every edited
// copy keeps at least COPY_MIN similarity with its original.
const SHINGLE_WORDS = 5;
const NEAR_DUP = 0.5;
const COPY_MIN = 0.7;

/** Lower-cased words; each Han character counts as a word. */
function tokens(text) {
  return text.toLowerCase().match(/\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{N}_])+/gu) ?? [];
}

function shingleSet(text) {
  const t = tokens(text);
  const out = new Set();
  if (t.length < SHINGLE_WORDS) out.add(t.join(' '));
  for (let i = 0; i + SHINGLE_WORDS <= t.length; i++) out.add(t.slice(i, i + SHINGLE_WORDS).join(' '));
  return out;
}

function jaccard(a, b) {
  const [small, big] = a.size < b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const x of small) if (big.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Inverted index of shingles, to find the most similar earlier document quickly. */
class ShingleIndex {
  constructor() {
    this.postings = new Map();
    this.sizes = [];
  }

  maxSimilarity(set) {
    const shared = new Map();
    for (const sh of set) for (const i of this.postings.get(sh) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
    let best = 0;
    for (const [i, c] of shared) best = Math.max(best, c / (set.size + this.sizes[i] - c));
    return best;
  }

  add(set) {
    const i = this.sizes.length;
    this.sizes.push(set.size);
    for (const sh of set) {
      let p = this.postings.get(sh);
      if (!p) this.postings.set(sh, (p = []));
      p.push(i);
    }
  }
}

function buildCorpus(seed, scale) {
  const count = (n) => Math.max(1, Math.round(n * scale));
  const docs = [];
  const guard = { regenerated: 0, dropped: 0 };
  const index = new ShingleIndex();
  const make = (fields) => {
    const doc = { dup_cluster: null, language: 'en', ...fields };
    docs.push(doc);
    return doc;
  };
  const addUnique = (key, gen) => {
    for (let attempt = 0; attempt < 12; attempt++) {
      const fields = gen(new SeededRng(seed, attempt ? `${key}#${attempt}` : key));
      const shingles = shingleSet(fields.text);
      if (index.maxSimilarity(shingles) >= NEAR_DUP) continue;
      index.add(shingles);
      if (attempt) guard.regenerated++;
      return make({ ...fields, shingles });
    }
    guard.dropped++;
    return null;
  };

  for (let i = 0; i < count(BASE_COUNTS.web); i++) {
    addUnique(`web/${i}`, (r) => {
      const topic = r.pick(TOPICS);
      const quality = weighted(r, [['high', 40], ['medium', 32], ['low', 28]]);
      const g = quality === 'high' ? webHigh(r, topic) : quality === 'medium' ? webMedium(r, topic) : webLow(r, topic);
      // Some crawled pages carry no domain label (absent or empty) to leave work for a classifier.
      const shown = weighted(r, [['web', 86], [undefined, 10], ['', 4]]);
      return { prefix: 'web', text: g.text, domain: shown, source: SOURCES.web, true_domain: 'web', intended_quality: quality, kind: `${quality}/${g.kind}` };
    });
  }
  // Crawled pages whose content is really code, math or an encyclopedia article.
  for (let i = 0; i < count(BASE_COUNTS.crawlOther); i++) {
    addUnique(`crawl/${i}`, (r) => {
      const trueDomain = r.pick(['code', 'math', 'encyclopedic']);
      const g = trueDomain === 'code' ? codeDoc(r) : trueDomain === 'math' ? mathDoc(r) : encyclopedicDoc(r);
      return { prefix: 'web', text: g.text, domain: r.chance(0.7) ? 'web' : undefined, source: SOURCES.web, true_domain: trueDomain, intended_quality: g.quality, kind: `crawled/${g.kind}` };
    });
  }
  for (const [domain, gen] of [['code', codeDoc], ['math', mathDoc], ['encyclopedic', encyclopedicDoc]]) {
    for (let i = 0; i < count(BASE_COUNTS[domain]); i++) {
      addUnique(`${domain}/${i}`, (r) => {
        const g = gen(r);
        return { prefix: domain, text: g.text, domain, source: SOURCES[domain], true_domain: domain, intended_quality: g.quality, kind: g.kind };
      });
    }
  }
  for (const [lang, n] of Object.entries(I18N_COUNTS)) {
    for (let i = 0; i < count(n); i++) {
      const domain = i % 2 === 0 ? 'encyclopedic' : 'web';
      addUnique(`i18n/${lang}/${i}`, (r) => {
        const g = i18nDoc(r, lang, domain);
        return { prefix: domain, text: g.text, domain, source: SOURCES[domain], true_domain: domain, intended_quality: g.quality, language: lang, kind: g.kind };
      });
    }
  }

  // Duplicate clusters: member 0 is the original, the others are copies (edited unless exact).
  const clusters = [];
  const pickOriginals = (key, candidates, n) => pickN(new SeededRng(seed, `clusters/${key}`), candidates, n);
  const big = (d) => d.shingles.size >= 60;
  const webCandidates = docs.filter((d) => d.true_domain === 'web' && d.language === 'en' && d.intended_quality !== 'low' && wordCount(d.text) >= 120 && big(d));
  const lowCandidates = docs.filter((d) => d.true_domain === 'web' && d.intended_quality === 'low' && wordCount(d.text) >= 80 && big(d));
  const nWeb = count(BASE_COUNTS.webClusters);
  const webOriginals = [...pickOriginals('web', webCandidates, nWeb - Math.round(nWeb / 10)), ...pickOriginals('web-low', lowCandidates, Math.round(nWeb / 10))];
  webOriginals.forEach((d, i) => clusters.push({ original: d, exact: i < count(BASE_COUNTS.webExact) }));
  for (const [key, n] of Object.entries(BASE_COUNTS.otherClusters)) {
    const candidates = docs.filter((d) => (key === 'i18n' ? d.language !== 'en' : d.true_domain === key && d.language === 'en' && d.source !== SOURCES.web) && d.intended_quality !== 'low' && big(d));
    pickOriginals(key, candidates, count(n)).forEach((d, i) => clusters.push({ original: d, exact: key !== 'i18n' && key !== 'encyclopedic' && i === 0 }));
  }
  clusters.forEach((c, ci) => {
    const cid = `c${String(ci + 1).padStart(4, '0')}`;
    const o = c.original;
    o.dup_cluster = cid;
    const seen = new Set([o.text]);
    const copies = new SeededRng(seed, `dup/${cid}`).pick(COPY_COUNTS);
    for (let k = 0; k < copies; k++) {
      let text = o.text;
      if (!c.exact) {
        for (let attempt = 0; attempt < 10; attempt++) {
          const cr = new SeededRng(seed, attempt ? `dup/${cid}/${k}#${attempt}` : `dup/${cid}/${k}`);
          // Later attempts make a single edit: short documents cannot take more and stay close.
          const candidate = nearDuplicate(cr, o, attempt < 5 ? cr.int(1, 3) : 1);
          if (!seen.has(candidate) && jaccard(shingleSet(candidate), o.shingles) >= COPY_MIN) {
            text = candidate;
            break;
          }
        }
        seen.add(text);
      }
      const { prefix, domain, source, true_domain, intended_quality, language, kind } = o;
      make({ prefix, text, domain, source, true_domain, dup_cluster: cid, intended_quality, language, kind });
    }
  });

  // Ids: numbered per prefix in a seeded order, so an id says nothing about how a doc was made.
  const byPrefix = new Map();
  for (const d of docs) byPrefix.set(d.prefix, [...(byPrefix.get(d.prefix) ?? []), d]);
  for (const [prefix, list] of byPrefix) {
    new SeededRng(seed, `ids/${prefix}`).shuffle(list).forEach((d, i) => (d.id = `${prefix}-${String(i).padStart(6, '0')}`));
  }
  docs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { docs, guard };
}

function toJsonLine(d) {
  const record = { id: d.id, text: d.text };
  if (d.domain !== undefined) record.domain = d.domain;
  Object.assign(record, { source: d.source, true_domain: d.true_domain, dup_cluster: d.dup_cluster, intended_quality: d.intended_quality, language: d.language });
  return JSON.stringify(record);
}

function shardDocs(seed, docs) {
  const order = new SeededRng(seed, 'shards').shuffle(docs.slice());
  const shards = Array.from({ length: SHARD_COUNT }, () => []);
  order.forEach((d, i) => shards[i % SHARD_COUNT].push(d));
  return shards;
}

// ---------------------------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------------------------

function table(rows, header) {
  const widths = header.map((h, i) => Math.max(String(h).length, ...rows.map((r) => String(r[i]).length)));
  const fmt = (r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt)].join('\n');
}

function stats(opts, docs, shardInfo, guard) {
  const out = [];
  const tally = (keyFn) => {
    const m = new Map();
    for (const d of docs) m.set(keyFn(d), (m.get(keyFn(d)) ?? 0) + 1);
    return m;
  };
  out.push(`anneal sample corpus: seed ${opts.seed}, scale ${opts.scale}, ${docs.length} documents in ${SHARD_COUNT} shards`);
  out.push('');
  const domains = ['web', 'code', 'math', 'encyclopedic'];
  const qs = ['high', 'medium', 'low'];
  const dq = tally((d) => `${d.true_domain}/${d.intended_quality}`);
  const rows = domains.map((dm) => [dm, ...qs.map((q) => dq.get(`${dm}/${q}`) ?? 0), qs.reduce((s, q) => s + (dq.get(`${dm}/${q}`) ?? 0), 0)]);
  rows.push(['total', ...qs.map((q) => docs.filter((d) => d.intended_quality === q).length), docs.length]);
  out.push('By true_domain and intended_quality:', table(rows, ['true_domain', ...qs, 'total']), '');
  const shown = tally((d) => (d.domain === undefined ? '(absent)' : d.domain === '' ? '(empty)' : d.domain));
  const mism = docs.filter((d) => d.domain && d.domain !== d.true_domain).length;
  out.push(`domain field as shown: ${[...shown].sort().map(([k, v]) => `${k} ${v}`).join(', ')}; set but different from true_domain: ${mism}`);
  out.push(`source: ${[...tally((d) => d.source)].sort().map(([k, v]) => `${k} ${v}`).join(', ')}`);
  out.push(`language: ${[...tally((d) => d.language)].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  const nonEn = docs.filter((d) => d.language !== 'en');
  out.push(`non-English by true_domain: ${[...tally((d) => (d.language === 'en' ? null : d.true_domain))].filter(([k]) => k).map(([k, v]) => `${k} ${v}`).join(', ')} (${nonEn.length} total)`);
  out.push('');
  const clusters = new Map();
  for (const d of docs) if (d.dup_cluster) clusters.set(d.dup_cluster, [...(clusters.get(d.dup_cluster) ?? []), d]);
  const sizes = new Map();
  let exact = 0;
  for (const members of clusters.values()) {
    sizes.set(members.length, (sizes.get(members.length) ?? 0) + 1);
    if (new Set(members.map((m) => m.text)).size === 1) exact++;
  }
  const inClusters = [...clusters.values()].reduce((s, m) => s + m.length, 0);
  out.push(`duplicate clusters: ${clusters.size} (${clusters.size - exact} near-duplicate, ${exact} exact), ${inClusters} documents in clusters, ${inClusters - clusters.size} of them copies; ${docs.length - inClusters} unique documents (dup_cluster null)`);
  out.push(`near-duplicate guard (word 5-gram Jaccard < ${NEAR_DUP} outside clusters, copies >= ${COPY_MIN} to their original): ${guard.regenerated} documents regenerated, ${guard.dropped} dropped`);
  out.push(`cluster sizes: ${[...sizes].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${k} docs: ${v}`).join(', ')}`);
  out.push(`clusters by true_domain: ${[...tally((d) => (d.dup_cluster && d.id === clusters.get(d.dup_cluster)[0].id ? d.true_domain : null))].filter(([k]) => k).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  out.push('');
  const kinds = tally((d) => (d.true_domain === 'web' && d.intended_quality === 'low' && !d.dup_cluster ? d.kind.split('/')[1] : null));
  out.push(`low-quality web pages by defect (unique docs): ${[...kinds].filter(([k]) => k).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  const codeLang = tally((d) => (d.true_domain === 'code' ? d.kind.replace(/^crawled\//, '').split('/')[0] : null));
  out.push(`code files by language: ${[...codeLang].filter(([k]) => k).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  const ency = tally((d) => (d.true_domain === 'encyclopedic' && d.language === 'en' ? d.kind.replace(/^crawled\//, '') : null));
  out.push(`encyclopedic articles (English) by subject: ${[...ency].filter(([k]) => k).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  out.push('');
  const textBytes = docs.reduce((s, d) => s + Buffer.byteLength(d.text), 0);
  const words = docs.reduce((s, d) => s + wordCount(d.text), 0);
  out.push(`text: ${commas(textBytes)} bytes, ${commas(words)} whitespace-separated words`);
  if (shardInfo) {
    out.push(table(shardInfo.map((s) => [s.file, s.docs, commas(s.bytes), commas(s.gzBytes)]), ['shard', 'docs', 'jsonl bytes', 'gzip bytes']));
    out.push(`total: ${commas(shardInfo.reduce((s, x) => s + x.bytes, 0))} bytes of JSONL, ${commas(shardInfo.reduce((s, x) => s + x.gzBytes, 0))} bytes gzipped`);
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const { docs, guard } = buildCorpus(opts.seed, opts.scale);
  const ids = new Set(docs.map((d) => d.id));
  if (ids.size !== docs.length) throw new Error('duplicate ids');
  const shards = shardDocs(opts.seed, docs);
  const encoded = shards.map((list, i) => {
    const jsonl = Buffer.from(list.map(toJsonLine).join('\n') + '\n', 'utf8');
    // gzipSync writes mtime 0 and no file name, so the bytes depend only on the content.
    return { file: `sample-${String(i).padStart(5, '0')}.jsonl.gz`, docs: list.length, bytes: jsonl.length, gz: gzipSync(jsonl, { level: 9 }) };
  });
  const shardInfo = encoded.map((e) => ({ ...e, gzBytes: e.gz.length }));
  if (!opts.statsOnly) {
    const outDir = resolve(opts.out);
    mkdirSync(outDir, { recursive: true });
    for (const e of encoded) {
      const target = join(outDir, e.file);
      writeFileSync(`${target}.tmp`, e.gz);
      renameSync(`${target}.tmp`, target);
    }
  }
  if (!opts.quiet || opts.statsOnly) console.log(stats(opts, docs, shardInfo, guard));
  if (!opts.statsOnly && !opts.quiet) console.log(`wrote ${encoded.length} shards to ${resolve(opts.out)}`);
}

main();
