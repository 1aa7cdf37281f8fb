import type { HtmlNode, ParsedPage } from './html-tree.js';
import { BLOCK_TAGS, BOILERPLATE_NAMES, BOILERPLATE_TAGS, COMMENT_NAMES, CONTENT_NAMES, isHidden } from './boilerplate-rules.js';

export interface ContentOptions {
  includeComments: boolean;
  /** How much text an element must hold to count as a paragraph that votes for its ancestors. */
  minParagraphChars: number;
  /** Share of the best score a sibling of the main container needs to be kept with it. */
  siblingShare: number;
}

/** Characters a reader sees in a text node: runs of whitespace count as one. */
export function visibleLength(text: string): number {
  let n = 0;
  let space = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const ws = c === 32 || c === 10 || c === 9 || c === 13 || c === 12 || c === 160;
    if (ws) {
      if (!space) n++;
      space = true;
    } else {
      n++;
      space = false;
    }
  }
  return n;
}

/** A text node's visible length, computed once. */
export function textNodeLength(node: HtmlNode): number {
  if (node.textLength < 0) node.textLength = visibleLength(node.text);
  return node.textLength;
}

/** Regex verdicts by class / id string: pages repeat the same few hundred names thousands of times. */
export function cachedTest(pattern: RegExp, cache: Map<string, boolean>, names: string): boolean {
  let verdict = cache.get(names);
  if (verdict === undefined) {
    verdict = pattern.test(names);
    cache.set(names, verdict);
  }
  return verdict;
}

/** Fills textLength and linkLength of every element from its text nodes (removed subtrees count nothing). */
export function measure(page: ParsedPage): void {
  const { elements } = page;
  for (const el of elements) {
    el.textLength = 0;
    el.linkLength = 0;
  }
  for (let i = elements.length - 1; i >= 0; i--) {
    const el = elements[i]!;
    if (el.removed) continue;
    for (const child of el.children) {
      if (child.tag === '#text') el.textLength += textNodeLength(child);
    }
    if (el.tag === 'a') el.linkLength = el.textLength;
    const parent = el.parent;
    if (parent) {
      parent.textLength += el.textLength;
      parent.linkLength += el.linkLength;
    }
  }
}

function hasAncestor(el: HtmlNode, tags: ReadonlySet<string>): boolean {
  for (let p = el.parent; p; p = p.parent) if (tags.has(p.tag)) return true;
  return false;
}

const ARTICLE_TAGS = new Set(['article', 'main']);

/**
 * Marks page furniture as removed: hidden elements, navigation and form controls by tag, and
 * elements whose class / id words say navigation, sharing, cookie banner, related links and the
 * like, unless they hold most of the page's text (a wrapper whose class merely mentions a sidebar).
 */
export function markBoilerplate(page: ParsedPage, options: ContentOptions): void {
  measure(page);
  const total = Math.max(1, page.root.textLength);
  const comment = new Map<string, boolean>();
  const boilerplate = new Map<string, boolean>();
  const content = new Map<string, boolean>();
  const protectedNodes = containersOfMainText(page);
  for (const el of page.elements) {
    if (el === page.root || el.removed || protectedNodes.has(el)) continue;
    if (el.parent?.removed) {
      el.removed = true;
      continue;
    }
    const share = el.textLength / total;
    if (isHidden(el.attrs) || BOILERPLATE_TAGS.has(el.tag)) el.removed = share < 0.6;
    else if (el.tag === 'header') el.removed = share < 0.3 && !hasAncestor(el, ARTICLE_TAGS);
    else if (el.names === '' || /articlebody/.test(el.names)) continue;
    else if (!options.includeComments && cachedTest(COMMENT_NAMES, comment, el.names)) el.removed = share < 0.6;
    else if (cachedTest(BOILERPLATE_NAMES, boilerplate, el.names))
      el.removed = cachedTest(CONTENT_NAMES, content, el.names) ? share < 0.25 : share < 0.6;
  }
  measure(page);
}

/** Names a CMS gives the element holding an article's text. */
const MAIN_TEXT_NAMES =
  /(?:^|[\s_-])(?:articlebody|(?:article|post|entry|story|blog|news|main|page)[-_]?(?:body|content|text|inner)|content[-_]?(?:body|main|inner|text)|main|maincontent)(?:$|[\s_-])/;

/**
 * Elements that hold the page's main text by their markup (<article>, <main>, role=main,
 * itemprop=articleBody, an "entry-content" class, ...) with some text in them, and all their
 * ancestors: class-word rules never remove them (a layout row named "fixed-sidebar-layout" that
 * wraps the article, or an article tagged "tag-berlin").
 */
