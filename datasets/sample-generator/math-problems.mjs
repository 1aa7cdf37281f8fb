/**
 * Grade-school math word problems with worked solutions (answers are computed, not templated).
 */
import { loadWordTable } from './word-tables.mjs';

const { FIRST_NAMES } = loadWordTable('people-and-places');
const { MATH_ITEMS, COUNTABLES, TREATS, SALE_ITEMS, GIFTS } = loadWordTable('math-nouns');

const FRACTION_WORDS = { 2: 'half', 3: 'third', 4: 'quarter', 5: 'fifth' };

const gcd = (a, b) => (b === 0 ? a : gcd(b, a % b));

const MATH_PROBLEMS = [
  (r, N, op) => {
    const [x, y] = r.pick(MATH_ITEMS);
    const a = r.int(2, 9),
      p = r.int(2, 15),
      b = r.int(2, 9),
      q = r.int(1, 12);
    const t1 = a * p,
      t2 = b * q;
    return {
      q: `${N} buys ${a} ${x} for $${p} each and ${b} ${y} for $${q} each. How much does ${N} spend in total?`,
      steps: [
        `The ${x} cost ${op(`${a}*${p}`, t1)} dollars.`,
        `The ${y} cost ${op(`${b}*${q}`, t2)} dollars.`,
        `In total, ${N} spends ${op(`${t1}+${t2}`, t1 + t2)} dollars.`,
      ],
      answer: t1 + t2,
    };
  },
  (r, N, op) => {
    const [x] = r.pick(MATH_ITEMS);
    const a = r.int(2, 6),
      p = r.int(2, 12),
      t = a * p;
    const bill = [20, 50, 100].find((b) => b > t);
    return {
      q: `${N} buys ${a} ${x} that cost $${p} each and pays with a $${bill} bill. How much change does ${N} get back?`,
      steps: [`The ${x} cost ${op(`${a}*${p}`, t)} dollars altogether.`, `So the change is ${op(`${bill}-${t}`, bill - t)} dollars.`],
      answer: bill - t,
    };
  },
  (r, N, op) => {
    const [obj, verb] = r.pick(COUNTABLES);
    const x = r.int(20, 60),
      y = r.int(3, x - 10),
      z = r.int(5, 30),
      w = r.int(1, 5);
    const r1 = x - y,
      r2 = r1 + z,
      r3 = r2 - w;
    return {
      q: `${N} has ${x} ${obj}. ${N} gives ${y} of them to a friend, then buys ${z} more and ${verb} ${w}. How many ${obj} does ${N} have now?`,
      steps: [
        `After giving some away, ${N} has ${op(`${x}-${y}`, r1)} ${obj}.`,
        `After buying more, ${N} has ${op(`${r1}+${z}`, r2)} ${obj}.`,
        `Finally, ${N} has ${op(`${r2}-${w}`, r3)} ${obj} left.`,
      ],
      answer: r3,
    };
  },
  (r, N, op) => {
    const s = r.int(5, 25),
      w = r.int(4, 20),
      total = s * w,
      c = r.int(10, total - 5);
    const gift = r.pick(GIFTS);
    return {
      q: `${N} saves $${s} every week for ${w} weeks. Then ${N} spends $${c} on a ${gift}. How much money does ${N} have left?`,
      steps: [
        `${N} saves ${op(`${s}*${w}`, total)} dollars in total.`,
        `After buying the ${gift}, ${N} has ${op(`${total}-${c}`, total - c)} dollars left.`,
      ],
      answer: total - c,
    };
  },
  (r, N, op) => {
    const [one, many] = r.pick(SALE_ITEMS);
    const d = r.pick([10, 20, 25, 50]),
      P = r.int(2, 20) * 20,
      n = r.int(2, 5);
    const disc = (P * d) / 100,
      sale = P - disc;
    return {
      q: `A ${one} normally costs $${P}. During a sale, everything is ${d}% off. How much do ${n} ${many} cost during the sale?`,
      steps: [
        `The discount on one ${one} is ${op(`${P}*${d}/100`, disc)} dollars.`,
        `So one ${one} costs ${op(`${P}-${disc}`, sale)} dollars in the sale.`,
        `${n} ${many} cost ${op(`${sale}*${n}`, sale * n)} dollars.`,
      ],
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
    const v = r.int(30, 70),
      h = r.int(2, 5),
      u = r.int(20, 60),
      g = r.int(1, 3);
    const vehicle = r.pick(['bus', 'train', 'truck', 'car']);
    return {
      q: `A ${vehicle} travels at ${v} miles per hour for ${h} hours, then at ${u} miles per hour for ${g} hours. How many miles does it travel in total?`,
      steps: [
        `In the first part it travels ${op(`${v}*${h}`, v * h)} miles.`,
        `In the second part it travels ${op(`${u}*${g}`, u * g)} miles.`,
        `Altogether it travels ${op(`${v * h}+${u * g}`, v * h + u * g)} miles.`,
      ],
      answer: v * h + u * g,
    };
  },
  (r, N, op) => {
    const B = r.pick(FIRST_NAMES.filter((f) => f !== N));
    const x = r.int(2, 12),
      y = r.int(5, 30),
      z = r.int(2, 10);
    const a = y + x;
    return {
      q: `${N} is ${x} years older than ${B}. ${B} is ${y} years old. What will be the sum of their ages in ${z} years?`,
      steps: [
        `${N} is ${op(`${y}+${x}`, a)} years old now.`,
        `In ${z} years, ${N} will be ${op(`${a}+${z}`, a + z)} and ${B} will be ${op(`${y}+${z}`, y + z)}.`,
        `The sum of their ages will be ${op(`${a + z}+${y + z}`, a + y + 2 * z)}.`,
      ],
      answer: a + y + 2 * z,
    };
  },
  (r, N, op) => {
    const L = r.int(5, 25),
      W = r.int(3, L),
      c = r.int(2, 12);
    const per = 2 * (L + W);
    return {
      q: `A rectangular garden is ${L} metres long and ${W} metres wide. Fencing costs $${c} per metre. How much does it cost to put a fence around the whole garden?`,
      steps: [`The perimeter of the garden is ${op(`2*(${L}+${W})`, per)} metres.`, `The fence costs ${op(`${per}*${c}`, per * c)} dollars.`],
      answer: per * c,
    };
  },
  (r, N, op) => {
    const rate = r.int(8, 20) * 2,
      o = r.int(2, 12),
      h = 40 + o,
      orate = (rate * 3) / 2;
    const reg = 40 * rate,
      ot = o * orate;
    return {
      q: `${N} earns $${rate} per hour and is paid time and a half for every hour over 40 in a week. Last week ${N} worked ${h} hours. How much did ${N} earn?`,
      steps: [
        `For the first 40 hours, ${N} earns ${op(`40*${rate}`, reg)} dollars.`,
        `The overtime rate is ${op(`${rate}*3/2`, orate)} dollars per hour.`,
        `${N} worked ${op(`${h}-40`, o)} hours of overtime, which pays ${op(`${o}*${orate}`, ot)} dollars.`,
        `In total, ${N} earned ${op(`${reg}+${ot}`, reg + ot)} dollars.`,
      ],
      answer: reg + ot,
    };
  },
  (r, N, op) => {
    const rd = r.int(8, 40),
      d = r.int(3, 12),
      P = rd * d + r.int(20, 200);
    return {
      q: `A book has ${P} pages. ${N} reads ${rd} pages every day for ${d} days. How many pages does ${N} still have to read?`,
      steps: [`${N} reads ${op(`${rd}*${d}`, rd * d)} pages in ${d} days.`, `There are ${op(`${P}-${rd * d}`, P - rd * d)} pages left.`],
      answer: P - rd * d,
    };
  },
  (r, N, op) => {
    const k = r.int(2, 5),
      total = 2 * k * r.int(2, 8);
    const walk = total / k,
      rest = total - walk,
      bus = rest / 2;
    return {
      q: `There are ${total} students in a class. One ${FRACTION_WORDS[k]} of them walk to school. Half of the remaining students take the bus, and the rest cycle. How many students cycle to school?`,
      steps: [
        `${op(`${total}/${k}`, walk)} students walk.`,
        `That leaves ${op(`${total}-${walk}`, rest)} students.`,
        `${op(`${rest}/2`, bus)} of them take the bus, so ${op(`${rest}-${bus}`, rest - bus)} students cycle.`,
      ],
      answer: rest - bus,
    };
  },
  (r, N, op) => {
    const s = r.int(2, 6),
      c = r.int(2, 5),
      m = r.int(2, 5),
      t = s * m;
    const ing = r.pick(['cups of flour', 'eggs', 'cups of milk', 'spoons of sugar', 'carrots']);
    return {
      q: `A recipe for ${s} servings needs ${c} ${ing}. ${N} wants to make ${t} servings. How many ${ing} does ${N} need?`,
      steps: [`${t} servings is ${op(`${t}/${s}`, m)} times the recipe.`, `So ${N} needs ${op(`${m}*${c}`, m * c)} ${ing}.`],
      answer: m * c,
    };
  },
  (r, N, op) => {
    const a = r.int(8, 20),
      ch = r.int(4, a - 2),
      A = r.int(1, 3),
      C = r.int(1, 4),
      pk = r.int(3, 10);
    const place = r.pick(['zoo', 'aquarium', 'science museum', 'water park', 'cinema']);
    return {
      q: `Tickets to the ${place} cost $${a} for adults and $${ch} for children. A family of ${A} adult${A > 1 ? 's' : ''} and ${C} child${C > 1 ? 'ren' : ''} visits the ${place} and pays $${pk} for parking. How much does the family spend in total?`,
      steps: [
        `Adult tickets cost ${op(`${A}*${a}`, A * a)} dollars.`,
        `Child tickets cost ${op(`${C}*${ch}`, C * ch)} dollars.`,
        `With parking, the total is ${op(`${A * a}+${C * ch}+${pk}`, A * a + C * ch + pk)} dollars.`,
      ],
      answer: A * a + C * ch + pk,
    };
  },
  (r, N, op) => {
    const n = r.int(2, 12) * 10,
      h = r.int(6, 10),
      d = r.int(3, 6),
      daily = n * h,
      week = daily * d;
    const b = r.pick([4, 5, 6, 8, 10, 12, 15, 20, 24, 25, 30, 40, 50].filter((x) => week % x === 0));
    const thing = r.pick(['toys', 'jars of jam', 'candles', 'bars of soap', 'water bottles']);
    return {
      q: `A factory makes ${n} ${thing} per hour. It runs for ${h} hours a day, ${d} days a week. The ${thing} are packed in boxes of ${b}. How many boxes are filled each week?`,
      steps: [
        `Each day the factory makes ${op(`${n}*${h}`, daily)} ${thing}.`,
        `Each week it makes ${op(`${daily}*${d}`, week)} ${thing}.`,
        `That fills ${op(`${week}/${b}`, week / b)} boxes.`,
      ],
      answer: week / b,
    };
  },
  (r, N, op) => {
    const x = r.int(10, 90) * 100,
      p = r.pick([10, 20, 25, 50]),
      y = r.int(50, 500),
      g = (x * p) / 100;
    return {
      q: `${N}'s channel had ${x} subscribers. In one month the number grew by ${p}%, and then ${y} people unsubscribed. How many subscribers does the channel have now?`,
      steps: [
        `The channel gained ${op(`${x}*${p}/100`, g)} subscribers.`,
        `That made ${op(`${x}+${g}`, x + g)} subscribers.`,
        `After the unsubscribes, it has ${op(`${x + g}-${y}`, x + g - y)} subscribers.`,
      ],
      answer: x + g - y,
    };
  },
  (r, N, op) => {
    const T = r.pick([30, 40, 45, 60, 75, 90, 120]);
    const d = (60 / gcd(T, 60)) * r.int(1, 3);
    const a = 5 * r.int(1, T / 5 - 2),
      b = 5 * r.int(1, (T - a) / 5 - 1),
      c = T - a - b;
    const total = T * d;
    return {
      q: `${N} spends ${a} minutes cleaning, ${b} minutes cooking and ${c} minutes washing up every day. How many hours does ${N} spend on these chores in ${d} days?`,
      steps: [
        `Each day the chores take ${op(`${a}+${b}+${c}`, T)} minutes.`,
        `In ${d} days that is ${op(`${T}*${d}`, total)} minutes.`,
        `That is ${op(`${total}/60`, total / 60)} hours.`,
      ],
      answer: total / 60,
    };
  },
  (r, N, op) => {
    const q = r.int(1, 12),
      d = r.int(1, 15),
      n = r.int(1, 20);
    return {
      q: `${N} has ${q} quarters, ${d} dimes and ${n} nickels. How many cents does ${N} have?`,
      steps: [
        `The quarters are worth ${op(`${q}*25`, q * 25)} cents.`,
        `The dimes are worth ${op(`${d}*10`, d * 10)} cents.`,
        `The nickels are worth ${op(`${n}*5`, n * 5)} cents.`,
        `Altogether ${N} has ${op(`${q * 25}+${d * 10}+${n * 5}`, q * 25 + d * 10 + n * 5)} cents.`,
      ],
      answer: q * 25 + d * 10 + n * 5,
    };
  },
];

export function mathDoc(rng) {
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
