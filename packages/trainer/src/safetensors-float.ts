// Floating-point tensors between the dtypes Hugging Face checkpoints are stored in (F32, BF16, F16)
// and the F32 anneal trains in. Widening (BF16/F16 → F32) is exact; narrowing rounds to nearest,
// ties to even, as torch's `.to(torch.bfloat16)` / `.half()` do, so a value that came from a BF16
// or F16 file goes back to the very same bits.
import type { NamedTensor } from './safetensors.js';

export type FloatDtype = 'F32' | 'BF16' | 'F16';

export const FLOAT_DTYPES: readonly FloatDtype[] = ['F32', 'BF16', 'F16'];

/** The dtype names of `torch_dtype` in a Hugging Face config.json, by safetensors dtype. */
export const TORCH_DTYPE_NAMES: Record<FloatDtype, string> = { F32: 'float32', BF16: 'bfloat16', F16: 'float16' };

/** The values of a float tensor as F32; `source` names the file and tensor in the error. */
export function tensorToFloat32(tensor: NamedTensor, source: string): Float32Array {
  switch (tensor.dtype) {
    case 'F32':
      return tensor.data as Float32Array;
    case 'BF16': {
      const halves = halfWords(tensor.data as Uint8Array);
      const bits = new Uint32Array(halves.length);
      for (let i = 0; i < halves.length; i++) bits[i] = halves[i]! << 16; // BF16 is the top half of an F32
      return new Float32Array(bits.buffer);
    }
    case 'F16': {
      const halves = halfWords(tensor.data as Uint8Array);
      const out = new Float32Array(halves.length);
      for (let i = 0; i < halves.length; i++) out[i] = float16ToNumber(halves[i]!);
      return out;
    }
    default:
      throw new Error(`${source}: dtype ${tensor.dtype} is not a floating-point weight (F32, BF16 or F16 expected)`);
  }
}

/** F32 values as a tensor of `dtype` (raw little-endian bytes for BF16 and F16). */
export function float32ToTensor(values: Float32Array, shape: number[], dtype: FloatDtype): NamedTensor {
  if (dtype === 'F32') return { dtype, shape, data: values };
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const out = new Uint16Array(values.length);
  if (dtype === 'BF16') {
    for (let i = 0; i < values.length; i++) {
      const b = bits[i]!;
      // NaN stays a (quiet) NaN; everything else rounds to nearest even on the dropped 16 bits
      out[i] = (b & 0x7fffffff) > 0x7f800000 ? (b >>> 16) | 0x40 : (b + 0x7fff + ((b >>> 16) & 1)) >>> 16;
    }
  } else {
    for (let i = 0; i < values.length; i++) out[i] = numberToFloat16(values[i]!);
  }
  return { dtype, shape, data: new Uint8Array(out.buffer) };
}

/** Little-endian 16-bit words of raw tensor bytes (copied when they are not 2-byte aligned). */
function halfWords(bytes: Uint8Array): Uint16Array {
  const aligned = bytes.byteOffset % 2 === 0 ? bytes : new Uint8Array(bytes);
  return new Uint16Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 2);
}

function float16ToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const mantissa = h & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24; // zero and subnormals
  if (exponent === 0x1f) return mantissa ? Number.NaN : sign * Infinity;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

/** IEEE half precision of an F32 value, rounded to nearest, ties to even. */
function numberToFloat16(value: number): number {
  const f32 = new Float32Array([value]);
  const b = new Uint32Array(f32.buffer)[0]!;
  const sign = (b >>> 16) & 0x8000;
  const exponent = (b >>> 23) & 0xff;
  const mantissa = b & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0); // Inf, NaN
  const e = exponent - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00; // overflow → Inf
  if (e <= 0) {
    // subnormal half (or zero): shift the full significand into place and round
    if (e < -10) return sign;
    const significand = mantissa | 0x800000;
    const shift = 14 - e;
    const half = significand >>> shift;
    const rest = significand & ((1 << shift) - 1);
    const midpoint = 1 << (shift - 1);
    return sign | (rest > midpoint || (rest === midpoint && half & 1) ? half + 1 : half);
  }
  const half = (e << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  // a carry out of the mantissa correctly bumps the exponent (up to Inf)
  return sign | (rest > 0x1000 || (rest === 0x1000 && half & 1) ? half + 1 : half);
}
