/** Text into HTML, and data into a script element, without giving either a way out of its context. */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

/**
 * JSON for `<script type="application/json">`. Escaping `<` keeps any `</script>` or `<!--` in the
 * data (file paths, messages, code excerpts) from closing the element; JSON.parse reads `\u003c` back.
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
