import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Doc, StepContext } from '@anneal/core';
import { extractMainText, extractStep } from '@anneal/extract';

const NEWS_PAGE = `<!doctype html>
<html lang="en-GB"><head>
<title>Harbour bridge reopens after repairs | Example Gazette</title>
<meta property="og:title" content="Harbour bridge reopens after repairs">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2026-11-30T08:00:00Z">
<script>var tracking = "Do not extract this script";</script>
<style>.x { color: red }</style>
</head><body>
<div id="cookie-banner">We use cookies to improve your experience. <a href="/privacy">Accept all cookies</a></div>
<header class="site-header"><a href="/">Example Gazette</a>
  <nav class="main-nav"><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
</header>
<div class="layout has-sidebar">
<main>
<article class="post tag-bridges category-city">
  <h1>Harbour bridge reopens after repairs</h1>
  <div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Tweet this</a></div>
  <div class="entry-content">
    <p>The harbour bridge reopened to traffic on Monday morning, three weeks after a barge struck one of its piers, the city council said.</p>
    <p>Engineers replaced two damaged bearings and inspected every cable, working through the night to finish before the weekend markets, which draw thousands of visitors to the old town.</p>
    <h2>What changes for drivers</h2>
    <p>Lorries over 30 tonnes must still use the ring road until the load tests end in December, and the speed limit on the bridge stays at 40 km/h for now.</p>
    <table><tr><th>Vehicle</th><th>Limit</th></tr><tr><td>Cars</td><td>40 km/h</td></tr><tr><td>Lorries</td><td>closed</td></tr></table>
  </div>
  <footer class="entry-footer">Tags: <a href="/t/bridges">bridges</a>, <a href="/t/traffic">traffic</a></footer>
</article>
<section id="comments" class="comments-area"><h3>3 comments</h3>
  <p class="comment">Finally! My commute was twice as long while the bridge was closed, and the detour went past three schools.</p>
</section>
</main>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Council approves new budget for the coming year</a></li><li><a href="/b">Storm warning issued for the weekend across the region</a></li></ul></aside>
</div>
<div class="related-posts"><h3>You might also like</h3><a href="/c">Ferry timetable changes announced for the winter season</a></div>
<footer id="site-footer"><p>© 2026 Example Gazette. All rights reserved. Imprint · Privacy · Contact</p></footer>
</body></html>`;

test('a news page: the article paragraphs in order, with blank lines; navigation, banners, share links, sidebar, related links and footer removed', () => {
  const page = extractMainText(NEWS_PAGE);
  assert.equal(
    page.text,
    [
      'Harbour bridge reopens after repairs',
      'The harbour bridge reopened to traffic on Monday morning, three weeks after a barge struck one of its piers, the city council said.',
      'Engineers replaced two damaged bearings and inspected every cable, working through the night to finish before the weekend markets, which draw thousands of visitors to the old town.',
      'What changes for drivers',
      'Lorries over 30 tonnes must still use the ring road until the load tests end in December, and the speed limit on the bridge stays at 40 km/h for now.',
      'Vehicle | Limit\nCars | 40 km/h\nLorries | closed',
    ].join('\n\n'),
  );
  assert.equal(page.title, 'Harbour bridge reopens after repairs');
  assert.equal(page.lang, 'en-GB');
  assert.equal(page.author, 'Jane Doe');
  assert.equal(page.date, '2026-11-30T08:00:00Z');
});

test('options: include_tables: false leaves the table out; include_comments: true keeps the comment thread', () => {
  const noTables = extractMainText(NEWS_PAGE, { includeTables: false, includeComments: false, favor: 'balanced' }).text;
  assert.ok(!noTables.includes('Lorries | closed'));
  assert.ok(noTables.includes('Engineers replaced two damaged bearings'));
  const withComments = extractMainText(NEWS_PAGE, { includeTables: true, includeComments: true, favor: 'recall' }).text;
  assert.ok(withComments.includes('My commute was twice as long'), withComments);
  assert.ok(!extractMainText(NEWS_PAGE).text.includes('My commute'), 'comments are left out by default');
});

