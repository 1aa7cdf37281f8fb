import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

/**
 * Preloaded into a child (`node --import <this> packages/cli/bin/anneal.js ...`): when the process
 * exits, writes its peak resident set size in KiB — the whole process, worker threads included —
 * to the file named by ANNEAL_PEAK_RSS_FILE, so a test can assert a memory bound on a real run.
 */
const target = process.env.ANNEAL_PEAK_RSS_FILE;
if (target && isMainThread) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
