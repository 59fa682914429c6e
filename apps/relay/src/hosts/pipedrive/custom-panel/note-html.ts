/**
 * @module pipedrive/note-html
 * Pipedrive stores a note's content as HTML. The summary is text built from customer data, so it
 * is escaped whole and its line breaks become `<br>`: nothing in a profile can add markup to a note.
 */
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

export function noteHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch).replace(/\r?\n/g, '<br>')
}