test('a forum-less blog page built of divs (no <p>), with <br> line breaks and a <pre> block kept as written', () => {
  const html = `<html><body><div id="menu"><a href="/">Home</a> | <a href="/about">About</a></div>
    <div id="content"><div class="text">First paragraph of the post, long enough to count as text, written with a comma, and another one.</div>
    <div class="text">Second paragraph: it has a line break<br>right here, and goes on after it for a while longer.</div>
    <pre>for i in range(3):
    print(i)</pre></div>
    <div id="footer">Powered by a blog engine. Theme by someone.</div></body></html>`;
  const text = extractMainText(html).text;
  assert.equal(
    text,
    'First paragraph of the post, long enough to count as text, written with a comma, and another one.\n\n' +
      'Second paragraph: it has a line break\nright here, and goes on after it for a while longer.\n\n' +
      'for i in range(3):\n    print(i)',
  );
});

test('malformed HTML: unclosed tags, stray closing tags and bad entities still give the text', () => {
  const html =
    '<html><body><div class="content"><p>Unclosed paragraph one, which runs on for a while to be long enough &amp; more.<p>Paragraph two &bogus; has <b>bold <i>nested</b> text</i> and keeps going for some words.</div></span></td><p>Tail';
  const text = extractMainText(html).text;
  assert.ok(text.includes('Unclosed paragraph one, which runs on for a while to be long enough & more.'), text);
  assert.ok(text.includes('Paragraph two &bogus; has bold nested text and keeps going for some words.'), text);
});

test('100,000 nested tags: no stack overflow, the text inside is extracted', () => {
  const depth = 100_000;
  const words = 'Deeply nested text survives the parser, the scorer and the writer, all of which walk without recursion.';
  const html = '<html><body>' + '<div>'.repeat(depth) + `<p>${words}</p>` + '</div>'.repeat(depth) + '<p>After the nest.</p></body></html>';
  const page = extractMainText(html);
  assert.ok(page.text.includes(words), page.text.slice(0, 200));
  const unclosed = extractMainText('<html><body>' + '<span><div>'.repeat(depth) + words);
  assert.ok(unclosed.text.includes(words));
});

function runStep(docs: Doc[], options = { include_tables: true, include_comments: false, favor_precision: false, favor_recall: false }) {
  const out: Doc[] = [];
  const drops: string[] = [];
  const errors: string[] = [];
  const ctx: StepContext = {
    rank: 0,
    worldSize: 1,
    seed: 0,
    drop: (_doc, reason) => drops.push(reason),
    error: (_doc, reason) => errors.push(String(reason)),
  };
  return (async () => {
    for await (const doc of extractStep(options).run(
      (async function* () {
        yield* docs;
      })(),
      ctx,
    ))
      out.push(doc);
    return { out, drops, errors };
  })();
}

test('the extract step: text replaced by the main text, metadata added (crawl date kept as crawl_date), an empty page dropped as extract_empty', async () => {
  const { out, drops, errors } = await runStep([
    { id: 'a', text: NEWS_PAGE, metadata: { url: 'https://gazette.example/bridge', date: '2026-12-01T00:00:00Z' } },
    { id: 'b', text: '<html><head><title>Nothing here</title></head><body><nav><a href="/">Home</a></nav></body></html>', metadata: {} },
    { id: 'c', text: 'Plain text \u0000\u0001 that is not HTML at all, but a sentence all the same.', metadata: {} },
  ]);
  assert.deepEqual(errors, []);
  assert.deepEqual(drops, ['extract_empty']);
  assert.equal(out.length, 2);
  const article = out[0]!;
  assert.ok(article.text.startsWith('Harbour bridge reopens after repairs\n\nThe harbour bridge reopened'));
  assert.equal(article.metadata.title, 'Harbour bridge reopens after repairs');
  assert.equal(article.metadata.date, '2026-11-30T08:00:00Z');
  assert.equal(article.metadata.crawl_date, '2026-12-01T00:00:00Z');
  assert.equal(article.metadata.url, 'https://gazette.example/bridge');
  assert.equal(out[1]!.id, 'c', 'text that is not HTML is read as text');
});
