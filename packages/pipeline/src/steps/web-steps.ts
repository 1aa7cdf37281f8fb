import { z } from 'zod';
import { extractStep } from '@anneal/extract';
import { urlFilter } from '@anneal/filters';
import { defineStep, type StepDefinition } from './define-step.js';

const listFile = z.string().min(1).optional();

/** Web pages from WARC files: main-text extraction (package `extract`) and the URL block lists (package `filters`). */
export const WEB_STEPS: readonly StepDefinition[] = [
  defineStep({
    name: 'extract',
    perDocument: true,
    summary: 'HTML → main text (boilerplate removed, paragraphs as blank lines); writes title, lang, date, author; drops pages with no main text (extract_empty)',
    options: z
      .object({
        include_tables: z.boolean().default(true),
        include_comments: z.boolean().default(false),
        favor_precision: z.boolean().default(false),
        favor_recall: z.boolean().default(false),
      })
      .strict()
      .refine((o) => !(o.favor_precision && o.favor_recall), { message: 'favor_precision and favor_recall exclude each other' }),
    create: (options) => extractStep(options),
  }),
  defineStep({
    name: 'url_filter',
    perDocument: true,
    summary: "datatrove's URLFilter: drops pages whose url is on a block list file (url_domain, url_subdomain, url_exact, url_substring, url_banned_word, url_soft_banned_words)",
    options: z
      .object({
        domains_file: listFile,
        subdomains_file: listFile,
        urls_file: listFile,
        url_substrings_file: listFile,
        banned_words_file: listFile,
        soft_banned_words_file: listFile,
        soft_word_threshold: z.number().int().positive().default(2),
      })
      .strict(),
    create: (options) => urlFilter(options),
  }),
];
