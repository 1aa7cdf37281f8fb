// spaCy 3.8's English tokenizer exceptions (MIT licence; `spacy.blank('en').tokenizer.rules`), the
// ones that change what the affix rules would do: contractions split as spaCy splits them
// ("don't" → do n't, "gonna" → gon na), and strings kept whole (abbreviations such as "Mr." and
// "e.g.", emoticons). An empty list means "one token, as written". datatrove's filters count words
// with spaCy's tokenizer, so `splitWords` needs the same exceptions to count the same. A data file,
// not code: 1,319 entries.
import TOKENIZER_EXCEPTIONS from './spacy-tokenizer-exceptions.json' with { type: 'json' };

/**
 * A port of spaCy's English tokenizer (spaCy 3.8, `spacy.blank('en')`): the word splitter datatrove
 * 0.10.1 uses (`split_into_words`, `language="en"`) in its Gopher, C4 and FineWeb filters. Each run
 * of non-space characters loses prefixes and suffixes (punctuation, quotes, currency, units, "'s")
 * one at a time until it is an exception or nothing more comes off, then splits at infixes (hyphens
 * between letters, "...", a comma between letters, a dot between a lower- and an upper-case letter).
 * URLs and dotted names ("os.path.join") stay whole. The character classes use Unicode properties
 * where spaCy lists scripts, which only differs on letters outside the scripts spaCy lists.
 */

// escapes for use inside and outside a character class (no list here holds a '-')
const escapeRegExp = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
const alternatives = (items: readonly string[]) => items.map(escapeRegExp).join('|');

const PUNCT = [
  '…',
  '……',
  ',',
  ':',
  ';',
  '!',
  '?',
  '¿',
  '؟',
  '¡',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '<',
  '>',
  '_',
  '#',
  '*',
  '&',
  '。',
  '？',
  '！',
  '，',
  '、',
  '；',
  '：',
  '～',
  '·',
  '।',
  '،',
  '۔',
  '؛',
  '٪',
];
const QUOTES = [
  "'",
  '"',
  '”',
  '“',
  '`',
  '‘',
  '´',
  '’',
  '‚',
  ',',
  '„',
  '»',
  '«',
  '「',
  '」',
  '『',
  '』',
  '（',
  '）',
  '〔',
  '〕',
  '【',
  '】',
  '《',
  '》',
  '〈',
  '〉',
  '〈',
  '〉',
  '⟦',
  '⟧',
];
const CURRENCY = [
  '$',
  '£',
  '€',
  '¥',
  '฿',
  'US$',
  'C$',
  'A$',
  '₽',
  '﷼',
  '₴',
  '₠',
  '₡',
  '₢',
  '₣',
  '₤',
  '₥',
  '₦',
  '₧',
  '₨',
  '₩',
  '₪',
  '₫',
  '₭',
  '₮',
  '₯',
  '₰',
  '₱',
  '₲',
  '₳',
  '₵',
  '₶',
  '₷',
  '₸',
  '₹',
  '₺',
  '₻',
  '₼',
  '₾',
  '₿',
];
const UNITS =
  'km|km²|km³|m|m²|m³|dm|dm²|dm³|cm|cm²|cm³|mm|mm²|mm³|ha|µm|nm|yd|in|ft|kg|g|mg|µg|t|lb|oz|m/s|km/h|kmh|mph|hPa|Pa|mbar|mb|MB|kb|KB|gb|GB|tb|TB|T|G|M|K|%|км|км²|км³|м|м²|м³|дм|дм²|дм³|см|см²|см³|мм|мм²|мм³|нм|кг|г|мг|м/с|км/ч|кПа|Па|мбар|Кб|КБ|кб|Мб|МБ|мб|Гб|ГБ|гб|Тб|ТБ|тбكم|كم²|كم³|م|م²|م³|سم|سم²|سم³|مم|مم²|مم³|كم|غرام|جرام|جم|كغ|ملغ|كوب|اكواب'.split(
    '|',
  );
