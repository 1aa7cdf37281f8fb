#!/usr/bin/env node
// Entry point for `npx anneal`; the TypeScript sources are compiled to dist/ by `npm ci` (prepare).
import { main } from '../dist/src/main.js';

process.exitCode = await main(process.argv);
