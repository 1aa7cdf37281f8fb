/**
 * The one text form every fastText model in anneal is trained and queried on, so a model never
 * sees text shaped differently at prediction time than in training. fastText splits on whitespace
 * only, so punctuation and symbols are cut into tokens of their own: `def f(x):` becomes
 * `def f ( x ) :`, which lets code, math and boilerplate be told apart by their symbols.
 * Newlines become spaces because fastText reads one example per line.
 */
const SYMBOL = /([\p{P}\p{S}])/gu;
const WHITESPACE = /\s+/gu;

export function fastTextLine(text: string): string {
  return text.toLowerCase().replace(SYMBOL, ' $1 ').replace(WHITESPACE, ' ').trim();
}

/** fastText's label prefix; anneal labels never carry it outside this package. */
export const LABEL_PREFIX = '__label__';

/** A label as fastText needs it: no whitespace (it would end the token). */
export function checkLabel(label: string): string {
  if (label.length === 0 || /\s/u.test(label)) throw new Error(`label "${label}" must be non-empty and contain no whitespace`);
  return label;
}
