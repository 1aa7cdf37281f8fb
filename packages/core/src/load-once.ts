/**
 * A loader that runs `load` on its first call and hands every later caller the same promise: how a
 * package imports a costly library on first use rather than when the package is imported (once per
 * thread, since module state is per thread).
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => (loading ??= load());
}
