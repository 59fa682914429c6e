/**
 * @module writeback/identity-resolver
 * Who a written-back event is about, in Intilery's terms: the `userId` or `anonymousId` of a
 * `track` call, worked out at delivery time from what the source knew (SourceIdentity).
 *
 * 1. The source's userId, as it is (the sidebar looks customers up by it the same way).
 * 2. Else each email in turn (primary first) through the tenant's upstream guard (`meta` by
 *    `email:`; cached, and paced like any read): the first email anyone has wins. Among several
 *    profiles sharing it the choice is fixed: profiles with a userId before those without, then the
 *    smallest Intilery id. That profile's userId, else its anonymousId.
 * 3. Nobody has any of the emails (or the found profile has neither id): an anonymousId derived
 *    from the primary email (`wb-` + SHA-256 of it, lower case), and the email itself in
 *    `context.traits.email`, so every event about that person lands on one profile that Intilery
 *    can stitch to them once they are identified.
 * 4. A hostRef is first opened by its host (e.g. a Pipedrive person's emails through the
 *    installation's token), then resolved as above.
 *
 * A lookup that fails (Intilery down, the budget short) is an IdentityLookupError: the messages
 * wait and are tried again, since sending them under a made-up id would split the customer.
 */
import { createProfileRef, NotFoundError, type Meta } from '@intilery-connect/core'

import { RelayError } from '../platform/errors.ts'
import { profilesOf, type UpstreamReads } from '../ports.ts'
import type { HostIdentityResolver, SourceIdentity } from './outbox-port.ts'

export type TrackIdentity =
  | { readonly userId: string }
  | { readonly anonymousId: string; readonly email?: string | undefined }

/** The identity could not be worked out now; retryable. Its message names no customer. */
export class IdentityLookupError extends Error {
  override readonly name = 'IdentityLookupError'
  constructor(
    /** For the outbox's last_error: e.g. `identity lookup: upstream_unavailable`. */
    readonly reason: string,
    /** Seconds the upstream asked to wait, when it said. */
    readonly retryAfter?: number | undefined,
    options?: ErrorOptions
  ) {
    super(`Could not work out who an event is about (${reason})`, options)
  }
}

export interface IdentityDeps {
  readonly tenantId: string
  readonly reads: UpstreamReads
  /** Each host's resolver of its own hostRefs, by host name. */
  readonly hostResolvers: ReadonlyMap<string, HostIdentityResolver>
}

const hex = (bytes: ArrayBuffer) =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('')

/** The anonymousId of someone Intilery does not know yet: the same for every event about them. */
export async function anonymousIdFor(email: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(email.trim().toLowerCase())
  )
  return `wb-${hex(digest).slice(0, 40)}`
}

function chooseProfile(profiles: readonly Meta[]): Meta | undefined {
  return [...profiles].sort((a, b) => {
    const byUserId = Number(typeof b.userId === 'string') - Number(typeof a.userId === 'string')
    return byUserId !== 0 ? byUserId : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
  })[0]
}

async function lookUpEmail(reads: UpstreamReads, email: string): Promise<Meta[]> {
  let ref
  try {
    ref = createProfileRef('email', email)
  } catch {
    // Not an email Intilery could hold (the source let it through): nobody to find by it.
    return []
  }
  try {
    return [...profilesOf((await reads.meta(ref)).value)]
  } catch (error) {
    if (error instanceof NotFoundError) return []
    if (error instanceof RelayError)
      throw new IdentityLookupError(`identity lookup: ${error.code}`, error.retryAfter, {
        cause: error,
      })
    throw new IdentityLookupError('identity lookup failed', undefined, { cause: error })
  }
}

async function fromEmails(reads: UpstreamReads, emails: readonly string[]): Promise<TrackIdentity> {
  for (const email of emails) {
    const profile = chooseProfile(await lookUpEmail(reads, email))
    if (typeof profile?.userId === 'string' && profile.userId !== '')
      return { userId: profile.userId }
    if (typeof profile?.anonymousId === 'string' && profile.anonymousId !== '')
      return { anonymousId: profile.anonymousId }
  }
  const primary = emails[0]
  if (primary === undefined) throw new IdentityLookupError('the source named no email')
  return { anonymousId: await anonymousIdFor(primary), email: primary.trim().toLowerCase() }
}

/** @throws IdentityLookupError when it cannot be worked out now. */
export async function resolveIdentity(
  identity: SourceIdentity,
  { tenantId, reads, hostResolvers }: IdentityDeps
): Promise<TrackIdentity> {
  if (identity.userId !== undefined && identity.userId !== '') return { userId: identity.userId }
  if (identity.emails !== undefined && identity.emails.length > 0)
    return fromEmails(reads, identity.emails)
  const ref = identity.hostRef
  const resolver = ref === undefined ? undefined : hostResolvers.get(ref.host)
  if (ref === undefined || resolver === undefined)
    throw new IdentityLookupError(`no identity resolver for host ${ref?.host ?? '(none)'}`)
  let opened
  try {
    opened = await resolver.resolve(tenantId, { accountId: ref.accountId, ref: ref.ref })
  } catch (error) {
    throw new IdentityLookupError(`${ref.host} identity lookup failed`, undefined, {
      cause: error,
    })
  }
  if (opened.userId !== undefined && opened.userId !== '') return { userId: opened.userId }
  if (opened.emails.length === 0)
    throw new IdentityLookupError(`${ref.host} knows no email for this person`)
  return fromEmails(reads, opened.emails)
}
