/** A document to tokenize, or a record that could not be read (counted and reported, never lost). */
export type TokenizeItem =
  | { id: string; text: string; domain?: string | undefined; quality?: number | undefined; error?: undefined }
  | { error: string };

/** One input (a document shard, or a manifest's selection from one); becomes one token shard. */
export interface TokenizeSource {
  /** shown in errors and stats */
  name: string;
  items: () => AsyncIterable<TokenizeItem>;
}
