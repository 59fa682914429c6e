/**
 * @module subject
 * The relay's answer to "who is this record about?" (`GET /pipedrive/v1/subject`), checked here, in
 * the browser, against the relay contract in core before anything renders it.
 */
import { subjectSchema, type Subject } from '@intilery-connect/core'
import { RelayCallError } from '@intilery-connect/ui'

/** @throws RelayCallError `malformed` when the answer is not the contract. */
export function parseSubject(body: unknown): Subject {
  const parsed = subjectSchema.safeParse(body)
  if (!parsed.success)
    throw new RelayCallError('malformed', 'The relay sent a subject the app cannot read')
  return parsed.data
}
