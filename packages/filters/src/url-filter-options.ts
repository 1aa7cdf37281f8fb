import * as z from 'zod';

const listFile = z.string().min(1).optional();

/** Options of the `url_filter` step: block lists, each a file with one entry a line (blank lines and lines starting with # ignored). */
export const UrlFilterOptionsSchema = z
  .object({
    /** Registered domains ("example.com"): the domain and every subdomain of it are dropped (url_domain). */
    domains_file: listFile,
    /** Full host names ("ads.example.com"): that host only (url_subdomain). */
    subdomains_file: listFile,
    /** Exact URLs (url_exact). */
    urls_file: listFile,
    /** Substrings of the normalized URL ("casino", "/adult/") (url_substring). */
    url_substrings_file: listFile,
    /** Words of the URL that drop a page on their own (url_banned_word). */
    banned_words_file: listFile,
    /** Words of the URL that drop a page when `soft_word_threshold` or more of them occur (url_soft_banned_words). */
    soft_banned_words_file: listFile,
    soft_word_threshold: z.number().int().positive().default(2),
  })
  .strict();

export type UrlFilterOptions = z.output<typeof UrlFilterOptionsSchema>;
