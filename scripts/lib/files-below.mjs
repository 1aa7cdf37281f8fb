// A recursive listing for the repository scripts (no glob dependency for them to load).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file below `dir` whose name ends with `suffix`, depth first in directory order; none when `dir` is absent. */
export function filesBelow(dir, suffix, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) filesBelow(p, suffix, out);
    else if (name.endsWith(suffix)) out.push(p);
  }
  return out;
}
