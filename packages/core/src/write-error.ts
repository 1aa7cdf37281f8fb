/**
 * Node's stream and file-handle write errors carry no path ("ENOSPC: no space left on device,
 * write"), so a user cannot tell which disk filled up or which file was cut short. This names the
 * file being written (its final name, and the temporary the bytes went to) and keeps the error code,
 * so callers can still branch on `code === 'ENOSPC'`.
 */
export class FileWriteError extends Error {
  readonly code: string | undefined;

  constructor(
    readonly path: string,
    cause: unknown,
    temporaryPath?: string,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const via = temporaryPath && temporaryPath !== path ? ` (through temporary ${temporaryPath})` : '';
    super(`cannot write ${path}${via}: ${reason}`, { cause });
    this.name = 'FileWriteError';
    this.code = (cause as NodeJS.ErrnoException | undefined)?.code;
  }
}

/** Wraps a write failure so its message names `path`; an error that already names a file is kept. */
export function namingWrittenFile(err: unknown, path: string, temporaryPath?: string): Error {
  if (err instanceof FileWriteError) return err;
  const errno = err as NodeJS.ErrnoException | undefined;
  // fs errors from open() or rename() already carry the path; write() errors and anything else do not
  if (errno && typeof errno.path === 'string' && errno.message.includes(errno.path)) return err as Error;
  return new FileWriteError(path, err, temporaryPath);
}
