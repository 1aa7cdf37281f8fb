import { HEADING_TAGS, type HtmlNode } from './html-tree.js';
import { BLOCK_TAGS } from './boilerplate-rules.js';

export interface RenderOptions {
  includeTables: boolean;
  /** A paragraph whose linked text exceeds this share is navigation (a list of links), not content. */
  maxLinkDensity: number;
  /** Paragraphs shorter than this (characters) are dropped unless they are headings or list items of prose. */
  minParagraphChars: number;
}

interface Paragraph {
  text: string;
  links: number;
  chars: number;
  heading: boolean;
  /** Rows and list items join with one newline; other blocks with a blank line. */
  tight: boolean;
  /** From <pre>: code or verse, kept as written whatever its length. */
  preformatted: boolean;
}

const TABLE_TAGS = new Set(['table']);
const MIN_LABEL_RUN = 6;

/**
 * Writes the text of the chosen elements: one paragraph per block element (blank lines between,
 * one newline between list items and table rows), whitespace collapsed as a browser shows it
 * (except in <pre>), <br> as a line break, table cells separated by " | ". Walks with an explicit
 * stack, so a deep tree cannot overflow the call stack.
 */
export function renderText(nodes: readonly HtmlNode[], options: RenderOptions): string {
  const paragraphs: Paragraph[] = [];
  let parts: string[] = [];
  let chars = 0;
  let links = 0;
  let heading = false;
  let tight = false;
  let inPre = 0;
  let inLink = 0;

  const flush = () => {
    const raw = parts.join('');
    parts = [];
    const text =
      inPre > 0
        ? raw.replace(/^\n+|\s+$/g, '')
        : raw
            .replace(/[ \t\r\f\u00a0]+/g, ' ')
            .replace(/ ?\n ?/g, '\n')
            .trim();
    if (text) paragraphs.push({ text, links, chars, heading, tight, preformatted: inPre > 0 });
    chars = 0;
    links = 0;
    heading = false;
    tight = false;
  };

  // Stack entries: a node to enter, or a marker to leave one (its closing tag).
  const stack: (HtmlNode | { leave: HtmlNode })[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) stack.push(nodes[i]!);
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ('leave' in item) {
      const el = item.leave;
      if (el.tag === 'a') inLink--;
      if (el.tag === 'td' || el.tag === 'th') parts.push(' | ');
      else if (BLOCK_TAGS.has(el.tag)) flush();
      if (el.tag === 'pre') inPre--; // after the flush, which writes the block as preformatted
      continue;
    }
    const el = item;
    if (el.tag === '#text') {
      const text = el.text;
      parts.push(inPre > 0 ? text : text.replace(/\s+/g, ' '));
      const n = text.trim().length;
      chars += n;
      if (inLink > 0) links += n;
      continue;
    }
    if (el.removed) continue;
    if (!options.includeTables && TABLE_TAGS.has(el.tag)) continue;
    if (el.tag === 'br') {
      parts.push('\n');
      continue;
    }
    if (el.tag === 'td' || el.tag === 'th') {
      // cells of a row stay on one line
      stack.push({ leave: el });
      for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]!);
      continue;
    }
    if (BLOCK_TAGS.has(el.tag)) {
      flush();
      if (HEADING_TAGS.has(el.tag)) heading = true;
      if (el.tag === 'li' || el.tag === 'tr' || el.tag === 'dt' || el.tag === 'dd') tight = true;
    }
    if (el.tag === 'pre') inPre++;
    if (el.tag === 'a') inLink++;
    stack.push({ leave: el });
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]!);
  }
  flush();

  const verdicts = paragraphs.map((p) => keep(p, options));
  // A heading or a short label ("More on this topic", "Tags:") stands for what follows it: when the
  // next paragraph of text is dropped (a list of links), the label goes with it.
  let nextText = false;
  for (let i = paragraphs.length - 1; i >= 0; i--) {
    if (isLabel(paragraphs[i]!)) verdicts[i] = verdicts[i]! && nextText;
    else nextText = verdicts[i]!;
  }
  // Three or more labels in a row with no text between them are a list of teasers or links.
  for (let i = 0; i < paragraphs.length; ) {
    let j = i;
    while (j < paragraphs.length && isLabel(paragraphs[j]!)) j++;
    if (j - i >= MIN_LABEL_RUN) for (let k = i; k < j; k++) verdicts[k] = false;
    i = Math.max(j, i + 1);
  }
  const kept = paragraphs.filter((_, i) => verdicts[i]);
  let out = '';
  let previous = '';
  let previousTight = false;
  for (const p of kept) {
    const text = p.text.replace(/(?:\s*\|\s*)+$/, '').replace(/^\|\s*/, '');
    if (!text || text === previous) continue; // repeated blocks (a title shown twice) once
    out += out === '' ? text : (p.tight && previousTight ? '\n' : '\n\n') + text;
    previous = text;
    previousTight = p.tight;
  }
  return out;
}

function isLabel(p: Paragraph): boolean {
  if (p.preformatted) return false;
  return p.heading || (p.chars < 80 && !p.tight && !/[.!?。！？]["'”’»)]?$/.test(p.text));
}

function keep(p: Paragraph, options: RenderOptions): boolean {
  if (p.chars === 0) return false;
  const density = p.links / p.chars;
  if (density > options.maxLinkDensity && !(p.heading && density < 1)) return false;
  if (p.heading || p.tight || p.preformatted) return true;
  return p.chars >= options.minParagraphChars || /[.!?。！？:;]$/.test(p.text);
}
