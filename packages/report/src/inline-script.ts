import { createHash } from 'node:crypto';

/**
 * A script's source, checked so it can be placed inside a `<script>` element of an HTML file, and
 * its CSP hash. A source containing `</script` or `<!--` would end or alter the element early;
 * rather than rewrite a third-party bundle, refuse it.
 */
export interface InlineScript {
  source: string;
  /** `'sha256-…'` for the page's Content-Security-Policy `script-src`. */
  cspHash: string;
}

export function inlineScript(source: string, origin: string): InlineScript {
  const found = /<\/script|<!--/i.exec(source);
  if (found) {
    throw new Error(`${origin}: cannot be inlined into an HTML <script> element: contains "${found[0]}" at offset ${found.index}`);
  }
  const digest = createHash('sha256').update(source, 'utf8').digest('base64');
  return { source, cspHash: `'sha256-${digest}'` };
}
