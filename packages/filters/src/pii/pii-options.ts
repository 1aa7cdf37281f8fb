import * as z from 'zod';

/**
 * Replacements look like what they replace (datatrove's choice: a model should not learn
 * placeholder tokens), and none of them is found again: example.com, documentation IP ranges,
 * the fictional 555-01xx exchange, an all-zero card number.
 */
export const DEFAULT_PII_OPTIONS = {
  email: { enabled: true, replacement: 'email@example.com' },
  ip: { enabled: true, replacement_v4: '192.0.2.1', replacement_v6: '2001:db8::1', keep_private: true, keep_documentation: true },
  phone: { enabled: true, replacement: '555-0100' },
  credit_card: { enabled: true, replacement: '0000-0000-0000-0000' },
};

const kind = (fallback: { enabled: boolean; replacement: string }) =>
  z
    .object({ enabled: z.boolean().default(fallback.enabled), replacement: z.string().default(fallback.replacement) })
    .strict()
    .default({ ...fallback });

/** Options of the `pii` step: per kind whether it is replaced and by what. */
export const PiiOptionsSchema = z
  .object({
    email: kind(DEFAULT_PII_OPTIONS.email),
    ip: z
      .object({
        enabled: z.boolean().default(DEFAULT_PII_OPTIONS.ip.enabled),
        replacement_v4: z.string().default(DEFAULT_PII_OPTIONS.ip.replacement_v4),
        replacement_v6: z.string().default(DEFAULT_PII_OPTIONS.ip.replacement_v6),
        /** Keep private, loopback, link-local and unique-local addresses (no one's public address), as datatrove's only_remove_public_ips. */
        keep_private: z.boolean().default(DEFAULT_PII_OPTIONS.ip.keep_private),
        /** Keep documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32), the usual examples. */
        keep_documentation: z.boolean().default(DEFAULT_PII_OPTIONS.ip.keep_documentation),
      })
      .strict()
      .default({ ...DEFAULT_PII_OPTIONS.ip }),
    phone: kind(DEFAULT_PII_OPTIONS.phone),
    credit_card: kind(DEFAULT_PII_OPTIONS.credit_card),
  })
  .strict();

export type PiiOptions = z.output<typeof PiiOptionsSchema>;

export type PiiKind = PiiOptions['email'];