const HYPHENS = ['-', '–', '—', '--', '---', '——', '~'];
const ELLIPSES = '\\.\\.+|…';
const ICONS = '\\p{So}';
const CONCAT_QUOTES = escapeRegExp(QUOTES.join(''));
const ALPHA = '\\p{L}';
const LOWER = '\\p{Ll}';
const UPPER = '\\p{Lu}';
// spaCy's class "[0-9{ALPHA_LOWER}%²\-\+{PUNCT}(?:{QUOTES})]" takes PUNCT's `|` and the `(?:)` literally
const BEFORE_SUFFIX_DOT = `[0-9${LOWER}%²\\-+${escapeRegExp(PUNCT.join('') + '|(?:)')}${CONCAT_QUOTES}]`;

const PREFIX = new RegExp(
  `^(?:${['§', '%', '=', '—', '–'].map(escapeRegExp).join('|')}|\\+(?![0-9])|${alternatives(PUNCT)}|${ELLIPSES}|${alternatives(QUOTES)}|${alternatives(CURRENCY)}|${ICONS})`,
  'u',
);
const SUFFIX = new RegExp(
  [
    ...PUNCT.map(escapeRegExp),
    ELLIPSES,
    ...QUOTES.map(escapeRegExp),
    ICONS,
    "'s",
    "'S",
    '’s',
    '’S',
    '—',
    '–',
    '(?<=[0-9])\\+',
    '(?<=°[FfCcKk])\\.',
    `(?<=[0-9])(?:${alternatives(CURRENCY)})`,
    `(?<=[0-9])(?:${alternatives(UNITS)})`,
    `(?<=${BEFORE_SUFFIX_DOT})\\.`,
    `(?<=[${UPPER}][${UPPER}])\\.`,
  ]
    .map((piece) => `(?:${piece})$`)
    .join('|'),
  'u',
);
const INFIX = new RegExp(
  [
    ELLIPSES,
    ICONS,
    '(?<=[0-9])[+\\-*^](?=[0-9-])',
    `(?<=[${LOWER}${CONCAT_QUOTES}])\\.(?=[${UPPER}${CONCAT_QUOTES}])`,
    `(?<=[${ALPHA}]),(?=[${ALPHA}])`,
    `(?<=[${ALPHA}0-9])(?:${alternatives(HYPHENS)})(?=[${ALPHA}])`,
    `(?<=[${ALPHA}0-9])[:<>=/](?=[${ALPHA}])`,
  ].join('|'),
  'gu',
);
// spaCy's URL_MATCH (after Diego Perini's URL regex, MIT), as spaCy modified it
const HOST_CHAR = 'A-Za-z0-9\\u00a1-\\uffff';
const URL_MATCH = new RegExp(
  '^(?:(?:[\\w+\\-.]{2,})://)?(?:\\S+(?::\\S*)?@)?(?:' +
    '(?!(?:10|127)(?:\\.\\d{1,3}){3})(?!(?:169\\.254|192\\.168)(?:\\.\\d{1,3}){2})(?!172\\.(?:1[6-9]|2\\d|3[0-1])(?:\\.\\d{1,3}){2})' +
    '(?:[1-9]\\d?|1\\d\\d|2[01]\\d|22[0-3])(?:\\.(?:1?\\d{1,2}|2[0-4]\\d|25[0-5])){2}(?:\\.(?:[1-9]\\d?|1\\d\\d|2[0-4]\\d|25[0-4]))' +
    `|(?:(?:[${HOST_CHAR}][${HOST_CHAR}_-]{0,62})?[${HOST_CHAR}]\\.)+(?:[${LOWER}]{2,63}))` +
    '(?::\\d{2,5})?(?:[/?#]\\S*)?$',
  'u',
);

