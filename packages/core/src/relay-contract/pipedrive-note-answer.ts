/**
 * @module relay-contract/pipedrive-note-answer
 * The relay's answer to `POST /pipedrive/v1/notes` (201): the id of the note it added to the record.
 */
import { z } from 'zod/mini'

export const noteAnswerSchema = z.object({ id: z.number() })
export type NoteAnswer = z.infer<typeof noteAnswerSchema>
