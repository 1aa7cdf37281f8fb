import { Parser } from 'htmlparser2';

/** An element of a parsed page; text lives in `text` children (tag "#text"). */
export interface HtmlNode {
  tag: string;
  /** class, id, role and itemprop, lower-cased and space-joined: what boilerplate rules look at. */
  names: string;
  attrs: Record<string, string> | undefined;
  parent: HtmlNode | undefined;
  children: HtmlNode[];
  /** Text of a "#text" node, as in the page (entities decoded). */
  text: string;
  /** Filled by the scoring pass: characters of text inside (whitespace collapsed), and of that inside links. */
  textLength: number;
  linkLength: number;
  removed: boolean;
}

export interface ParsedPage {
  root: HtmlNode;
  /** Every element in document order (pre-order): a reverse loop visits children before parents. */
  elements: HtmlNode[];
  title: string;
  /** `<meta name|property|itemprop=...>` contents by lower-cased key (first one wins). */
  meta: Map<string, string>;
  htmlLang: string | undefined;
  /** `<time datetime>` values and JSON-LD blocks, for the date and author. */
  times: string[];
  jsonLd: string[];
}

/** Elements whose content is never text a reader sees (<noscript> is kept: some sites put the article there for readers without JavaScript). */
const SKIPPED = new Set(['script', 'style', 'template', 'svg', 'math', 'iframe', 'object', 'canvas', 'video', 'audio', 'map', 'title']);
/** Attributes kept for later rules; others are dropped at parse time to save memory. */
const KEPT_ATTRS = new Set(['hidden', 'aria-hidden', 'style']);
/**
 * Nesting deeper than this is flattened (deeper tags are ignored, their text kept in the deepest
 * element). Real pages stay far below it; 100,000 nested <div>s do not overflow anything.
 */
export const MAX_DEPTH = 200;

function element(tag: string, parent: HtmlNode | undefined): HtmlNode {
  return { tag, names: '', attrs: undefined, parent, children: [], text: '', textLength: 0, linkLength: 0, removed: false };
}

/** Parses HTML with htmlparser2's forgiving tokenizer (as browsers, it never rejects a page) into an element tree. */
export function parseHtml(html: string): ParsedPage {
  const root = element('#root', undefined);
  const elements: HtmlNode[] = [root];
  const meta = new Map<string, string>();
  const times: string[] = [];
  const jsonLd: string[] = [];
  let title = '';
  let htmlLang: string | undefined;
  let current = root;
  let depth = 0;
  // Tags opened but not made into elements (too deep), so their closing tags close nothing.
  let ignoredOpen = 0;
  // Inside <script>, <style>, ...: the name of the outermost skipped element and how deep in it we are.
  let skipping: string | undefined;
  let skipDepth = 0;
  let inTitle = false;
  let inJsonLd = false;
  let scriptText = '';

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === 'title') inTitle = title === '';
        else if (name === 'meta') {
          const key = (attribs.property ?? attribs.name ?? attribs.itemprop ?? attribs['http-equiv'] ?? '').toLowerCase();
          if (key && attribs.content !== undefined && !meta.has(key)) meta.set(key, attribs.content);
        }
        else if (name === 'html' && attribs.lang) htmlLang ??= attribs.lang;
        else if (name === 'time' && attribs.datetime) times.push(attribs.datetime);
        if (skipping !== undefined) {
          if (name === skipping) skipDepth++;
          return;
        }
        if (SKIPPED.has(name) && !VOID.has(name)) {
          skipping = name;
          skipDepth = 1;
          if (name === 'script' && /ld\+json/i.test(attribs.type ?? '')) inJsonLd = true;
          return;
        }
        if (depth >= MAX_DEPTH || name === 'html' || name === 'body') {
          ignoredOpen += depth >= MAX_DEPTH ? 1 : 0;
          return;
        }
        const node = element(name, current);
        let names = '';
        for (const key in attribs) {
          const value = attribs[key]!;
          if (key === 'class' || key === 'id' || key === 'role' || key === 'itemprop') {
            if (value) names = names === '' ? value : `${names} ${value}`;
          } else if (KEPT_ATTRS.has(key)) (node.attrs ??= {})[key] = value;
        }
        node.names = names === '' ? names : roleNames(names.toLowerCase());
        current.children.push(node);
        elements.push(node);
        if (!VOID.has(name)) {
          current = node;
          depth++;
        }
      },
      ontext(text) {
        if (inTitle) title += text;
        if (skipping !== undefined) {
          if (inJsonLd) scriptText += text;
          return;
        }
        const last = current.children[current.children.length - 1];
        if (last?.tag === '#text') last.text += text;
        else {
          const node = element('#text', current);
          node.text = text;
          node.textLength = -1; // measured on first use
          current.children.push(node);
        }
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
        if (skipping !== undefined) {
          if (name === skipping && --skipDepth === 0) {
            skipping = undefined;
            if (inJsonLd) jsonLd.push(scriptText);
            inJsonLd = false;
            scriptText = '';
          }
          return;
        }
        if (name === 'html' || name === 'body' || VOID.has(name)) return;
        if (ignoredOpen > 0 && depth >= MAX_DEPTH) {
          ignoredOpen--;
          return;
        }
        // htmlparser2 reports implied closes too, so the tag closed is always the current one.
        if (current !== root && current.tag === name) {
          current = current.parent!;
          depth--;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.end(html);
  return { root, elements, title: title.replace(/\s+/g, ' ').trim(), meta, htmlLang, times, jsonLd };
}

export const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/**
 * Class / id tokens that describe an element's role. CMS state and taxonomy tokens ("tag-berlin",
 * "category-news", "has-sidebar", "status-publish" on a WordPress post) say nothing about the
 * element's role and would match "tag" or "sidebar", so they are dropped.
 */
function roleNames(names: string): string {
  if (names.includes('--')) names = names.replace(/--[\w-]*/g, ''); // BEM modifiers ("section--ads") are states, not roles
  if (!STATE_TOKEN.test(names)) return names;
  return names
    .split(/\s+/)
    .filter((t) => !STATE_TOKEN_WHOLE.test(t))
    .join(' ');
}
const STATE_TOKEN = /(?:^|\s)(?:tag|tags|category|categories|type|status|format|has|no|with|is|without|author|lang|language)-/;
const STATE_TOKEN_WHOLE = /^(?:tag|tags|category|categories|type|status|format|has|no|with|is|without|author|lang|language)-/;
