#!/usr/bin/env node
// Lines of the TypeScript/JavaScript sources stay within the formatter's width (biome.jsonc, 150).
// Biome breaks code to that width but not what cannot be broken: a long string, template or regex
// literal, and comments (which it does not rewrap). So a line passes when it fits once the literals
// on it and the URLs in its comments are left out: the code and the prose around them must fit.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import ts from 'typescript';

const WIDTH = JSON.parse(
  readFileSync('biome.jsonc', 'utf8')
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n'),
).formatter.lineWidth;
const URL = /\bhttps?:\/\/\S+/g;

/** The files Biome formats: tracked sources outside dist/, node_modules/ and tests/fixtures/. */
function sourceFiles() {
  const tracked = execFileSync('git', ['ls-files', '-z', '--', '*.ts', '*.mjs', '*.js'], { encoding: 'utf8' }).split('\0');
  return tracked.filter((f) => f !== '' && !f.startsWith('tests/fixtures/') && !/(^|\/)(dist|node_modules)\//.test(f));
}

/** [start, end) offsets of every string, template and regex literal (a template with its substitutions). */
function literalSpans(file, text) {
  const kind = file.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, kind);
  const spans = [];
  const visit = (node) => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateExpression(node) ||
      ts.isRegularExpressionLiteral(node)
    ) {
      spans.push([node.getStart(source), node.end]);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return spans;
}

const problems = [];
for (const file of sourceFiles()) {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  if (!lines.some((line) => line.length > WIDTH)) continue;
  const spans = literalSpans(file, text);
  let offset = 0;
  lines.forEach((line, i) => {
    const start = offset;
    offset += line.length + 1;
    if (line.length <= WIDTH) return;
    let unbreakable = 0;
    for (const [a, b] of spans) unbreakable += Math.max(0, Math.min(b, start + line.length) - Math.max(a, start));
    // a URL anywhere on the line (a comment's, most often) cannot be broken either
    if (unbreakable === 0) for (const m of line.matchAll(URL)) unbreakable += m[0].length;
    const rest = line.length - unbreakable;
    if (rest > WIDTH) problems.push(`${file}:${i + 1}: ${line.length} columns (${rest} without its literals and URLs; at most ${WIDTH})`);
  });
}

if (problems.length > 0) {
  console.error(`line width: ${problems.length} line(s) over ${WIDTH} columns\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`line width: ok (at most ${WIDTH} columns, literals and URLs aside)`);
