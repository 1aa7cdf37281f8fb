import { z } from 'zod';
import { lengthFilter, normalizeStep } from '@anneal/filters';
import { defineStep, type StepDefinition } from './define-step.js';

/** Text normalization and heuristic filters (package `filters`). */
export const FILTER_STEPS: readonly StepDefinition[] = [
  defineStep({
    name: 'normalize',
    perDocument: true,
    summary: 'Unicode NFC (or NFKC), control characters removed, whitespace collapsed; drops documents left empty',
    options: z
      .object({
        form: z.enum(['NFC', 'NFKC', 'none']).default('NFC'),
        strip_control: z.boolean().default(true),
        collapse_whitespace: z.boolean().default(true),
        drop_empty: z.boolean().default(true),
      })
      .strict(),
    create: (options) => normalizeStep(options),
  }),
  defineStep({
    name: 'length',
    perDocument: true,
    summary: 'Drops documents outside character / word bounds (too_few_chars, too_many_chars, too_few_words, too_many_words)',
    options: z
      .object({
        min_chars: z.number().int().nonnegative().optional(),
        max_chars: z.number().int().positive().optional(),
        min_words: z.number().int().nonnegative().optional(),
        max_words: z.number().int().positive().optional(),
      })
      .strict(),
    create: (options) => lengthFilter(Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined))),
  }),
];

