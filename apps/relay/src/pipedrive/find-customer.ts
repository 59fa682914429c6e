/**
 * @module pipedrive/find-customer
 * Which of a Pipedrive record's emails Intilery knows. A person may hold several emails and the one
 * Intilery has is not always the primary, so every candidate's `meta` is read in parallel (one
 * upstream read each, cached) and the first match in the record's own order wins; its customer
 * context then costs one more read, the events page, since its meta is already cached.
 */
import {
  createProfileRef,
  isIntileryError,
  type CustomerContext,
  type ProfileRef,
} from '@intilery-connect/core'

import { customerContext } from '../context/customer-context.ts'
import type { ReadOptions, UpstreamReads } from '../ports.ts'

/** Runs one profile read under the audit log (http/audit.ts binds the caller and request). */
export type AuditedRead = <T>(
  ref: ProfileRef,
  read: () => Promise<{ result: T; upstreamRequestId?: string | undefined }>
) => Promise<T>

export interface FoundCustomer {
  readonly email: string
  readonly context: CustomerContext
}

async function knows(
  upstream: UpstreamReads,
  ref: ProfileRef,
  audited: AuditedRead,
  opts: ReadOptions
): Promise<boolean> {
  try {
    return await audited(ref, async () => {
      const meta = await upstream.meta(ref, opts)
      const found = meta.value.kind === 'list' ? meta.value.profiles.length > 0 : true
      return { result: found, upstreamRequestId: meta.requestId }
    })
  } catch (error) {
    if (isIntileryError(error) && error.code === 'not_found') return false
    throw error
  }
}

/** The first of `emails` Intilery has a profile for; undefined when it knows none. */
export async function firstKnownEmail(
  upstream: UpstreamReads,
  emails: readonly string[],
  audited: AuditedRead,
  opts: ReadOptions = {}
): Promise<string | undefined> {
  const known = await Promise.all(
    emails.map((email) => knows(upstream, createProfileRef('email', email), audited, opts))
  )
  return emails[known.indexOf(true)]
}

/** @returns undefined when Intilery knows none of the emails. */
export async function findCustomer(
  upstream: UpstreamReads,
  emails: readonly string[],
  audited: AuditedRead,
  opts: ReadOptions = {}
): Promise<FoundCustomer | undefined> {
  const email = await firstKnownEmail(upstream, emails, audited, opts)
  if (email === undefined) return undefined
  const ref = createProfileRef('email', email)
  const context = await audited(ref, async () => {
    const { context, upstreamRequestId } = await customerContext(upstream, ref, {}, opts)
    return { result: context, upstreamRequestId }
  })
  return { email, context }
}
