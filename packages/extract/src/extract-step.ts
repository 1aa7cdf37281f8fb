import { documentStep, dropped, type DocumentStep } from '@anneal/core';
import { extractMainText, type ExtractOptions } from './extract-main-text.js';
import type { ExtractStepOptions } from './extract-step-options.js';

/**
 * The `extract` step: a document whose text is a page's HTML (from the WARC reader) leaves with its
 * main text, and `title`, `lang`, `date` (publication; a WARC's crawl date moves to `crawl_date`)
 * and `author` in its metadata when the page declares them. A page with no main text is dropped
 * as `extract_empty`; anything the extractor throws becomes that document's error.
 */
export function extractStep(options: ExtractStepOptions): DocumentStep {
  const extractOptions: ExtractOptions = {
    includeTables: options.include_tables,
    includeComments: options.include_comments,
    favor: options.favor_precision ? 'precision' : options.favor_recall ? 'recall' : 'balanced',
  };
  return documentStep('extract', (doc) => {
    const page = extractMainText(doc.text, extractOptions);
    if (page.text.trim() === '') return dropped('extract_empty');
    const metadata: Record<string, unknown> = { ...doc.metadata };
    if (page.title !== undefined) metadata.title = page.title;
    if (page.lang !== undefined) metadata.lang = page.lang;
    if (page.author !== undefined) metadata.author = page.author;
    if (page.date !== undefined) {
      if (metadata.date !== undefined && metadata.crawl_date === undefined) metadata.crawl_date = metadata.date;
      metadata.date = page.date;
    }
    return { id: doc.id, text: page.text, metadata };
  });
}
