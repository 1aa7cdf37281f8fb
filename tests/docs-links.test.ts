// The README and docs link to each other and into the tree; a moved file or a renamed heading must
// not leave a dead link behind. Checks every relative link of every tracked Markdown file outside
// node_modules and fixtures: the file exists, and a #fragment names a heading of it (GitHub's slugs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { repoRoot } from './support/harness.js';

const SKIP_DIRS = new Set(['node_modules', 'dist', 'out', '.git', 'fixtures', 'sample']);

function markdownFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (!SKIP_DIRS.has(name) && !name.startsWith('.')) markdownFiles(p, out);
    } else if (name.endsWith('.md')) out.push(p);
  }
  return out;
}

/** GitHub's heading anchor: lower case, punctuation other than `-` and `_` removed, spaces to `-`. */
function slug(heading: string): string {
  return heading
    .replace(/`/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const m = !fenced && /^#{1,6}\s+(.*)$/.exec(line);
    if (!m) continue;
    const base = slug(m[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Inline links `[text](target)` outside code fences and code spans. */
function links(markdown: string): Array<{ target: string; line: number }> {
  const out: Array<{ target: string; line: number }> = [];
  let fenced = false;
  markdown.split('\n').forEach((line, i) => {
    if (line.startsWith('```')) fenced = !fenced;
    if (fenced) return;
    const prose = line.replace(/`[^`]*`/g, '');
    for (const m of prose.matchAll(/\]\(([^)\s]+)\)/g)) out.push({ target: m[1]!, line: i + 1 });
  });
  return out;
}

test('every relative link in the README and docs points at a file that exists, and at a heading it has', () => {
  const problems: string[] = [];
  const files = markdownFiles(repoRoot);
  assert.ok(files.length >= 10, `found ${files.length} Markdown files`);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const { target, line } of links(text)) {
      if (/^[a-z]+:/i.test(target)) continue; // http(s):, mailto:
      const [path, fragment] = target.split('#') as [string, string | undefined];
      const resolved = path === '' ? file : join(dirname(file), decodeURIComponent(path));
      const where = `${relative(repoRoot, file)}:${line}: ${target}`;
      if (!existsSync(resolved)) {
        problems.push(`${where}: no such file`);
        continue;
      }
      if (fragment && resolved.endsWith('.md') && !anchors(readFileSync(resolved, 'utf8')).has(fragment)) {
        problems.push(`${where}: no heading with that anchor`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('the README stays short: under 300 lines, opening with the two commands', () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  assert.ok(readme.split('\n').length < 300, `README.md has ${readme.split('\n').length} lines`);
  assert.match(readme, /^```\nnpm ci && npm start[^\n]*\nnpm ci && npm test/);
});
