// Kernel overrides for the native `tensorflow` backend (@tensorflow/tfjs-node). Every kernel there is
// one N-API call and one eager TensorFlow op, so a kernel that computes nothing still costs tens of
// microseconds; at the trainer's model sizes that per-op cost, not arithmetic, bounds a step.
//
// Cast to the dtype a tensor already has: tfjs's gradient functions cast every upstream gradient to
// float32 (≈ 110 casts per step at 4 layers), which tfjs-node runs as real TensorFlow `Cast` ops.
// A same-dtype cast now shares the input's handle, as tfjs-node's own Identity kernel does.
//
// BatchMatMul of two matrices: tfjs-node always runs TensorFlow's BatchMatMulV2, which on the CPU
// is markedly slower than its 2-D MatMul for the trainer's shapes (measured at 1 thread: 1.3–2.4×
// at d 128–384; see bench/README.md). Every linear layer and its gradients are 2-D, so they now
// run as MatMul; batched (attention) products keep BatchMatMulV2.
import * as tf from '@tensorflow/tfjs';

interface NativeBackend {
  incRef(dataId: unknown): void;
  executeSingleOutput(name: string, attrs: Array<{ name: string; type: number; value: unknown }>, inputs: tf.TensorInfo[]): tf.TensorInfo;
  binding: { TF_ATTR_BOOL: number; TF_ATTR_TYPE: number; TF_FLOAT: number };
}

let registered = false;

export function registerNativeTrainingKernels(): void {
  if (registered) return;
  const stock = tf.getKernel('Cast', 'tensorflow');
  const stockMatMul = tf.getKernel('BatchMatMul', 'tensorflow');
  if (!stock || !stockMatMul) return;
  tf.unregisterKernel('Cast', 'tensorflow');
  tf.registerKernel({
    kernelName: 'Cast',
    backendName: 'tensorflow',
    kernelFunc: (args) => {
      const x = args.inputs.x as tf.TensorInfo;
      if (x.dtype === (args.attrs as { dtype: tf.DataType }).dtype) {
        (args.backend as unknown as NativeBackend).incRef(x.dataId);
        return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
      }
      return stock.kernelFunc(args);
    },
  });
  tf.unregisterKernel('BatchMatMul', 'tensorflow');
  tf.registerKernel({
    kernelName: 'BatchMatMul',
    backendName: 'tensorflow',
    kernelFunc: (args) => {
      const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
      if (a.shape.length !== 2 || b.shape.length !== 2 || a.dtype !== 'float32' || b.dtype !== 'float32') return stockMatMul.kernelFunc(args);
      const backend = args.backend as unknown as NativeBackend;
      const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
      const { TF_ATTR_BOOL, TF_ATTR_TYPE, TF_FLOAT } = backend.binding;
      return backend.executeSingleOutput(
        'MatMul',
        [
          { name: 'T', type: TF_ATTR_TYPE, value: TF_FLOAT },
          { name: 'transpose_a', type: TF_ATTR_BOOL, value: transposeA },
          { name: 'transpose_b', type: TF_ATTR_BOOL, value: transposeB },
        ],
        [a, b],
      );
    },
  });
  registered = true;
}
