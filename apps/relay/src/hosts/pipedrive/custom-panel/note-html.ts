/**
 * @module hosts/pipedrive/custom-panel/note-html
 * Pipedrive stores a note's content as HTML. The summary is text built from customer data, so
 * every line of it goes through hono/html, which escapes interpolated text (`&<>"'`), and only the
 * line breaks become markup (`<br>`): nothing in a profile can add markup to a note. The text comes
 * from the browser, so bidi controls are neutralised here too (core's neutralizeBidi), whatever
 * the panel sent: Pipedrive shows notes outside our panel.
 */
import { neutralizeBidi } from '@intilery-connect/core'
import { html, raw } from 'hono/html'

const BREAK = raw('<br>')

export function noteHtml(text: string): string {
  const parts = neutralizeBidi(text)
    .split(/\r?\n/)
    .flatMap((line, i) => (i === 0 ? [line] : [BREAK, line]))
  const note = html`${parts}`
  // `html` answers a promise only when something interpolated is one, never for these parts.
  if (note instanceof Promise) throw new TypeError('noteHtml: hono/html answered a promise')
  return note.toString()
}
