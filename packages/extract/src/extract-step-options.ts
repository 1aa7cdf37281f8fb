import * as z from 'zod';

/** Options of the `extract` step as a pipeline YAML gives them. */
export const ExtractStepOptionsSchema = z
  .object({
    include_tables: z.boolean().default(true),
    include_comments: z.boolean().default(false),
    favor_precision: z.boolean().default(false),
    favor_recall: z.boolean().default(false),
  })
  .strict()
  .refine((o) => !(o.favor_precision && o.favor_recall), { message: 'favor_precision and favor_recall exclude each other' });

export type ExtractStepOptions = z.output<typeof ExtractStepOptionsSchema>;
