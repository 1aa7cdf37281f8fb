/**
 * Small string helpers for generated text: capitalisation, title case, articles, thousands separators, identifier case.
 */
export const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);

const SMALL_WORDS = new Set(['a', 'an', 'the', 'and', 'or', 'of', 'to', 'in', 'on', 'at', 'for', 'with', 'by', 'from', 'your', 'you', 'is', 'vs']);

export const titleCase = (s) =>
  s
    .split(' ')
    .map((w, i) => (i > 0 && SMALL_WORDS.has(w) ? w : cap(w)))
    .join(' ');

export const article = (w) => (/^[aeiou]/i.test(w) && !/^(uni|use|one|eu)/i.test(w) ? 'an' : 'a');

/** 12 -> '12th', 21 -> '21st': a century as an ordinal. */
export const ordinalCentury = (c) =>
  `${c}${c === 11 || c === 12 || c === 13 ? 'th' : c % 10 === 1 ? 'st' : c % 10 === 2 ? 'nd' : c % 10 === 3 ? 'rd' : 'th'}`;

export const commas = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export const snakeToCamel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

export const pascal = (s) => cap(snakeToCamel(s));

export const wordCount = (s) => s.split(/\s+/).filter(Boolean).length;
