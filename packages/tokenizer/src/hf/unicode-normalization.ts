/**
 * Unicode normalization as `tokenizers` 0.23.3 does it. JavaScript's `String.prototype.normalize`
 * follows the Unicode version of Node's ICU (17 in Node 20.19); the Rust crate `tokenizers` uses has
 * older tables with no decomposition for the characters below (added in Unicode 12.1–16: the Reiwa
 * square era name, Latin modifier letters, Cyrillic/Kawi/Tulu-Tigalari-style additions, segmented
 * digits), so it leaves them unchanged. We leave them unchanged too. The lists are what diffing
 * every code point against Python `tokenizers` 0.23.3 gave; tests/interop re-checks all code points.
 */
type Form = 'NFC' | 'NFD' | 'NFKC' | 'NFKD';

const COMPATIBILITY_KEPT =
  '\\u32ff\\ua7f1-\\ua7f4\\uab69\\u{10781}-\\u{10785}\\u{10787}-\\u{107b0}\\u{107b2}-\\u{107ba}\\u{1ccd6}-\\u{1ccf9}\\u{1e030}-\\u{1e06d}\\u{1f16c}\\u{1fbf0}-\\u{1fbf9}';
const CANONICAL_KEPT =
  '\\u{105c9}\\u{105e4}\\u{11383}\\u{11385}\\u{1138e}\\u{11391}\\u{113c5}\\u{113c7}-\\u{113c8}\\u{11938}\\u{16121}-\\u{16128}\\u{16d68}-\\u{16d6a}';

const KEPT: Record<Form, RegExp | null> = {
  NFC: null,
  NFD: new RegExp(`[${CANONICAL_KEPT}]`, 'u'),
  NFKC: new RegExp(`[${COMPATIBILITY_KEPT}]`, 'u'),
  NFKD: new RegExp(`[${COMPATIBILITY_KEPT}${CANONICAL_KEPT}]`, 'u'),
};

/** `text` in normalization form `form`, with the characters above left as they are. */
export function normalizeUnicode(text: string, form: Form): string {
  const kept = KEPT[form];
  if (!kept?.test(text)) return text.normalize(form);
  let out = '';
  let run = '';
  for (const ch of text) {
    if (kept.test(ch)) {
      out += run.normalize(form) + ch;
      run = '';
    } else run += ch;
  }
  return out + run.normalize(form);
}
