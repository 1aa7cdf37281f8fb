/**
 * JSON that can sit inside an HTML `<script type="application/json">` element. The HTML parser
 * ends a script element at the first `</script` whatever JSON thinks of it, and `<!--` changes
 * how it scans, so `<`, `>` and `&` are written as \u escapes (still the same JSON value). U+2028
 * and U+2029 are escaped too: valid in JSON strings but line terminators in older JavaScript, they
 * would break the data if it were ever read as a script literal.
 */
export function jsonForScriptElement(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new Error('jsonForScriptElement: value has no JSON form');
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
