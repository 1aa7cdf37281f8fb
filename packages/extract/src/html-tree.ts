import { createRequire } from 'node:module';
import type * as Htmlparser2 from 'htmlparser2';

/**
 * htmlparser2 (about 30 modules) is required on the first page parsed, not when @anneal/extract is
 * imported: the pipeline's step registry imports every step package, and `anneal validate` or a
 * pipeline without `extract` never parses HTML. `require` keeps parsing synchronous.
 */
let loadedTokenizer: typeof Htmlparser2.Tokenizer | undefined;
function htmlTokenizer(): typeof Htmlparser2.Tokenizer {
  return (loadedTokenizer ??= (createRequire(import.meta.url)('htmlparser2') as typeof Htmlparser2).Tokenizer);
}

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
/**
 * Nesting deeper than this is flattened (deeper tags are ignored, their text kept in the deepest
 * element). Real pages stay far below it; 100,000 nested <div>s do not overflow anything.
 */
export const MAX_DEPTH = 200;

function element(tag: string, parent: HtmlNode | undefined): HtmlNode {
  return { tag, names: '', attrs: undefined, parent, children: [], text: '', textLength: 0, linkLength: 0, removed: false };
}

/** Attributes read at all; the values of others are never even sliced out of the page. */
const READ_ATTRS = new Set([
  'class',
  'id',
  'role',
  'itemprop',
  'hidden',
  'aria-hidden',
  'style',
  'lang',
  'datetime',
  'type',
  'property',
  'name',
  'http-equiv',
  'content',
]);
const ROLE_ATTRS = new Set(['class', 'id', 'role', 'itemprop']);
/** The heading elements, <h1> to <h6>. */
export const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Opening one of these closes an open <p> (the HTML standard's rule, for the common case of the <p> being current). */
const CLOSES_P = new Set([
  'p',
  'div',
  'ul',
  'ol',
  'dl',
  'table',
  'pre',
  'blockquote',
  'section',
  'article',
  'aside',
  'header',
  'footer',
  'nav',
  'main',
  'form',
  ...HEADING_TAGS,
  'hr',
  'figure',
  'address',
  'details',
  'fieldset',
  'menu',
]);
/** Elements an opening tag of the same family closes, up to the container that bounds them. */
const SIBLING_CLOSE: Record<string, { closes: readonly string[]; boundary: readonly string[] }> = {
  li: { closes: ['li'], boundary: ['ul', 'ol', 'menu'] },
  dt: { closes: ['dt', 'dd'], boundary: ['dl'] },
  dd: { closes: ['dt', 'dd'], boundary: ['dl'] },
  td: { closes: ['td', 'th'], boundary: ['tr', 'table'] },
  th: { closes: ['td', 'th'], boundary: ['tr', 'table'] },
  tr: { closes: ['tr', 'td', 'th'], boundary: ['table', 'thead', 'tbody', 'tfoot'] },
  option: { closes: ['option'], boundary: ['select', 'datalist'] },
};

/**
 * Parses HTML with htmlparser2's Tokenizer (forgiving, as browsers: it never rejects a page) into
 * an element tree built here, with the HTML standard's common implied closes. htmlparser2's own
 * Parser keeps its open-element stack with Array.unshift, quadratic in the nesting depth (100,000
 * nested tags take seconds); this builder's stack never grows past MAX_DEPTH.
 */
export function parseHtml(html: string): ParsedPage {
  const root = element('#root', undefined);
  const elements: HtmlNode[] = [root];
  const meta = new Map<string, string>();
  const times: string[] = [];
  const jsonLd: string[] = [];
  let title = '';
  let htmlLang: string | undefined;
  const stack: HtmlNode[] = [root]; // open elements; the last is where content goes
  // Tags opened past MAX_DEPTH: not made into elements, and their closing tags close nothing.
  let ignoredOpen = 0;
  // Inside <script>, <style>, ...: the outermost skipped element's name and how deep in it we are.
  let skipping: string | undefined;
  let skipDepth = 0;
  let inTitle = false;
  let inJsonLd = false;
  let scriptText = '';
  // The tag being read.
  let tagName = '';
  let attrs: Record<string, string> = {};
  let attrName: string | undefined;
  let attrValue = '';

  const appendText = (text: string) => {
    if (inTitle) title += text;
    if (skipping !== undefined) {
      if (inJsonLd) scriptText += text;
      return;
    }
    const current = stack[stack.length - 1]!;
    const last = current.children[current.children.length - 1];
    if (last?.tag === '#text') last.text += text;
    else {
      const node = element('#text', current);
      node.text = text;
      node.textLength = -1; // measured on first use
      current.children.push(node);
    }
  };

  const popTo = (index: number) => {
    stack.length = Math.max(1, index);
  };

  const open = (name: string, selfClosing: boolean) => {
    if (name === 'title') inTitle = title === '' && !selfClosing;
    else if (name === 'meta') {
      const key = (attrs.property ?? attrs.name ?? attrs.itemprop ?? attrs['http-equiv'] ?? '').toLowerCase();
      if (key && attrs.content !== undefined && !meta.has(key)) meta.set(key, attrs.content);
    } else if (name === 'html' && attrs.lang) htmlLang ??= attrs.lang;
    else if (name === 'time' && attrs.datetime) times.push(attrs.datetime);
    if (skipping !== undefined) {
      if (name === skipping && !selfClosing) skipDepth++;
      return;
    }
    if (SKIPPED.has(name)) {
      if (selfClosing) return;
      skipping = name;
      skipDepth = 1;
      inJsonLd = name === 'script' && /ld\+json/i.test(attrs.type ?? '');
      return;
    }
    if (name === 'html' || name === 'body' || name === 'head') return;
    const top = stack[stack.length - 1]!;
    if (top.tag === 'p' && CLOSES_P.has(name)) stack.pop();
    const family = SIBLING_CLOSE[name];
    if (family) {
      for (let i = stack.length - 1; i > 0; i--) {
        const tag = stack[i]!.tag;
        if (family.boundary.includes(tag)) break;
        if (family.closes.includes(tag)) {
          popTo(i);
          break;
        }
      }
    }
    const isVoid = VOID.has(name);
    if (stack.length > MAX_DEPTH) {
      if (!isVoid) ignoredOpen++;
      return;
    }
    const parent = stack[stack.length - 1]!;
    const node = element(name, parent);
    let names = '';
    for (const key in attrs) {
      const value = attrs[key]!;
      if (ROLE_ATTRS.has(key)) {
        if (value) names = names === '' ? value : `${names} ${value}`;
      } else if (key === 'hidden' || key === 'aria-hidden' || key === 'style') (node.attrs ??= {})[key] = value;
    }
    node.names = names === '' ? names : roleNames(names.toLowerCase());
    parent.children.push(node);
    elements.push(node);
    if (!isVoid) stack.push(node);
  };

  const close = (name: string) => {
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
    if (name === 'html' || name === 'body' || name === 'head' || VOID.has(name)) return;
    if (ignoredOpen > 0) {
      ignoredOpen--;
      return;
    }
    // the nearest open element of that name; a closing tag nothing matches is ignored, as browsers do
    for (let i = stack.length - 1; i > 0; i--) {
      if (stack[i]!.tag === name) {
        popTo(i);
        return;
      }
    }
  };

  const Tokenizer = htmlTokenizer();
  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      onopentagname(start, end) {
        tagName = html.slice(start, end).toLowerCase();
        attrs = {};
      },
      onattribname(start, end) {
        const name = html.slice(start, end).toLowerCase();
        attrName = READ_ATTRS.has(name) ? name : undefined;
        attrValue = '';
      },
      onattribdata(start, end) {
        if (attrName !== undefined) attrValue += html.slice(start, end);
      },
      onattribentity(codepoint) {
        if (attrName !== undefined) attrValue += String.fromCodePoint(codepoint);
      },
      onattribend() {
        if (attrName !== undefined && !(attrName in attrs)) attrs[attrName] = attrValue;
        attrName = undefined;
      },
      onopentagend() {
        open(tagName, false);
      },
      onselfclosingtag() {
        // "<div/>" opens a div in HTML (the slash means nothing) except for void and skipped elements
        open(tagName, VOID.has(tagName) || SKIPPED.has(tagName));
      },
      onclosetag(start, end) {
        close(html.slice(start, end).toLowerCase());
      },
      ontext(start, end) {
        appendText(html.slice(start, end));
      },
      ontextentity(codepoint) {
        appendText(String.fromCodePoint(codepoint));
      },
      oncdata() {},
      oncomment() {},
      ondeclaration() {},
      onprocessinginstruction() {},
      onend() {},
    },
  );
  tokenizer.write(html);
  tokenizer.end();
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
