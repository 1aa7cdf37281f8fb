// An esbuild plugin for scripts/bundle-cli.mjs: a workspace package's static `import { a, b } from
// '@anneal/x'` becomes imports of the modules that define a and b, not of the package's index.
//
// Why: esbuild splits code into chunks by whole files, and a file reached through an index's
// re-exports counts as reached even when nothing of it is used. Through '@anneal/pipeline'
// `anneal validate` (which needs the config schemas) shared a chunk with every step's code and
// its native and WASM dependencies. Imported from the defining modules, each verb's chunks hold
// what it uses. The packages declare "sideEffects": false: a module that is not imported need not
// run. Dynamic `import('@anneal/x')` (the trainer, loaded late) is left to the index.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const PACKAGES = join(import.meta.dirname, '..', '..', 'packages');

/** Names a compiled module exports, each with the file that defines it (following `export ... from`). */
function exportedNames(file, seen = new Set()) {
  const names = new Map();
  if (seen.has(file)) return names;
  seen.add(file);
  const source = readFileSync(file, 'utf8');
  for (const m of source.matchAll(/^export (?:async )?(?:function\*?|const|let|var|class) ([\w$]+)/gm)) names.set(m[1], file);
  for (const m of source.matchAll(/^export \{([^}]*)\}(?: from '([^']+)')?;/gm)) {
    for (const spec of m[1]
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean)) {
      const [local, exported = local] = spec.split(/\s+as\s+/);
      if (!m[2]) names.set(exported, file);
      else if (local === exported && m[2].startsWith('.')) {
        const from = resolve(dirname(file), m[2]);
        names.set(exported, exportedNames(from, new Set()).get(local) ?? from);
      } else names.set(exported, null); // renamed or from another package: left to the index
    }
  }
  for (const m of source.matchAll(/^export \* from '(\.[^']+)';/gm)) {
    for (const [name, at] of exportedNames(resolve(dirname(file), m[1]), seen)) if (!names.has(name)) names.set(name, at);
  }
  return names;
}

const indexes = new Map();
function definingModules(pkg) {
  if (!indexes.has(pkg)) indexes.set(pkg, exportedNames(join(PACKAGES, pkg, 'dist', 'src', 'index.js')));
  return indexes.get(pkg);
}

/** `import { a, b as c } from '@anneal/x';` → one import per defining module, or the line unchanged. */
function rewrite(source) {
  return source.replace(/^import \{([^}]*)\} from '@anneal\/([\w-]+)';$/gm, (line, specs, pkg) => {
    const defined = definingModules(pkg);
    const byFile = new Map();
    for (const spec of specs
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean)) {
      const [name] = spec.split(/\s+as\s+/);
      const file = defined.get(name);
      if (!file) return line;
      byFile.set(file, [...(byFile.get(file) ?? []), spec]);
    }
    return [...byFile].map(([file, list]) => `import { ${list.join(', ')} } from ${JSON.stringify(file)};`).join(' ');
  });
}

export const importFromDefiningModules = {
  name: 'import-from-defining-modules',
  setup(build) {
    build.onLoad({ filter: /[\\/]packages[\\/][\w-]+[\\/]dist[\\/]src[\\/].*\.js$/ }, (args) => ({
      contents: rewrite(readFileSync(args.path, 'utf8')),
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};