function containersOfMainText(page: ParsedPage): Set<HtmlNode> {
  const kept = new Set<HtmlNode>();
  const minimum = Math.min(400, page.root.textLength * 0.2);
  for (const el of page.elements) {
    const marked = el.tag === 'article' || el.tag === 'main' || (el.names !== '' && MAIN_TEXT_NAMES.test(el.names));
    if (!marked || el.textLength < minimum || linkDensity(el) > 0.5) continue;
    for (let p: HtmlNode | undefined = el; p && !kept.has(p); p = p.parent) kept.add(p);
  }
  return kept;
}

/** Readability's starting score for a candidate container, by tag and by class / id words. */
function initialScore(el: HtmlNode): number {
  let score = 0;
  switch (el.tag) {
    case 'div':
    case 'article':
    case 'main':
    case 'section':
      score += 5;
      break;
    case 'pre':
    case 'td':
    case 'blockquote':
      score += 3;
      break;
    case 'address':
    case 'ol':
    case 'ul':
    case 'dl':
    case 'dd':
    case 'dt':
    case 'li':
    case 'form':
      score -= 3;
      break;
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
    case 'th':
      score -= 5;
      break;
  }
  if (el.names) {
    if (CONTENT_NAMES.test(el.names)) score += 25;
    if (BOILERPLATE_NAMES.test(el.names) || COMMENT_NAMES.test(el.names)) score -= 25;
  }
  if (el.tag === 'article' || /articlebody/.test(el.names)) score += 15;
  return score;
}

/** The block element a text node belongs to (its nearest block-level ancestor). */
export function blockOf(node: HtmlNode): HtmlNode {
  let p = node.parent!;
  while (p.parent && !BLOCK_TAGS.has(p.tag)) p = p.parent;
  return p;
}

/**
 * Chooses the main content as readability does: every paragraph (a block holding enough text of
 * its own) scores 1 + its commas + one per 100 characters (up to 3), added to its parent, half to
 * its grandparent, less further up; a container's score is cut by its link density. The best
 * container is returned with those of its siblings that score close to it or hold clean prose.
 */
export function chooseContent(page: ParsedPage, options: ContentOptions): HtmlNode[] {
  const own = new Map<HtmlNode, { chars: number; commas: number; links: number }>();
  for (const el of page.elements) {
    if (el.removed) continue;
    for (const child of el.children) {
      if (child.tag !== '#text') continue;
      const block = BLOCK_TAGS.has(el.tag) || !el.parent ? el : blockOf(child);
      const entry = own.get(block) ?? { chars: 0, commas: 0, links: 0 };
      const n = textNodeLength(child);
      entry.chars += n;
      entry.commas += countCommas(child.text);
      if (el.tag === 'a' || hasAncestorUpTo(el, 'a', block)) entry.links += n;
      own.set(block, entry);
    }
  }
  const scores = new Map<HtmlNode, number>();
  for (const [block, entry] of own) {
    if (entry.chars < options.minParagraphChars || entry.links > entry.chars * 0.5) continue;
    const score = 1 + entry.commas + Math.min(Math.floor(entry.chars / 100), 3);
    const ancestor = block.parent;
    // The paragraph's own block counts as level 0 when it is a container (a div of text).
    let level = block.tag === 'div' || block.tag === 'section' || block.tag === 'article' ? -1 : 0;
    for (let node: HtmlNode | undefined = level < 0 ? block : ancestor; node && level < 5; level++) {
      if (!scores.has(node)) scores.set(node, initialScore(node));
      const weight = level <= 0 ? 1 : level === 1 ? 0.5 : 1 / (level * 3);
      scores.set(node, scores.get(node)! + score * weight);
      node = node.parent;
    }
  }
  let best: HtmlNode | undefined;
  let bestScore = -Infinity;
  for (const [node, score] of scores) {
    const final = score * (1 - linkDensity(node));
    scores.set(node, final);
    if (final > bestScore) {
      best = node;
      bestScore = final;
    }
  }
  if (!best) return [page.root];
  best = widen(best, bestScore, scores);
  bestScore = Math.max(bestScore, scores.get(best) ?? bestScore);
  const parent = best.parent;
  if (!parent) return [best];
  const threshold = Math.max(10, bestScore * options.siblingShare);
  const chosen: HtmlNode[] = [];
  // twins under one parent are siblings, which the rule below weighs one by one
  const twins = twinsOf(best, page);
  if (twins.length > 0 && !twins.every((twin) => twin.parent === parent)) return twins;
  let beforeBest = true;
  for (const sibling of parent.children) {
    if (sibling === best) beforeBest = false;
    if (sibling === best) chosen.push(sibling);
    // the article's own header or lead paragraph (title, standfirst) just before it
    else if (
      beforeBest &&
      (sibling.tag === 'header' || LEAD_NAMES.test(sibling.names)) &&
      !sibling.removed &&
      sibling.textLength > 0 &&
      linkDensity(sibling) < 0.5
    )
      chosen.push(sibling);
    else if (sibling.tag === '#text' || sibling.removed) continue;
    else if ((scores.get(sibling) ?? -Infinity) >= threshold) chosen.push(sibling);
    else if (isProse(sibling)) chosen.push(sibling);
  }
  return chosen;
}

