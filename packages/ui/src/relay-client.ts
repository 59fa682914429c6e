/**
 * @module relay-client
 * What the apps ask the relay, shared by Zendesk and Pipedrive. Each app supplies only the way a GET
 * reaches the relay (Zendesk: its secure-request proxy; Pipedrive: its panel's session), and every
 * answer is checked here, in the browser, against the relay contract in core before anything renders
 * it.
 */
import {
  createProfileRef,
  customerContextSchema,
  eventsAnswerSchema,
  formatProfileRef,
  computedTraitsOf,
  traitsAnswerSchema,
  type CustomerContext,
  type CustomerProfile,
  type ProfileRef,
  type TimelineEntry,
} from '@intilery-connect/core'
import type { z } from 'zod/mini'

import { RelayCallError } from './relay-error.ts'

/**
 * One GET to the relay. Resolves with the parsed JSON body of a 2xx answer; rejects with a
 * RelayCallError (see relay-error.ts) for anything else.
 */
export type RelayGet = (path: string, query: Readonly<Record<string, string>>) => Promise<unknown>

/**
 * One write to the relay (remembering a choice): like RelayGet, with a method and a JSON body.
 * Zendesk: its secure-request proxy; Pipedrive: its panel's session.
 */
export type RelaySend = (
  method: 'PUT' | 'DELETE',
  path: string,
  query: Readonly<Record<string, string>>,
  body?: unknown
) => Promise<unknown>

/** Who to look up: the identity the host app knows (ticket requester, person) or the agent typed. */
export type Lookup =
  | { readonly type: 'email'; readonly value: string }
  | { readonly type: 'userId'; readonly value: string }
  | { readonly type: 'id'; readonly value: string }
  | { readonly type: 'anonymousId'; readonly value: string }

export interface EventsPage {
  readonly entries: readonly TimelineEntry[]
  readonly cursor: string | undefined
  readonly fetchedAt: string
  readonly stale: boolean
}

/** A timeline filter as the relay's events route takes it (`end` exclusive, ISO 8601). */
export interface EventsFilter {
  readonly include?: readonly string[] | undefined
  readonly exclude?: readonly string[] | undefined
  readonly start?: string | undefined
  readonly end?: string | undefined
}

export interface RelayClient {
  context(lookup: Lookup): Promise<CustomerContext>
  /** The timeline page after `cursor`, as the relay's cursor describes it. */
  events(ref: ProfileRef, cursor: string): Promise<EventsPage>
  /** The first timeline page of `filter`; its cursor continues the same filter. */
  filteredEvents(ref: ProfileRef, filter: EventsFilter): Promise<EventsPage>
  /** Computed traits of one Intilery profile (the context carries the standard ones). */
  computedTraits(profileId: string): Promise<CustomerProfile['computed']>
}

function checked<T>(schema: z.ZodMiniType<T>, body: unknown): T {
  const parsed = schema.safeParse(body)
  if (!parsed.success)
    throw new RelayCallError('malformed', 'The relay sent an answer the app cannot read')
  return parsed.data
}

/**
 * @param base the channel's route prefix, e.g. `/zendesk/v1`.
 * @param scope where the host's panel sits when the relay keeps its remembered choice per record
 *   (Pipedrive: `person:42`); sent with the context, whose answer then carries that choice.
 */
export function createRelayClient(get: RelayGet, base: string, scope?: string): RelayClient {
  return {
    async context(lookup) {
      const query: Record<string, string> = { [lookup.type]: lookup.value }
      if (scope !== undefined) query.scope = scope
      return checked(customerContextSchema, await get(`${base}/context`, query))
    },
    async events(ref, cursor) {
      const page = checked(
        eventsAnswerSchema,
        await get(`${base}/events`, { ref: formatProfileRef(ref), cursor })
      )
      return { ...page, cursor: page.cursor }
    },
    async filteredEvents(ref, filter) {
      const query: Record<string, string> = { ref: formatProfileRef(ref) }
      if (filter.include !== undefined) query.include = filter.include.join(',')
      if (filter.exclude !== undefined) query.exclude = filter.exclude.join(',')
      if (filter.start !== undefined) query.start = filter.start
      if (filter.end !== undefined) query.end = filter.end
      const page = checked(eventsAnswerSchema, await get(`${base}/events`, query))
      return { ...page, cursor: page.cursor }
    },
    async computedTraits(profileId) {
      const answer = checked(
        traitsAnswerSchema,
        await get(`${base}/traits`, {
          ref: formatProfileRef(createProfileRef('id', profileId)),
        })
      )
      const lookup = answer.traits
      const traits =
        lookup.kind === 'single' ? lookup.profile : lookup.profiles.find((p) => p.id === profileId)
      return traits === undefined ? {} : computedTraitsOf(traits)
    },
  }
}
