import * as z from 'zod';

/** A share in [0, 1]. */
export const fraction = z.number().min(0).max(1);

/** A bound that `null` turns off, as `None` does in datatrove. */
export const optionalBound = (schema: z.ZodNumber, fallback: number | null) => schema.nullable().default(fallback);

/** [[n, max fraction], ...] for the Gopher n-gram rules. */
export const nGramBounds = (fallback: [number, number][]) =>
  z.array(z.tuple([z.number().int().min(1).max(100), fraction])).default(fallback.map(([n, f]) => [n, f] as [number, number]));
