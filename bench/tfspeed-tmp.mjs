const tf = await import('@tensorflow/tfjs');
const threads = process.argv[3] ?? '1';
process.env.TF_NUM_INTRAOP_THREADS = threads; process.env.TF_NUM_INTEROP_THREADS = threads; process.env.TF_CPP_MIN_LOG_LEVEL='2';
const { initBackend, createModel, SingleThreadTrainer, clipGradsByGlobalNorm, accumulateGradients } = await import('/work/main/packages/trainer/dist/src/index.js');
await initBackend(process.argv[2]);
const CHEAP = { batchSize: 12, model: { vocabSize: 256, dModel: 128, nLayers: 4, nHeads: 4, maxSeqLen: 64 } };
const LARGER = { batchSize: 4, model: { vocabSize: 256, dModel: 384, nLayers: 6, nHeads: 6, nKvHeads: 2, maxSeqLen: 128 } };
const { resolveModelConfig } = await import('/work/main/packages/trainer/dist/src/index.js');
for (const c of [CHEAP, LARGER]) {
  const config = resolveModelConfig(c.model);
  const T = config.maxSeqLen;
  const model = createModel(config, 0);
  const trainer = new SingleThreadTrainer(model, { schedule: { kind: 'constant', maxLr: 1e-3, minLr: 1e-3, warmupSteps: 0, totalSteps: 1 }, optimizer: { beta2: 0.99 }, gradClip: 1 });
  const batch = { tokens: new Int32Array(c.batchSize * (T + 1)).map((_, i) => (i * 31) % 256), batchSize: c.batchSize, seqLen: T };
  for (let i = 0; i < 5; i++) trainer.trainStepSync([batch]);
  const n = 30; let tg = 0, tc = 0, to = 0;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const a = performance.now();
    const { grads } = accumulateGradients(model, [batch]);
    const b = performance.now();
    clipGradsByGlobalNorm(grads, 1);
    const cc = performance.now();
    trainer.optimizer.apply(grads, 1e-3); tf.dispose([...grads.values()]);
    const d = performance.now();
    tg += b - a; tc += cc - b; to += d - cc;
  }
  const s = (performance.now() - t0) / 1000;
  console.log(`${process.argv[2]} threads=${threads} B${c.batchSize} T${T} d${config.dModel}: ${(n * c.batchSize * T / s).toFixed(0)} tok/s; ms/step fwd+bwd ${(tg/n).toFixed(1)} clip ${(tc/n).toFixed(1)} adamw ${(to/n).toFixed(1)}`);
}
