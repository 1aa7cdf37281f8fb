// Kernel overrides for the native `tensorflow` backend (@tensorflow/tfjs-node). Every kernel there is
// one N-API call and one eager TensorFlow op, so a kernel that computes nothing still costs tens of
// microseconds; at the trainer's model sizes that per-op cost, not arithmetic, bounds a step.
//
// Cast to the dtype a tensor already has: tfjs's gradient functions cast every upstream gradient to
// float32 (≈ 110 casts per step at 4 layers), which tfjs-node runs as real TensorFlow `Cast` ops.
// A same-dtype cast now shares the input's handle, as tfjs-node's own Identity kernel does.
import * as tf from '@tensorflow/tfjs';

let registered = false;

export function registerNativeTrainingKernels(): void {
  if (registered) return;
  const stock = tf.getKernel('Cast', 'tensorflow');
  if (!stock) return;
  tf.unregisterKernel('Cast', 'tensorflow');
  tf.registerKernel({
    kernelName: 'Cast',
    backendName: 'tensorflow',
    kernelFunc: (args) => {
      const x = args.inputs.x as tf.TensorInfo;
      if (x.dtype === (args.attrs as { dtype: tf.DataType }).dtype) {
        (args.backend as unknown as { incRef(dataId: unknown): void }).incRef(x.dataId);
        return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
      }
      return stock.kernelFunc(args);
    },
  });
  registered = true;
}
