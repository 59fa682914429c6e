/**
 * @module customers/lookup-query
 * Who a host app's request is about, as its query names it (`/context`, `DELETE /choice`): exactly
 * one of email, userId, id or anonymousId, and for hosts whose panel sits on a record, the record
 * (`scope`) its remembered choice is kept under.
 */
import { z } from '@hono/zod-openapi'
import { createProfileRef, type ProfileRef } from '@intilery-connect/core'

/** Checked further by the host's rule (choice-scope.ts); a bound here, not a format. */
export const scopeParam = z
  .string()
  .min(1)
  .max(60)
  .optional()
  .describe(
    'For hosts whose panel sits on a record: that record (`person:42`), which the remembered choice is kept for'
  )

export const lookupQuery = z
  .object({
    email: z.string().min(1).optional().describe('Requester email'),
    userId: z.string().min(1).optional().describe('Intilery userId'),
    id: z.string().min(1).optional().describe('Intilery id'),
    anonymousId: z.string().min(1).optional().describe('Intilery anonymousId'),
    scope: scopeParam,
  })
  .refine(
    (q) => [q.email, q.userId, q.id, q.anonymousId].filter((v) => v !== undefined).length === 1,
    'give exactly one of email, userId, id or anonymousId'
  )

export type LookupQuery = z.infer<typeof lookupQuery>

/** @throws ValidationError (core) for a value no ref can hold */
export function lookupOf(q: LookupQuery): ProfileRef {
  return q.email !== undefined
    ? createProfileRef('email', q.email)
    : q.userId !== undefined
      ? createProfileRef('userId', q.userId)
      : q.anonymousId !== undefined
        ? createProfileRef('anonymousId', q.anonymousId)
        : createProfileRef('id', q.id ?? '')
}
