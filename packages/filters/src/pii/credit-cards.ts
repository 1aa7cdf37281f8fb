import { around, findAll, type PiiMatch } from './pii-match.js';

// 13-19 digits in groups of four (Amex 4-6-5) with one kind of separator, or written as one run
const GROUPED = /(?<![\w.,-])(?:\d{4}([ -])\d{4}\1\d{4}\1\d{1,7}|\d{4}([ -])\d{6}\2\d{5})(?![\w]|[.,-]\d)/g;
const RUN = /(?<![\w.,-])\d{13,19}(?![\w]|[.,]\d)/g;
// a run of digits is a card only where the text says so: 16-digit constants are common in code and data
const CARD_WORDS = /\b(?:card|visa|master\s?card|amex|american express|discover|credit|debit|cc|payment|pay)\b[^\n]{0,40}$/i;

/** The Luhn checksum every payment card number passes (and 90 % of random digit strings fail). */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Card brands by leading digits (issuer identification numbers), with the lengths they use. */
function plausibleCard(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19 || /^(\d)\1+$/.test(digits)) return false;
  if (/^4/.test(digits)) return [13, 16, 19].includes(digits.length); // Visa
  if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(digits)) return digits.length === 16; // Mastercard
  if (/^3[47]/.test(digits)) return digits.length === 15; // American Express
  if (/^(6011|65|64[4-9])/.test(digits)) return digits.length >= 16; // Discover
  if (/^35(2[89]|[3-8]\d)/.test(digits)) return digits.length >= 16; // JCB
  if (/^3(0[0-5]|[68])/.test(digits)) return digits.length >= 14; // Diners Club
  return false;
}

export function findCreditCards(text: string): PiiMatch[] {
  const accept = (needsWords: boolean) => (m: RegExpMatchArray, t: string) => {
    const digits = m[0].replace(/\D/g, '');
    if (!plausibleCard(digits) || !passesLuhn(digits)) return false;
    return !needsWords || CARD_WORDS.test(around(t, m, 60).before);
  };
  const grouped = findAll(text, GROUPED, accept(false));
  const runs = findAll(text, RUN, accept(true));
  return [...grouped, ...runs].sort((a, b) => a.start - b.start);
}
