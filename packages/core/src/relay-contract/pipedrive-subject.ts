/**
 * @module relay-contract/pipedrive-subject
 * The relay's answer to "who is this Pipedrive record about?" (`GET /pipedrive/v1/subject`): the
 * emails it found on the person, on the deal's contact person or on the organization's first
 * people, the one that matched an Intilery profile (`lookup`), or why none did (`reason`).
 */
import { z } from 'zod/mini'

/** The Pipedrive records a panel can be opened on. */
export const PIPEDRIVE_RESOURCES = ['person', 'deal', 'organization'] as const
export type PipedriveResource = (typeof PIPEDRIVE_RESOURCES)[number]

/**
 * Why no customer is shown: Pipedrive has no such record (`not_found`), the deal has no contact
 * person or the organization no people (`no_person`), nobody has an email (`no_email`), or no
 * email matched an Intilery profile (`no_profile`).
 */
export const NO_CUSTOMER_REASONS = ['not_found', 'no_person', 'no_email', 'no_profile'] as const
export type NoCustomerReason = (typeof NO_CUSTOMER_REASONS)[number]

export const subjectSchema = z.object({
  resource: z.enum(PIPEDRIVE_RESOURCES),
  id: z.number(),
  /** Candidate emails, most likely first, without duplicates (compared case-insensitively). */
  emails: z.array(z.string()),
  /** The email that matched an Intilery profile; absent when none did. */
  lookup: z.optional(z.object({ type: z.literal('email'), value: z.string() })),
  /** Set when there is no `lookup`. */
  reason: z.optional(z.enum(NO_CUSTOMER_REASONS)),
  /** Organizations only: how many of its people were looked at, and whether it has more. */
  persons: z.optional(z.object({ shown: z.number(), more: z.boolean() })),
})
export type Subject = z.infer<typeof subjectSchema>

/**
 * Why nobody is shown for a subject without a `lookup`. One without a reason either (an older
 * relay, or a subject resolved but not yet looked up) is read by what it has: no emails means no
 * email, emails mean none matched.
 */
export function noCustomerReason(
  subject: Pick<Subject, 'reason'> & { readonly emails: readonly string[] }
): NoCustomerReason {
  if (subject.reason !== undefined) return subject.reason
  return subject.emails.length === 0 ? 'no_email' : 'no_profile'
}
