/**
 * @module hosts/pipedrive/find-customer
 * Which of a Pipedrive record's emails Intilery knows. A person may hold several emails and the one
 * Intilery has is not always the primary, so every candidate's `meta` is read in parallel (one
 * upstream read each, cached) and the first match in the record's own order wins.
 */
import {
  createProfileRef,
  isIntileryError,
  type CustomerContext,
  type ProfileRef,
} from '@intilery-connect/core'

import { customerContext } from '../../customers/customer-context.ts'
import type { ReadOptions, UpstreamReads } from '../../ports.ts'

/** Runs one profile read under the audit log (platform/http/audit.ts binds the caller and request). */
export type AuditedRead = <T>(
  ref: ProfileRef,
  read: () => Promise<{ result: T; upstreamRequestId?: string | undefined }>
) => Promise<T>

export interface FoundCustomer {
  readonly email: string
  readonly context: CustomerContext
}

/** Intilery's 404 for an unknown email is an answer here ("not this one"), not a failure. */
export async function unlessNotFound<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read
  } catch (error) {
    if (isIntileryError(error) && error.code === 'not_found') return undefined
    throw error
  }
}

async function knows(
  upstream: UpstreamReads,
  ref: ProfileRef,
  audited: AuditedRead,
  opts: ReadOptions
): Promise<boolean> {
  const found = await unlessNotFound(
    audited(ref, async () => {
      const meta = await upstream.meta(ref, opts)
      const known = meta.value.kind === 'list' ? meta.value.profiles.length > 0 : true
      return { result: known, upstreamRequestId: meta.requestId }
    })
  )
  return found === true
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

async function contextOf(
  upstream: UpstreamReads,
  email: string,
  audited: AuditedRead,
  opts: ReadOptions
): Promise<FoundCustomer | undefined> {
  const ref = createProfileRef('email', email)
  const context = await unlessNotFound(
    audited(ref, async () => {
      const { context, upstreamRequestId } = await customerContext(upstream, ref, {}, opts)
      return { result: context, upstreamRequestId }
    })
  )
  return context === undefined || context.profiles.length === 0 ? undefined : { email, context }
}

/**
 * @returns undefined when Intilery knows none of the emails. The most likely email (the first)
 * is read in full at once, beside the others' `meta` probes: the usual case, one email that
 * matches, then costs one round trip instead of a probe followed by the events page.
 */
export async function findCustomer(
  upstream: UpstreamReads,
  emails: readonly string[],
  audited: AuditedRead,
  opts: ReadOptions = {}
): Promise<FoundCustomer | undefined> {
  const [first, ...others] = emails
  if (first === undefined) return undefined
  const [found, otherKnown] = await Promise.all([
    contextOf(upstream, first, audited, opts),
    firstKnownEmail(upstream, others, audited, opts),
  ])
  if (found !== undefined) return found
  return otherKnown === undefined ? undefined : contextOf(upstream, otherKnown, audited, opts)
}
