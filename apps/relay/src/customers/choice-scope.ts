/**
 * @module customers/choice-scope
 * Where a remembered choice is kept, per host: always under the installation the caller's token
 * speaks for (Caller.installation), so a caller can never read or write another tenant's or
 * installation's choices, and for hosts whose panel sits on a record (Pipedrive), under the record
 * the request names as well.
 */
import { RelayError } from '../platform/errors.ts'
import type { Caller } from '../platform/http/caller.ts'

/**
 * The scope for `caller` and the request's own `scope` parameter; undefined when the caller has
 * none (a token without an installation; a Pipedrive read without a record): no choice is then
 * read, and a write is refused.
 * @throws RelayError `bad_request` for a request scope this host does not take
 */
export type ChoiceScope = (caller: Caller, requested: string | undefined) => string | undefined

/** Zendesk: the token's subdomain and installation, nothing from the request. */
export const installationScope: ChoiceScope = (caller, requested) => {
  if (requested !== undefined)
    throw new RelayError('bad_request', 'scope is not taken here: the token names the installation')
  return caller.installation
}

const RECORD = /^(person|deal|organization):[1-9][0-9]{0,15}$/

/** Pipedrive: the token's company, and the record the panel is on (`person:42`). */
export const recordScope: ChoiceScope = (caller, requested) => {
  if (requested === undefined) return undefined
  if (!RECORD.test(requested))
    throw new RelayError('bad_request', 'scope must be a record: person, deal or organization:id')
  return caller.installation === undefined ? undefined : `${caller.installation}:${requested}`
}