/**
 * Readability's climb from the best container: to an ancestor shared by several near-best
 * containers (an article split in sections), or to a parent that scores higher; then to the nearest
 * ancestor the markup names as the article's text (<article>, "entry-content", ...).
 */
function widen(best: HtmlNode, bestScore: number, scores: Map<HtmlNode, number>): HtmlNode {
  const rivals = [...scores].filter(([node, score]) => node !== best && score >= bestScore * 0.75).map(([node]) => node);
  if (rivals.length >= 2) {
    for (let ancestor = best.parent; ancestor?.parent; ancestor = ancestor.parent) {
      let inside = 0;
      for (const rival of rivals) if (contains(ancestor, rival)) inside++;
      if (inside >= Math.min(3, rivals.length)) {
        best = ancestor;
        break;
      }
    }
  }
  let last = scores.get(best) ?? bestScore;
  for (let parent = best.parent; parent?.parent; parent = parent.parent) {
    const score = scores.get(parent);
    if (score === undefined) continue;
    if (score < bestScore / 3) break;
    if (score > last) {
      best = parent;
      break;
    }
    last = score;
  }
  for (let ancestor: HtmlNode | undefined = best; ancestor?.parent; ancestor = ancestor.parent) {
    if ((ancestor.tag === 'article' || (ancestor.names !== '' && MAIN_TEXT_NAMES.test(ancestor.names))) && linkDensity(ancestor) < 0.35)
      return ancestor;
  }
  return best;
}

function contains(ancestor: HtmlNode, node: HtmlNode): boolean {
  for (let p: HtmlNode | undefined = node; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

/**
 * Containers with exactly the class / id words of the chosen one, in page order, when there are
 * several: an article split into repeated "articleBody" sections or text components is one text.
 */
function twinsOf(best: HtmlNode, page: ParsedPage): HtmlNode[] {
  if (best.names === '' || /(?:^|\s)(?:post|entry|item|teaser|card|hentry)(?:$|\s)/.test(best.names)) return [];
  const key = classKey(best.names);
  const twins = page.elements.filter(
    (el) => el.tag === best.tag && el.names !== '' && classKey(el.names) === key && !el.removed && el.textLength > 0 && linkDensity(el) < 0.35,
  );
  if (twins.length < 2) return [];
  // nested twins would be written twice: keep the outermost
  return twins.filter((el) => !twins.some((other) => other !== el && contains(other, el)));
}

/** Class words without numbered ids ("article-section-2", "post-1481"), which differ between twins. */
function classKey(names: string): string {
  return /\d/.test(names)
    ? names
        .split(' ')
        .filter((t) => !/\d/.test(t))
        .join(' ')
    : names;
}

const LEAD_NAMES =
  /(?:^|[\s_-])(?:lead|lede|intro|introduction|standfirst|summary|abstract|excerpt|subline|subtitle|deck|kicker|teaser-?text|article-?teaser)(?:$|[\s_-])/;

function isProse(el: HtmlNode): boolean {
  if (el.tag !== 'p' && el.tag !== 'blockquote' && el.tag !== 'pre' && el.tag !== 'ul' && el.tag !== 'ol' && !/^h[1-6]$/.test(el.tag)) return false;
  if (/^h[1-6]$/.test(el.tag)) return el.textLength > 0 && linkDensity(el) < 0.5;
  return el.textLength > 80 ? linkDensity(el) < 0.25 : el.textLength > 0 && linkDensity(el) === 0;
}

function hasAncestorUpTo(el: HtmlNode, tag: string, stop: HtmlNode): boolean {
  for (let p: HtmlNode | undefined = el; p && p !== stop; p = p.parent) if (p.tag === tag) return true;
  return false;
}

export function linkDensity(el: HtmlNode): number {
  return el.textLength === 0 ? 0 : el.linkLength / el.textLength;
}

function countCommas(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 || c === 0xff0c || c === 0x3001 || c === 0x060c) n++;
  }
  return n;
}
