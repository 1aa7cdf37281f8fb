import { access } from 'node:fs/promises';

/** Whether anything exists at `path` (a file, a folder, a link that resolves); never throws. */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
