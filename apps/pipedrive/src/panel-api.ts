/**
 * @module panel-api
 * The Pipedrive-only relay routes the panel calls (the profile reads go through ui's relay client):
 * who the record is about, and writing the summary as a note on it. Answers are checked before use.
 */
import {
  noteAnswerSchema,
  type PipedriveResource,
  type RelayErrorCode,
  type Subject,
} from '@intilery-connect/core'
import { RelayCallError } from '@intilery-connect/ui'

import type { RelayFetch } from './relay-fetch.ts'
import { parseSubject } from './subject.ts'

export const PIPEDRIVE_API = '/pipedrive/v1'
/** Where an installation starts (the relay redirects to Pipedrive's consent page). */
export const CONNECT_URL = '/pipedrive/oauth/start'
/** The relay's error code when this viewer has no (or no longer a) Pipedrive installation. */
export const NOT_CONNECTED = 'not_connected' satisfies RelayErrorCode

export async function fetchSubject(
  relay: RelayFetch,
  resource: PipedriveResource,
  id: number
): Promise<Subject> {
  const query = new URLSearchParams({ resource, id: String(id) })
  return parseSubject(await relay.call(`${PIPEDRIVE_API}/subject?${query.toString()}`))
}

/** @returns the new note's id. */
export async function addNote(
  relay: RelayFetch,
  resource: PipedriveResource,
  id: number,
  text: string
): Promise<number> {
  const answer = noteAnswerSchema.safeParse(
    await relay.call(`${PIPEDRIVE_API}/notes`, { method: 'POST', body: { resource, id, text } })
  )
  if (!answer.success)
    throw new RelayCallError('malformed', 'The relay did not say which note it added')
  return answer.data.id
}

export function isNotConnected(error: unknown): boolean {
  return error instanceof RelayCallError && error.details.code === NOT_CONNECTED
}
