import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inlineScript, type InlineScript } from './inline-script.js';

/**
 * Chart.js's UMD bundle, read from node_modules, to be inlined into the report so the page needs
 * no network. Chart.js was chosen over Vega-Lite (+ vega + vega-embed: ~830 KB in three bundles,
 * and vega compiles expressions with `new Function`, which a strict CSP forbids) and uPlot (51 KB
 * but built for time series: no stacked bars or doughnuts). Chart.js is one 210 KB file with its
 * one dependency bundled, has no eval, and draws bars, stacked bars and doughnuts on canvas.
 */
let cached: InlineScript | undefined;

export function chartJsBundle(): InlineScript {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  // the package's exports do not list the UMD build, so find it beside the CommonJS entry
  const path = join(dirname(require.resolve('chart.js')), 'chart.umd.min.js');
  // the source-map comment would point DevTools at a file that is not shipped with the report
  const source = readFileSync(path, 'utf8').replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n');
  cached = inlineScript(source, path);
  return cached;
}
