import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { escapeHtml, jsonForScriptElement } from '../src/index.js';
import { inlineScript } from '../src/inline-script.js';

const unescapeHtml = (s: string): string =>
  s.replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!);

test('escapeHtml leaves no markup characters and is undone by the entity decoding a browser does', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (text) => {
      const escaped = escapeHtml(text);
      assert.doesNotMatch(escaped, /[<>"']/);
      assert.equal(unescapeHtml(escaped), text);
    }),
  );
  assert.equal(
    escapeHtml('<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'),
    '&lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;',
  );
});

test('jsonForScriptElement: the same JSON value, with nothing that could end or alter a <script> element', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const embedded = jsonForScriptElement(value);
      assert.doesNotMatch(embedded, /[<>&\u2028\u2029]/);
      assert.deepEqual(JSON.parse(embedded), JSON.parse(JSON.stringify(value)));
    }),
  );
  const hostile = { text: '</script><script>alert(1)</script><!-- \u2028\u2029 &amp;' };
  const embedded = jsonForScriptElement(hostile);
  assert.ok(!embedded.toLowerCase().includes('</script'));
  assert.ok(!embedded.includes('<!--'));
  assert.deepEqual(JSON.parse(embedded), hostile);
});

test('inlineScript refuses a source that would end its <script> element early, naming where', () => {
  assert.throws(() => inlineScript('var s = "</SCRIPT>";', 'bundle.js'), /bundle\.js: cannot be inlined .*"<\/SCRIPT" at offset 9/);
  assert.throws(() => inlineScript('x = 1 <!-- y', 'bundle.js'), /"<!--"/);
  const ok = inlineScript('console.log(1)', 'ok.js');
  assert.match(ok.cspHash, /^'sha256-[A-Za-z0-9+/]{43}='$/);
});
