import { around, findAll, type PiiMatch } from './pii-match.js';

// International (E.164 written with spaces, dots or dashes): "+44 20 7946 0958", "+1 (415) 555-2671"
const INTERNATIONAL = /(?<![\w+])\+\d{1,3}(?:[ .-]?\(\d{1,4}\))?(?:[ .-]?\d{1,5}){2,5}(?![\w.-]?\d)/g;
// North American without the country code: "(415) 555-2671", "415-555-2671", "415.555.2671"
const NORTH_AMERICAN = /(?<![\w.+-])(?:\(\d{3}\) ?\d{3}[-. ]\d{4}|\d{3}([-.])\d{3}\1\d{4})(?![\w]|[.-]\d)/g;

/** Phone numbers written the way people write them, with separators; a bare run of digits is not taken for one. */
export function findPhones(text: string): PiiMatch[] {
  const found = [
    ...findAll(text, INTERNATIONAL, (m) => {
      const digits = m[0].replace(/\D/g, '').length;
      return digits >= 8 && digits <= 15;
    }),
    ...findAll(text, NORTH_AMERICAN, (m, t) => {
      // area and exchange codes never start with 0 or 1 (NANP): 100-200-3000 is a range or an id
      const digits = m[0].replace(/\D/g, '');
      if (digits[0] === '0' || digits[0] === '1' || digits[3] === '0' || digits[3] === '1') return false;
      // an ISBN or a part number keeps going with a letter or an x
      const { before } = around(t, m, 6);
      return !/isbn[\s:]*$/i.test(before);
    }),
  ];
  return dropOverlaps(found);
}

function dropOverlaps(matches: PiiMatch[]): PiiMatch[] {
  matches.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: PiiMatch[] = [];
  for (const m of matches) if (out.length === 0 || m.start >= out[out.length - 1]!.end) out.push(m);
  return out;
}
