import { readFile } from 'node:fs/promises';

/**
 * The safetensors format (Hugging Face): 8-byte little-endian header length, a JSON header
 * `{name: {dtype, shape, data_offsets: [begin, end]}, __metadata__: {string: string}}` padded with
 * spaces to 8 bytes, then the raw little-endian tensor bytes. It is what `transformers` loads, and
 * what anneal's checkpoints use, so a checkpoint's weights open in any safetensors reader.
 */
export type SafetensorsDtype = 'F32' | 'F16' | 'BF16' | 'F64' | 'I32' | 'I64' | 'U8' | 'I8' | 'U16' | 'I16' | 'U32' | 'BOOL';

const DTYPE_BYTES: Record<SafetensorsDtype, number> = {
  F64: 8,
  I64: 8,
  F32: 4,
  I32: 4,
  U32: 4,
  F16: 2,
  BF16: 2,
  I16: 2,
  U16: 2,
  U8: 1,
  I8: 1,
  BOOL: 1,
};

export interface NamedTensor {
  shape: number[];
  /** F32 and I32 tensors are given as their typed arrays; other dtypes as raw little-endian bytes. */
  dtype: SafetensorsDtype;
  data: Float32Array | Int32Array | Uint8Array;
}

export type NamedTensors = Map<string, NamedTensor>;

export class SafetensorsError extends Error {
  constructor(source: string, message: string) {
    super(`${source}: not a valid safetensors file: ${message}`);
    this.name = 'SafetensorsError';
  }
}

function elementCount(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Encodes tensors (written in name order, so the same tensors always give the same bytes). */
export function encodeSafetensors(tensors: NamedTensors, metadata: Record<string, string> = {}): Uint8Array {
  const names = [...tensors.keys()].sort();
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const name of names) {
    const t = tensors.get(name)!;
    const bytes = elementCount(t.shape) * DTYPE_BYTES[t.dtype];
    if (t.data.byteLength !== bytes) {
      throw new Error(`safetensors: tensor ${name} has ${t.data.byteLength} bytes, shape [${t.shape}] of ${t.dtype} needs ${bytes}`);
    }
    // defineProperty: a tensor may be called "__proto__", which plain assignment would swallow
    Object.defineProperty(header, name, {
      value: { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + bytes] },
      enumerable: true,
      writable: true,
      configurable: true,
    });
    offset += bytes;
  }
  let json = JSON.stringify(header);
  const raw = Buffer.byteLength(json);
  json += ' '.repeat((8 - (raw % 8)) % 8);
  const headerBytes = Buffer.from(json, 'utf8');
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const name of names) {
    const t = tensors.get(name)!;
    out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), at);
    at += t.data.byteLength;
  }
  return out;
}

export interface DecodedSafetensors {
  tensors: NamedTensors;
  metadata: Record<string, string>;
}

/** Decodes and validates a safetensors buffer; `source` names the file in every error. */
export function decodeSafetensors(bytes: Uint8Array, source = 'safetensors'): DecodedSafetensors {
  if (bytes.byteLength < 8) throw new SafetensorsError(source, `${bytes.byteLength} bytes, shorter than the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  if (headerLength > bytes.byteLength - 8)
    throw new SafetensorsError(source, `header length ${headerLength} runs past the end of the file (${bytes.byteLength} bytes)`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + 8, headerLength).toString('utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new SafetensorsError(source, `header is not JSON (${(err as Error).message})`);
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) throw new SafetensorsError(source, 'header is not a JSON object');
  const dataStart = 8 + headerLength;
  const dataLength = bytes.byteLength - dataStart;
  const tensors: NamedTensors = new Map();
  let metadata: Record<string, string> = {};
  const spans: Array<[number, number, string]> = [];
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = entry as Record<string, string>;
      continue;
    }
    const e = entry as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    const dtype = e.dtype as SafetensorsDtype;
    if (typeof dtype !== 'string' || !(dtype in DTYPE_BYTES))
      throw new SafetensorsError(source, `tensor ${name}: unknown dtype ${JSON.stringify(e.dtype)}`);
    if (!Array.isArray(e.shape) || !e.shape.every((d) => Number.isInteger(d) && d >= 0))
      throw new SafetensorsError(source, `tensor ${name}: bad shape ${JSON.stringify(e.shape)}`);
    const offsets = e.data_offsets;
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isInteger(o) && o >= 0) || offsets[0] > offsets[1]) {
      throw new SafetensorsError(source, `tensor ${name}: bad data_offsets ${JSON.stringify(offsets)}`);
    }
    const [begin, end] = offsets as [number, number];
    const shape = e.shape as number[];
    const expected = elementCount(shape) * DTYPE_BYTES[dtype];
    if (end - begin !== expected)
      throw new SafetensorsError(source, `tensor ${name}: ${end - begin} bytes for shape [${shape}] of ${dtype} (needs ${expected})`);
    if (end > dataLength)
      throw new SafetensorsError(source, `tensor ${name}: data_offsets end ${end} past the data (${dataLength} bytes; file truncated?)`);
    if (end > begin) spans.push([begin, end, name]); // empty tensors occupy no bytes
    // copy, so the tensor is aligned for its typed array and does not pin the whole file
    const slice = new Uint8Array(bytes.subarray(dataStart + begin, dataStart + end)); // a copy even when bytes is a Buffer (whose slice() is a view)
    const data = dtype === 'F32' ? new Float32Array(slice.buffer) : dtype === 'I32' ? new Int32Array(slice.buffer) : slice;
    tensors.set(name, { dtype, shape, data });
  }
  spans.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i]![0] < spans[i - 1]![1]) throw new SafetensorsError(source, `tensors ${spans[i - 1]![2]} and ${spans[i]![2]} overlap`);
  }
  return { tensors, metadata };
}

export async function readSafetensors(path: string): Promise<DecodedSafetensors> {
  return decodeSafetensors(await readFile(path), path);
}

export function f32Tensor(shape: number[], data: Float32Array): NamedTensor {
  return { shape, dtype: 'F32', data };
}
