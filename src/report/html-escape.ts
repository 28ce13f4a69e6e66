/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Serialises a value as JSON that is safe inside a `<script>` element:
 * `<`, `>` and `&` become unicode escapes, so no `</script>` or `<!--`
 * in the data can end or confuse the element, and JSON.parse returns the
 * value unchanged.
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Makes JavaScript source safe to inline in a `<script>` element by
 * breaking up `</script` and `<!--` (both only occur inside strings,
 * regular expressions or comments, where `<\/` and `<\!` mean the same).
 */
export function inlineScript(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}
