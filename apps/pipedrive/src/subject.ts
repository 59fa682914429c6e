/**
 * @module subject
 * The relay's answer to "who is this record about?" (`GET /pipedrive/v1/subject`): the emails it
 * found on the person, the deal's contact person or the organization's first people, the one that
 * matched an Intilery profile (`lookup`), or why none did (`reason`). Checked here, in the browser,
 * before anything renders it.
 */
import { RelayCallError } from '@intilery-connect/ui'
import { z } from 'zod/mini'

import { RESOURCES } from './panel-params.ts'

export const NO_LOOKUP_REASONS = ['not_found', 'no_person', 'no_email', 'no_profile'] as const
export type NoLookupReason = (typeof NO_LOOKUP_REASONS)[number]

export const subjectSchema = z.object({
  resource: z.enum(RESOURCES),
  id: z.number(),
  emails: z.array(z.string()),
  lookup: z.optional(z.object({ type: z.literal('email'), value: z.string() })),
  reason: z.optional(z.enum(NO_LOOKUP_REASONS)),
  /** Organizations only: how many of its people were looked at, and whether it has more. */
  persons: z.optional(z.object({ shown: z.number(), more: z.boolean() })),
})

export type Subject = z.infer<typeof subjectSchema>

/** @throws RelayCallError `malformed` when the answer is not the contract. */
export function parseSubject(body: unknown): Subject {
  const parsed = subjectSchema.safeParse(body)
  if (!parsed.success)
    throw new RelayCallError('malformed', 'The relay sent a subject the app cannot read')
  return parsed.data
}

/**
 * Why nobody is shown when there is no `lookup`. A subject with neither a lookup nor a reason is read by what it has: no
 * emails means no email, emails mean none matched.
 */
export function reasonOf(subject: Subject): NoLookupReason {
  if (subject.reason !== undefined) return subject.reason
  return subject.emails.length === 0 ? 'no_email' : 'no_profile'
}
