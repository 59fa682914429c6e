/**
 * @module summary/note-text
 * A note is built as plain-text blocks first, then rendered as text or Markdown. Markdown escapes
 * the whole of every line (our labels, Intl output and data alike) before adding its own `**` and
 * `- `: data can then never open a link, an image, raw HTML or emphasis, and Intl output such as
 * "22. Nov." can never start a numbered list. Our catalogue text has no intended Markdown, so
 * escaping it changes nothing on screen.
 */

import { neutralizeBidi } from '../visible-text.ts'

export type NoteFormat = 'text' | 'markdown'

/** `heading`: bold in Markdown; `field`: one "Label: value" line; `item`: a bullet; `blank`. */
export type NoteBlock =
  | { readonly type: 'heading' | 'field' | 'item' | 'line'; readonly text: string }
  | { readonly type: 'blank' }

/**
 * Control characters, line and paragraph separators and tabs become spaces: a value with a line
 * break could otherwise forge a line of the note ("Consent: Subscribed") or, in Markdown, start a
 * block (a heading, a quote, a list). Runs of spaces are kept: data stays otherwise verbatim.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g

export function oneLine(text: string): string {
  return text.replace(LINE_BREAKING, ' ')
}

/**
 * Inline syntax is escaped wherever it appears: `\` `` ` `` `*` `_` `{` `}` `[` `]` `(` `)` `<` `>`
 * `#` `!` `|` `~` `&` (links, images, raw HTML, emphasis, code, tables, strikethrough; `&` so that
 * `&lt;` in data stays `&lt;` rather than becoming an entity). Block syntax (`-`, `+`, `=`, `1.`)
 * only means something at the start of a line, so only a leading one is escaped: emails and decimals
 * stay readable in the raw note. CommonMark reads a backslash before any ASCII punctuation as that
 * character, so the rendered note shows the data exactly. What escaping cannot stop: a GFM renderer
 * still autolinks a bare `https://…` or `www.…` in data, but such a link shows its own target, so it
 * cannot disguise one (unlike `[text](url)`, which is escaped).
 */
const INLINE_SPECIAL = /[\\`*_{}[\]()<>#!|~&]/g

export function escapeMarkdown(text: string): string {
  return text
    .replace(INLINE_SPECIAL, '\\$&')
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2')
}

function renderBlock(block: NoteBlock, format: NoteFormat): string {
  if (block.type === 'blank') return ''
  // Trimmed: leading spaces could make Markdown read a code block, trailing ones break `**`.
  // Bidi controls neutralised: a note is read outside our panels, where nothing else would.
  const text = neutralizeBidi(oneLine(block.text)).trim()
  if (format === 'text') return block.type === 'item' ? `- ${text}` : text
  const escaped = escapeMarkdown(text)
  switch (block.type) {
    case 'heading':
      return `**${escaped}**`
    // Fields are bullets in Markdown: consecutive plain lines would merge into one paragraph.
    case 'field':
    case 'item':
      return `- ${escaped}`
    case 'line':
      return escaped
  }
}

/** Renders blocks, separating a heading from what precedes it by one blank line. */
export function renderNote(blocks: readonly NoteBlock[], format: NoteFormat): string {
  const lines: string[] = []
  for (const block of blocks) {
    const previous = lines[lines.length - 1]
    const needsGap = block.type === 'heading' || block.type === 'line'
    if (needsGap && previous !== undefined && previous !== '') lines.push('')
    if (block.type === 'blank' && (previous === undefined || previous === '')) continue
    lines.push(renderBlock(block, format))
  }
  while (lines[lines.length - 1] === '') lines.pop()
  return lines.join('\n')
}
