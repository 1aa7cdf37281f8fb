const tf = await import('@tensorflow/tfjs');
process.env.TF_CPP_MIN_LOG_LEVEL='2';
const T = await import('../packages/trainer/dist/src/index.js');
await T.initBackend(process.argv[2] ?? 'tensorflow');
const config = T.resolveModelConfig({ vocabSize: 256, dModel: 128, nLayers: 4, nHeads: 4, maxSeqLen: 64 });
const model = T.createModel(config, 0);
const batch = { tokens: new Int32Array(12 * 65).map((_, i) => (i * 31) % 256), batchSize: 12, seqLen: 64 };
const want = process.argv[3] ?? 'Identity';
const sites = {};
for (const k of tf.getKernelsForBackend(tf.getBackend())) { if (k.kernelName !== want) continue; const f = k.kernelFunc; k.kernelFunc = (args) => { const st = new Error().stack.split('\n').slice(2, 40).filter(l => !l.includes('node_modules/@tensorflow/tfjs-node')).map(l => l.trim().replace(/\(.*node_modules\//, '(').replace(/\(.*\/packages\//, '(')).filter(l=>!l.includes("tf-core.node.js")).slice(0,6).join(' | '); sites[st] = (sites[st] ?? 0) + 1; return f(args); }; }
T.accumulateGradients(model, [batch]);
for (const [s, n] of Object.entries(sites).sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(n, s, '\n');
