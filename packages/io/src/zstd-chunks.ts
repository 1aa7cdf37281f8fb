import { createRequire } from 'node:module';
import type * as ZstdBinding from 'zstd-napi/binding.js';

// The native binding is CommonJS assigned as a whole, so ESM sees no named exports: load it with require.
const binding = createRequire(import.meta.url)('zstd-napi/binding.js') as typeof ZstdBinding;

/** Compressed bytes handed to zstd per call: small, so one call cannot inflate much at once. */
const INPUT_SLICE_BYTES = 16 * 1024;
/** zstd's recommended output size for streaming (one block, 128 KiB). */
const OUTPUT_BYTES = binding.dStreamOutSize();

/**
 * Decompresses zstd with a fixed-size output buffer, yielding each buffer's worth as it is made.
 * zstd-napi's DecompressStream inflates a whole input chunk in one `_transform`, pushing every
 * output block regardless of back-pressure: a 67 KB file holding a 2 GB line put all 2 GB in
 * memory at once. Here, a generator yields one output block at a time and only resumes when the
 * consumer asks for more, so memory holds one block (plus zstd's window, at most 128 MiB by the
 * library's default windowLogMax) however high the compression ratio.
 */
export async function* zstdChunks(compressed: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const dctx = new binding.DCtx();
  let inFrame = false;
  for await (const chunk of compressed) {
    for (let at = 0; at < chunk.length; at += INPUT_SLICE_BYTES) {
      let input = chunk.subarray(at, Math.min(at + INPUT_SLICE_BYTES, chunk.length));
      for (;;) {
        const output = Buffer.allocUnsafe(OUTPUT_BYTES);
        const [remaining, produced, consumed] = dctx.decompressStream(output, input);
        input = input.subarray(consumed);
        // A fresh buffer each time: the consumer may keep a slice of it (a partial line).
        if (produced > 0) yield output.subarray(0, produced);
        // Done with this slice once it is consumed and zstd has nothing left to flush from it.
        if (input.length === 0 && (produced < output.length || remaining === 0)) {
          inFrame = remaining !== 0;
          break;
        }
      }
    }
  }
  if (inFrame) throw new Error('Stream ended in middle of compressed data frame');
}
