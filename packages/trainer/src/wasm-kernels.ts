// Replacement and missing kernels for @tensorflow/tfjs-backend-wasm 4.x, registered by
// `registerWasmTrainingKernels()` (backend.ts does it when it picks `wasm`).
//
// Why: the stock wasm `BatchMatMul` only reaches XNNPACK when both operands are a single
// untransposed matrix; any transpose flag or batch dimension drops into a scalar C++ loop that is
// ~10× slower (every attention matmul and every backward matmul of a transformer hits it). This
// kernel makes every operand a plain row-major matrix first (explicit transpose through the wasm
// Transpose kernel, which is a fast memory shuffle) and then calls the stock entry point once per
// batch slice with batch 1 and no transposes, which is the XNNPACK path. When the right operand
// has no batch (x[B,T,C] @ W[C,N], every linear layer), the left batches are stacked into one
// [B*T, C] matrix and it is a single XNNPACK call.
//
// The stock backend also has no `UnsortedSegmentSum` kernel, which the gradient of `tf.gather`
// (embedding lookup) needs; it is added here as a plain loop over the wasm heap.
import * as tf from '@tensorflow/tfjs';

/** The parts of tfjs-backend-wasm's BackendWasm these kernels use (it exports no such type). */
interface WasmTensorData {
  id: number;
  memoryOffset: number;
  shape: number[];
  dtype: string;
}
interface WasmModule {
  cwrap(name: string, returnType: null, argTypes: string[]): (...args: unknown[]) => void;
  tfjs: {
    registerTensor(id: number, size: number, memoryOffset: number): void;
    disposeData(id: number): void;
  };
}
interface BackendWasmInternals {
  wasm: WasmModule;
  dataIdMap: { get(dataId: object): WasmTensorData };
  dataIdNextNumber: number;
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  disposeData(dataId: object, force?: boolean): boolean;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}
type KernelArgs = { inputs: Record<string, tf.TensorInfo>; backend: BackendWasmInternals; attrs: Record<string, unknown> };

/** The stock BatchMatMul kernel, kept so benchmarks can switch back to it and odd broadcasts fall back to it. */
let stockBatchMatMul: tf.KernelConfig | undefined;
let wasmBatchMatMulEntry: ((...args: unknown[]) => void) | undefined;

function shapeBytes(shape: number[]): Uint8Array {
  return new Uint8Array(new Int32Array(shape).buffer);
}

/** Registers a second id for memory owned by another tensor, so the C++ side can address a slice of it. */
function registerView(backend: BackendWasmInternals, memoryOffset: number, size: number): number {
  const id = backend.dataIdNextNumber++;
  backend.wasm.tfjs.registerTensor(id, size, memoryOffset);
  return id;
}

function transposeLastTwo(backend: BackendWasmInternals, x: tf.TensorInfo, batch: number, rows: number, cols: number): tf.TensorInfo {
  const transpose = tf.getKernel('Transpose', 'wasm')!.kernelFunc;
  const x3d: tf.TensorInfo = { dataId: x.dataId, shape: [batch, rows, cols], dtype: x.dtype };
  return transpose({ inputs: { x: x3d }, backend: backend as unknown as tf.KernelBackend, attrs: { perm: [0, 2, 1] } }) as tf.TensorInfo;
}

