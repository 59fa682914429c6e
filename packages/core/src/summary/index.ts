/**
 * @module summary
 * Notes an agent pastes into a ticket or a deal: text or escaped Markdown.
 */
export { summarize, type SummarizeOptions } from './summarize.ts'
export { notableEntries, NOTABLE_KINDS, DEFAULT_NOTABLE_LIMIT } from './notable-events.ts'
export { escapeMarkdown, oneLine, type NoteFormat } from './note-text.ts'
