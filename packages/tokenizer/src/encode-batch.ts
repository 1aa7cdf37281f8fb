import type { BpeEncoder } from './bpe-encoder.js';

export interface EncodeBatchRequest {
  seq: number;
  texts: string[];
}

/** Row i's ids (EOS last) are `tokens.subarray(offsets[i], offsets[i + 1])`. */
export interface EncodeBatchReply {
  seq: number;
  offsets: Int32Array;
  tokens: Uint32Array;
}

/** How the framing is chosen (document-framing.ts): what each thread needs to work it out itself. */
export interface FramingOptions {
  eosToken?: string;
  bosToken?: string | null;
}

/** What goes around every document's ids: BOS (from the post-processor or --bos) and EOS last. */
export interface DocumentFraming {
  prefix: number[];
  suffix: number[];
}

/** Encodes a batch of texts into one flat id array, each framed by `framing` (EOS last). */
export function encodeBatch(encoder: BpeEncoder, request: EncodeBatchRequest, framing: DocumentFraming): EncodeBatchReply {
  const { texts } = request;
  const offsets = new Int32Array(texts.length + 1);
  let tokens = new Uint32Array(Math.max(1024, texts.reduce((s, t) => s + (t.length >> 2), 0) + texts.length));
  let n = 0;
  for (let i = 0; i < texts.length; i++) {
    const ids = encoder.encodeInto(texts[i]!, framing.prefix, framing.suffix);
    if (n + ids.length > tokens.length) {
      const grown = new Uint32Array(Math.max(tokens.length * 2, n + ids.length));
      grown.set(tokens.subarray(0, n));
      tokens = grown;
    }
    tokens.set(ids, n);
    n += ids.length;
    offsets[i + 1] = n;
  }
  return { seq: request.seq, offsets, tokens: tokens.slice(0, n) };
}