function batchMatMulViaXnnpack(args: KernelArgs): tf.TensorInfo {
  const { inputs, backend, attrs } = args;
  const a = inputs.a!;
  const b = inputs.b!;
  const transposeA = attrs.transposeA as boolean;
  const transposeB = attrs.transposeB as boolean;
  if (a.dtype !== 'float32' || b.dtype !== 'float32') throw new Error('BatchMatMul: only float32 is supported on wasm');
  const aRank = a.shape.length;
  const bRank = b.shape.length;
  const m = transposeA ? a.shape[aRank - 1]! : a.shape[aRank - 2]!;
  const k = transposeA ? a.shape[aRank - 2]! : a.shape[aRank - 1]!;
  const kB = transposeB ? b.shape[bRank - 1]! : b.shape[bRank - 2]!;
  const n = transposeB ? b.shape[bRank - 2]! : b.shape[bRank - 1]!;
  if (k !== kB) throw new Error(`matMul: inner dimensions ${k} and ${kB} of shapes [${a.shape}] and [${b.shape}] differ`);
  const outerA = a.shape.slice(0, -2);
  const outerB = b.shape.slice(0, -2);
  const batchA = outerA.reduce((p, d) => p * d, 1);
  const batchB = outerB.reduce((p, d) => p * d, 1);
  const sameOuter = outerA.length === outerB.length && outerA.every((d, i) => d === outerB[i]);
  if (!sameOuter && batchA !== 1 && batchB !== 1) {
    // General outer-dimension broadcasting ([2,1,..] x [1,3,..]); nothing in the model does this.
    return stockBatchMatMul!.kernelFunc(args as unknown as Parameters<tf.KernelFunc>[0]) as tf.TensorInfo;
  }
  const outOuter = tf.backend_util.assertAndGetBroadcastShape(outerA, outerB);
  const outShape = [...outOuter, m, n];

  // Row-major [batch, m, k] and [batch, k, n] operands; temporaries are disposed at the end.
  const aMat = transposeA ? transposeLastTwo(backend, a, batchA, k, m) : a;
  const bMat = transposeB ? transposeLastTwo(backend, b, batchB, n, k) : b;
  const out = backend.makeOutput(outShape, 'float32');
  const aData = backend.dataIdMap.get(aMat.dataId);
  const bData = backend.dataIdMap.get(bMat.dataId);
  const outData = backend.dataIdMap.get(out.dataId);
  const call = wasmBatchMatMulEntry!;

  if (batchB === 1) {
    // Every batch of A multiplies the same matrix: one [batchA*m, k] x [k, n] product.
    call(aData.id, shapeBytes([1, batchA * m, k]), 3, bData.id, shapeBytes([1, k, n]), 3, false, false, outData.id);
  } else {
    const batch = Math.max(batchA, batchB);
    const aShape = shapeBytes([1, m, k]);
    const bShape = shapeBytes([1, k, n]);
    for (let i = 0; i < batch; i++) {
      const aOffset = batchA === 1 ? 0 : i * m * k;
      const aId = batchA === 1 ? aData.id : registerView(backend, aData.memoryOffset + aOffset * 4, m * k);
      const bId = registerView(backend, bData.memoryOffset + i * k * n * 4, k * n);
      const outId = registerView(backend, outData.memoryOffset + i * m * n * 4, m * n);
      call(aId, aShape, 3, bId, bShape, 3, false, false, outId);
      // Disposing a view id drops XNNPACK's cached operator for it; the memory stays with its owner.
      if (aId !== aData.id) backend.wasm.tfjs.disposeData(aId);
      backend.wasm.tfjs.disposeData(bId);
      backend.wasm.tfjs.disposeData(outId);
    }
  }
  if (aMat !== a) backend.disposeData(aMat.dataId);
  if (bMat !== b) backend.disposeData(bMat.dataId);
  return out;
}

function unsortedSegmentSum(args: KernelArgs): tf.TensorInfo {
  const { inputs, backend, attrs } = args;
  const x = inputs.x!;
  const segmentIds = inputs.segmentIds!;
  const numSegments = attrs.numSegments as number;
  if (x.dtype !== 'float32') throw new Error(`UnsortedSegmentSum on wasm: float32 only, got ${x.dtype}`);
  const idRank = segmentIds.shape.length;
  const innerShape = x.shape.slice(idRank);
  const inner = innerShape.reduce((p, d) => p * d, 1);
  const out = backend.makeOutput([numSegments, ...innerShape], 'float32');
  // Views are taken after makeOutput: an allocation may grow (and detach) the wasm heap.
  const outValues = backend.typedArrayFromHeap(out) as Float32Array;
  const xValues = backend.typedArrayFromHeap(x) as Float32Array;
  const ids = backend.typedArrayFromHeap(segmentIds) as Int32Array;
  outValues.fill(0);
  for (let row = 0; row < ids.length; row++) {
    const segment = ids[row]!;
    if (segment < 0 || segment >= numSegments) continue; // TensorFlow drops out-of-range ids
    const src = row * inner;
    const dst = segment * inner;
    for (let j = 0; j < inner; j++) outValues[dst + j]! += xValues[src + j]!;
  }
  return out;
}

export type WasmMatMulKernel = 'xnnpack-per-slice' | 'stock';

/**
 * Registers the training kernels on the wasm backend (idempotent). `matMul: 'stock'` keeps (or
 * restores) tfjs's own BatchMatMul, for benchmarking against it.
 */
export function registerWasmTrainingKernels(options: { matMul?: WasmMatMulKernel } = {}): void {
  const matMul = options.matMul ?? 'xnnpack-per-slice';
  const current = tf.getKernel('BatchMatMul', 'wasm');
  if (!stockBatchMatMul) {
    if (!current) throw new Error('registerWasmTrainingKernels: the wasm backend is not loaded');
    stockBatchMatMul = current;
  }
  const backend = tf.findBackend('wasm') as unknown as BackendWasmInternals | null;
  if (!backend) throw new Error('registerWasmTrainingKernels: initialise the wasm backend first (tf.setBackend("wasm"))');
  // The stock entry point, wrapped once; its XNNPACK branch is what the per-slice calls reach.
  wasmBatchMatMulEntry ??= backend.wasm.cwrap('BatchMatMul', null, [
    'number',
    'array',
    'number',
    'number',
    'array',
    'number',
    'number',
    'number',
    'number',
  ]);
  tf.unregisterKernel('BatchMatMul', 'wasm');
  if (matMul === 'stock') tf.registerKernel(stockBatchMatMul);
  else tf.registerKernel({ kernelName: 'BatchMatMul', backendName: 'wasm', kernelFunc: batchMatMulViaXnnpack as unknown as tf.KernelFunc });
  if (!tf.getKernel('UnsortedSegmentSum', 'wasm')) {
    tf.registerKernel({ kernelName: 'UnsortedSegmentSum', backendName: 'wasm', kernelFunc: unsortedSegmentSum as unknown as tf.KernelFunc });
  }
}