const exceptions = new Map<string, readonly string[]>(Object.entries(TOKENIZER_EXCEPTIONS as Record<string, string[]>));
const matchLength = (re: RegExp, s: string) => re.exec(s)?.[0].length ?? 0;
const suffixLength = (s: string) => {
  const m = SUFFIX.exec(s);
  return m ? s.length - m.index : 0;
};

// No prefix, suffix, infix or URL rule applies to a run of letters alone or of digits alone
const PLAIN = /^(?:\p{L}+|[0-9]+)$/u;

/** Pushes the tokens of one run of non-space characters onto `out`. */
function tokenizeChunk(chunk: string, out: string[]): void {
  const prefixes: string[] = [];
  const suffixes: string[] = [];
  let s = chunk;
  let lastSize = -1;
  while (s.length > 0 && s.length !== lastSize) {
    if (exceptions.has(s)) break;
    lastSize = s.length;
    const pre = matchLength(PREFIX, s);
    if (pre > 0 && s.length > pre && exceptions.has(s.slice(pre))) {
      prefixes.push(s.slice(0, pre));
      s = s.slice(pre);
      break;
    }
    const suf = suffixLength(s.slice(pre));
    if (suf > 0 && s.length > suf && exceptions.has(s.slice(0, -suf))) {
      suffixes.push(s.slice(-suf));
      s = s.slice(0, -suf);
      break;
    }
    if (pre > 0 && suf > 0 && pre + suf <= s.length) {
      prefixes.push(s.slice(0, pre));
      suffixes.push(s.slice(s.length - suf));
      s = s.slice(pre, s.length - suf);
    } else if (pre > 0) {
      prefixes.push(s.slice(0, pre));
      s = s.slice(pre);
    } else if (suf > 0) {
      suffixes.push(s.slice(s.length - suf));
      s = s.slice(0, s.length - suf);
    }
  }
  out.push(...prefixes);
  if (s.length > 0) {
    const exception = exceptions.get(s);
    if (exception) out.push(...(exception.length > 0 ? exception : [s]));
    else if (URL_MATCH.test(s)) out.push(s);
    else {
      let start = 0;
      for (const m of s.matchAll(INFIX)) {
        const at = m.index;
        if (at === 0) continue; // an infix at the very start is not a split (spaCy skips it too)
        if (at !== start) out.push(s.slice(start, at));
        if (m[0].length > 0) out.push(m[0]);
        start = at + m[0].length;
      }
      if (start < s.length) out.push(s.slice(start));
    }
  }
  for (let i = suffixes.length - 1; i >= 0; i--) out.push(suffixes[i]!);
}

// Tokens of recently seen chunks ("said,", "(the"), as spaCy caches them: words repeat, and the affix
// rules cost far more than a lookup. Cleared when full, so its memory stays bounded.
const CACHE_ENTRIES = 50_000;
const CACHEABLE_CHARS = 64;
const cache = new Map<string, string[]>();

/**
 * Calls `fn` with each spaCy English token of `text` in order, whitespace tokens left out (as
 * datatrove's `split_into_words`), without building the list: a step that only counts or hashes
 * words holds one token at a time.
 */
export function forEachSpacyWord(text: string, fn: (token: string) => void): void {
  const chunks = /\S+/gu;
  for (let m = chunks.exec(text); m !== null; m = chunks.exec(text)) {
    const chunk = m[0];
    if (PLAIN.test(chunk) && !exceptions.has(chunk)) {
      fn(chunk);
      continue;
    }
    let tokens = cache.get(chunk);
    if (!tokens) {
      tokens = [];
      tokenizeChunk(chunk, tokens);
      if (chunk.length <= CACHEABLE_CHARS) {
        if (cache.size >= CACHE_ENTRIES) cache.clear();
        cache.set(chunk, tokens);
      }
    }
    for (const t of tokens) fn(t);
  }
}

/** spaCy English tokens of `text`, whitespace tokens left out (as datatrove's `split_into_words`). */
export function spacyWords(text: string): string[] {
  const out: string[] = [];
  forEachSpacyWord(text, (t) => out.push(t));
  return out;
}
