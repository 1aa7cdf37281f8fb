import { createRequire } from 'node:module';

/** The parts of the `fasttext` npm binding (vunb/node-fasttext) anneal uses. */
export interface FastTextAddon {
  Classifier: new (
    modelPath?: string,
  ) => {
    predict(text: string, k: number): Promise<Array<{ label: string; value: number }>>;
    train(command: 'supervised', options: Record<string, string | number>): Promise<unknown>;
  };
}

let addon: FastTextAddon | undefined;

/**
 * Loads the native addon on first use, not at import, so `anneal --help` and every pipeline without
 * a classifier work even where the addon failed to build. It is an N-API module, so each worker
 * thread that calls this gets its own working instance.
 */
export function fastTextAddon(): FastTextAddon {
  if (addon) return addon;
  try {
    addon = createRequire(import.meta.url)('fasttext') as FastTextAddon;
  } catch (err) {
    throw new Error(
      `the fastText native addon (npm package "fasttext") could not be loaded: ${(err as Error).message.split('\n')[0]}; ` +
        'npm ci builds it with node-gyp, which needs a C++ compiler',
    );
  }
  return addon;
}
