import * as z from 'zod';

const metadataKey = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a metadata key such as domain or quality_fasttext');

/** Options of the `classify` step as a pipeline YAML gives them. */
export const ClassifyOptionsSchema = z
  .object({
    models: z
      .array(
        z
          .object({
            /** A fastText supervised model (.bin), e.g. written by `anneal classify train`. */
            model: z.string().min(1),
            /** Metadata key written: the best label, with its probability in `<field>_score` ... */
            field: metadataKey,
            /** ... or, when set, the probability of this label alone (a number in [0, 1]), e.g. quality. */
            score_label: z.string().min(1).optional(),
          })
          .strict(),
      )
      .min(1),
    /** Documents predicted together; their predictions run in parallel on libuv's thread pool. */
    batch_size: z.number().int().min(1).max(65536).default(256),
  })
  .strict();

export type ClassifyOptions = z.output<typeof ClassifyOptionsSchema>;

export type ClassifierOutput = ClassifyOptions['models'][number];
