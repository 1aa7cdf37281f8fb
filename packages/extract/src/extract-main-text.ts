import { parseHtml } from './html-tree.js';
import type { HtmlNode, ParsedPage } from './html-tree.js';
import { COMMENT_NAMES } from './boilerplate-rules.js';
import { chooseContent, markBoilerplate } from './main-content.js';
import { pageMetadata, type PageMetadata } from './page-metadata.js';
import { renderText, type RenderOptions } from './text-output.js';

export interface ExtractOptions {
  includeTables: boolean;
  includeComments: boolean;
  /** `precision` keeps less around the main text, `recall` more; `balanced` is the default. */
  favor: 'balanced' | 'precision' | 'recall';
}

export const DEFAULT_EXTRACT_OPTIONS: ExtractOptions = { includeTables: true, includeComments: false, favor: 'balanced' };

export interface Extraction extends PageMetadata {
  /** The main text: paragraphs separated by blank lines; '' when the page has none. */
  text: string;
}

const TUNING = {
  precision: { minParagraphChars: 30, siblingShare: 0.3, maxLinkDensity: 0.35, minKeptChars: 40 },
  balanced: { minParagraphChars: 25, siblingShare: 0.2, maxLinkDensity: 0.5, minKeptChars: 20 },
  recall: { minParagraphChars: 20, siblingShare: 0.1, maxLinkDensity: 0.65, minKeptChars: 10 },
} as const;

/**
 * Extracts a page's main text: parse (htmlparser2, forgiving), remove page furniture by tag and
 * class words, choose the main container by readability's paragraph scoring, and write its text
 * with link-dense and stray short blocks dropped. When that looks like the wrong container, the
 * whole cleaned page is written instead (trafilatura's fallback idea, without a second library).
 */
export function extractMainText(html: string, options: ExtractOptions = DEFAULT_EXTRACT_OPTIONS): Extraction {
  const tuning = TUNING[options.favor];
  const page = parseHtml(html);
  const metadata = pageMetadata(page);
  markBoilerplate(page, { includeComments: options.includeComments, ...tuning });
  const content = chooseContent(page, { includeComments: options.includeComments, ...tuning });
  const render = { includeTables: options.includeTables, maxLinkDensity: tuning.maxLinkDensity, minParagraphChars: tuning.minKeptChars };
  let text = renderText(content, render);
  // The cleaned page as a whole is the fallback when the chosen container looks like the wrong one:
  // it gave little of a page holding much more, or the rest of the page holds more than twice as
  // much prose (paragraphs of 150+ characters) as it did.
  const whole = renderText([page.root], render);
  const short = text.length < 1000 && page.root.textLength > text.length * 3;
  if ((short && whole.length > text.length) || (!short && proseOutside(whole, text) > text.length * 2)) text = whole;
  if (options.includeComments) text = withComments(text, page, content, render);
  return { ...metadata, text };
}

/** Characters of the page's long paragraphs (150+ characters) that the extracted text does not hold. */
function proseOutside(whole: string, text: string): number {
  let missing = 0;
  for (const paragraph of whole.split('\n\n')) if (paragraph.length >= 150 && !text.includes(paragraph)) missing += paragraph.length;
  return missing;
}

/** The comment threads outside the main content (outermost elements named as comments), after the main text. */
function withComments(text: string, page: ParsedPage, content: readonly HtmlNode[], render: RenderOptions): string {
  const inside = (el: HtmlNode, set: readonly HtmlNode[]) => {
    for (let p: HtmlNode | undefined = el; p; p = p.parent) if (set.includes(p)) return true;
    return false;
  };
  const threads: HtmlNode[] = [];
  for (const el of page.elements) {
    if (el.removed || el.names === '' || !COMMENT_NAMES.test(el.names)) continue;
    if (inside(el, content) || inside(el, threads)) continue;
    threads.push(el);
  }
  const comments = threads.length > 0 ? renderText(threads, render) : '';
  return comments === '' ? text : text === '' ? comments : `${text}\n\n${comments}`;
}
