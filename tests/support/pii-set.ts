import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SeededRng } from '@anneal/core';
import { passesLuhn, type PiiKindName } from '@anneal/filters';

/**
 * A labeled PII set built from real text (../shared/datasets/real/): WikiText articles, Shakespeare,
 * CPython modules and GSM8K solutions, with personal data of every kind planted in sentences
 * (positives) and look-alikes that are not personal data planted in code and math (versions,
 * section numbers, decimals, dates, hashes, UUIDs, times, slices, ISBNs, big constants: negatives).
 */
export interface Planted {
  start: number;
  end: number;
  /** The kind it is, or null for a look-alike that must be left alone. */
  kind: PiiKindName | null;
  text: string;
}

export interface PiiLabeledDocument {
  id: string;
  text: string;
  /** The host before planting: what the detectors find there is reviewed apart (see the test). */
  host: string;
  planted: Planted[];
}

type Generator = (rng: SeededRng) => string;

/** An integer in [min, max): SeededRng.int includes its max. */
const below = (rng: SeededRng, min: number, max: number) => rng.int(min, max - 1);

const NAMES = ['anna', 'li.wei', 'j.smith', 'maria_garcia', 'o.nowak', 'kenji', 'fatima.z', 'p.dubois', 'sam+news', 'Ahmed.Khan'];
const DOMAINS = [
  'gmail.com',
  'posteo.de',
  'uni-heidelberg.de',
  'mail.co.uk',
  'acme-corp.io',
  'orange.fr',
  'cs.stanford.edu',
  'yahoo.co.jp',
  'startup.ai',
  'web.net',
];

const byte = (rng: SeededRng, min = 0) => below(rng, min, 256);
const hex4 = (rng: SeededRng) => below(rng, 0, 0x10000).toString(16);

/** A card number of `prefix` and `length` that passes Luhn. */
function cardNumber(rng: SeededRng, prefix: string, length: number): string {
  let digits = prefix;
  while (digits.length < length - 1) digits += String(below(rng, 0, 10));
  for (let check = 0; check < 10; check++) if (passesLuhn(digits + check)) return digits + check;
  throw new Error('unreachable: one check digit always fits');
}

const POSITIVES: Record<PiiKindName, Generator> = {
  email: (rng) => `${rng.pick(NAMES)}${rng.chance(0.3) ? below(rng, 1, 99) : ''}@${rng.pick(DOMAINS)}`,
  ipv4: (rng) => {
    // public unicast: first octet 11-223 outside the private and shared ranges
    let a = below(rng, 11, 224);
    while ([100, 127, 169, 172, 192].includes(a)) a = below(rng, 11, 224);
    return `${a}.${byte(rng)}.${byte(rng)}.${byte(rng, 1)}`;
  },
  ipv6: (rng) => {
    const head = rng.pick(['2a02', '2606', '2001:4860', '2a00:1450', '2607:f8b0']);
    return rng.chance(0.5)
      ? `${head}:${Array.from({ length: 8 - head.split(':').length }, () => hex4(rng)).join(':')}`
      : `${head}:${hex4(rng)}::${hex4(rng)}:${hex4(rng)}`;
  },
  phone: (rng) => {
    const area = () => `${below(rng, 2, 10)}${below(rng, 0, 10)}${below(rng, 0, 10)}`;
    const line = () => String(below(rng, 0, 10000)).padStart(4, '0');
    return rng.pick([
      () => `(${area()}) ${area()}-${line()}`,
      () => `${area()}-${area()}-${line()}`,
      () => `${area()}.${area()}.${line()}`,
      () => `+1 ${area()} ${area()} ${line()}`,
      () => `+44 20 ${below(rng, 7000, 8000)} ${line()}`,
      () => `+33 1 ${below(rng, 10, 100)} ${below(rng, 10, 100)} ${below(rng, 10, 100)} ${below(rng, 10, 100)}`,
      () => `+49 30 ${below(rng, 1000000, 10000000)}`,
    ])();
  },
  credit_card: (rng) => {
    const [prefix, length] = rng.pick([
      ['4', 16],
      ['51', 16],
      ['55', 16],
      ['2221', 16],
      ['34', 15],
      ['37', 15],
      ['6011', 16],
    ] as [string, number][]);
    const n = cardNumber(rng, prefix, length);
    const sep = rng.pick([' ', '-']);
    if (length === 15) return `${n.slice(0, 4)}${sep}${n.slice(4, 10)}${sep}${n.slice(10)}`;
    return n.match(/.{4}/g)!.join(sep);
  },
};

const CARRIERS: Record<PiiKindName, string[]> = {
  email: ['You can write to me at {} if you have questions.', 'Contact: {}', 'Send the form to {} before Friday.'],
  ipv4: ['The requests came from {} during the night.', 'Our server at {} was down for an hour.', 'Blocked host: {}'],
  ipv6: ['The client connected from {} over IPv6.', 'Her home router shows the address {} in its logs.'],
  phone: ['Call me on {} after six.', 'For bookings, phone {} or visit the office.', 'Tel. {}'],
  credit_card: ['I paid with my card {} and it was charged twice.', 'Card number: {}', 'Please refund to {} as soon as possible.'],
};

