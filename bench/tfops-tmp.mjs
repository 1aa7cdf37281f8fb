const tf = await import('@tensorflow/tfjs');
process.env.TF_CPP_MIN_LOG_LEVEL='2';
const T = await import('../packages/trainer/dist/src/index.js');
await T.initBackend(process.argv[2] ?? 'tensorflow');
const config = T.resolveModelConfig({ vocabSize: 256, dModel: 128, nLayers: 4, nHeads: 4, maxSeqLen: 64 });
const model = T.createModel(config, 0);
const trainer = new T.SingleThreadTrainer(model, { schedule: { kind: 'constant', maxLr: 1e-3, minLr: 1e-3, warmupSteps: 0, totalSteps: 1 }, optimizer: { beta2: 0.99 }, gradClip: 1 });
const batch = { tokens: new Int32Array(12 * 65).map((_, i) => (i * 31) % 256), batchSize: 12, seqLen: 64 };
const backend = tf.backend();
const counts = {}; let phase = 'fwdbwd';
const kernels = tf.getKernelsForBackend(tf.getBackend());
for (const k of kernels) { const f = k.kernelFunc; k.kernelFunc = (args) => { counts[phase] ??= {}; counts[phase][k.kernelName] = (counts[phase][k.kernelName] ?? 0) + 1; return f(args); }; }
let grads = T.accumulateGradients(model, [batch]).grads;
phase = 'clip'; T.clipGradsByGlobalNorm(grads, 1);
phase = 'adamw'; trainer.optimizer.apply(grads, 1e-3);
for (const [p, h] of Object.entries(counts)) console.log(p, Object.values(h).reduce((a, b) => a + b, 0), Object.entries(h).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}:${v}`).join(' '));
