import xxhashWasm from 'xxhash-wasm';

/** xxHash (WASM) instantiated once per thread; every dedup key and shingle hash goes through it. */
export const xxhash = await xxhashWasm();

const encoder = new TextEncoder();

/** 64-bit key of a string as two unsigned 32-bit halves (typed arrays cannot hold BigInt cheaply). */
export function key64(text: string, seed = 0n): [number, number] {
  const h = xxhash.h64Raw(encoder.encode(text), seed);
  return [Number(h >> 32n), Number(h & 0xffffffffn)];
}
