/**
 * Escapes text for HTML element content and quoted attribute values. Document text is untrusted
 * (web pages carry markup, scripts and event handlers), so every byte of it that reaches the
 * report goes through here; the report never builds markup from document text any other way.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