/** Look-alikes that code and math are full of; none is personal data. */
const NEGATIVES: Generator[] = [
  (rng) => `__version__ = "${below(rng, 1, 10)}.${below(rng, 0, 30)}.${below(rng, 0, 30)}.${below(rng, 0, 300)}"`,
  (rng) => `pip install somepackage==${below(rng, 1, 10)}.${below(rng, 0, 40)}.${below(rng, 0, 20)}.${below(rng, 0, 9)}`,
  (rng) => `see section ${below(rng, 1, 10)}.${below(rng, 1, 10)}.${below(rng, 1, 10)}.${below(rng, 10, 99)} of the specification`,
  (rng) => `x = ${below(rng, 0, 100)}.${String(below(rng, 0, 1e6)).padStart(6, '0')}`,
  (rng) => `released on ${below(rng, 1990, 2030)}-${String(below(rng, 1, 13)).padStart(2, '0')}-${String(below(rng, 1, 29)).padStart(2, '0')}`,
  (rng) =>
    `dated ${String(below(rng, 1, 29)).padStart(2, '0')}.${String(below(rng, 1, 13)).padStart(2, '0')}.${below(rng, 1990, 2030)} and ${below(rng, 1, 13)}/${below(rng, 1, 29)}/${below(rng, 1990, 2030)}`,
  (rng) => `commit ${Array.from({ length: 40 }, () => below(rng, 0, 16).toString(16)).join('')}`,
  (rng) => `sha256: ${Array.from({ length: 64 }, () => below(rng, 0, 16).toString(16)).join('')}`,
  (rng) => `id = "${hex4(rng)}${hex4(rng)}-${hex4(rng)}-4${hex4(rng).slice(1)}-a${hex4(rng).slice(1)}-${hex4(rng)}${hex4(rng)}${hex4(rng)}"`,
  (rng) => `at ${below(rng, 0, 24)}:${String(below(rng, 0, 60)).padStart(2, '0')}:${String(below(rng, 0, 60)).padStart(2, '0')} the job restarted`,
  () => `evens = items[::2]; std::vector<int> v; a::b::c`,
  (rng) => `ISBN 978-${below(rng, 0, 2)}-${below(rng, 100, 999)}-${below(rng, 10000, 99999)}-${below(rng, 0, 10)}`,
  (rng) => `MASK = ${below(rng, 1e15, 9e15)}  # 16-digit constant`,
  (rng) =>
    `${below(rng, 100, 999)} * ${below(rng, 100, 999)} = ${below(rng, 10000, 999999)}, then ${below(rng, 1000, 9999)} - ${below(rng, 100, 999)}`,
  (rng) => `matrix = a@b.T + c@d.shape`,
  (rng) => `connect to 192.168.${byte(rng)}.${byte(rng, 1)} or 10.${byte(rng)}.${byte(rng)}.${byte(rng, 1)} on the LAN`,
];

function hosts(real: string): string[] {
  const out: string[] = [];
  for (const article of readFileSync(join(real, 'wikitext2-test.txt'), 'utf8').split(/\n (?= = [^=])/))
    if (article.length > 2000) out.push(article.trim());
  const play = readFileSync(join(real, 'tinyshakespeare.txt'), 'utf8').split('\n\n');
  for (let i = 0; i + 20 <= play.length; i += 20) out.push(play.slice(i, i + 20).join('\n\n'));
  for (const line of readFileSync(join(real, 'python-stdlib-code.jsonl'), 'utf8').split('\n').filter(Boolean))
    out.push((JSON.parse(line) as { text: string }).text);
  const math = readFileSync(join(real, 'gsm8k-train.jsonl'), 'utf8').split('\n').filter(Boolean).slice(0, 2000);
  for (let i = 0; i + 10 <= math.length; i += 10) {
    out.push(
      math
        .slice(i, i + 10)
        .map((l) => {
          const r = JSON.parse(l) as { question: string; answer: string };
          return `${r.question}\n${r.answer}`;
        })
        .join('\n\n'),
    );
  }
  return out;
}

/** Every host gets two planted snippets (positives or negatives), at line boundaries. */
export function buildPiiSet(real: string, seed = 14): PiiLabeledDocument[] {
  const rng = new SeededRng(seed, 'pii-set');
  const kinds = Object.keys(POSITIVES) as PiiKindName[];
  return hosts(real).map((host, i) => {
    const lines = host.split('\n');
    const snippets: { kind: PiiKindName | null; value: string; line: string }[] = [];
    for (let k = 0; k < 2; k++) {
      if (rng.chance(0.6)) {
        const kind = rng.pick(kinds);
        const value = POSITIVES[kind](rng);
        snippets.push({ kind, value, line: rng.pick(CARRIERS[kind]).replace('{}', value) });
      } else {
        const value = rng.pick(NEGATIVES)(rng);
        snippets.push({ kind: null, value, line: value });
      }
    }
    for (const s of snippets) lines.splice(rng.int(0, lines.length), 0, s.line);
    const text = lines.join('\n');
    // positions found after joining, each snippet's line searched from the start of its own line
    const planted: Planted[] = [];
    let from = 0;
    const order = snippets.map((s) => ({ s, at: text.indexOf(`${s.line}`) })).sort((a, b) => a.at - b.at);
    for (const { s } of order) {
      const lineAt = text.indexOf(s.line, from);
      const start = lineAt + s.line.indexOf(s.value);
      planted.push({ start, end: start + s.value.length, kind: s.kind, text: s.value });
      from = lineAt + s.line.length;
    }
    return { id: `pii-${i}`, text, host, planted };
  });
}
