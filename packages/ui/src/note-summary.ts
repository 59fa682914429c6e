/**
 * @module note-summary
 * Core's customer summary for the note action (summary/ in core: the Markdown and text notes),
 * loaded with import(): it runs only when the agent adds a note, so it is no part of the first
 * paint. NoteAction asks for it once the panel has painted, so a click finds it loaded.
 */
export { summarize } from '@intilery-connect/core'
