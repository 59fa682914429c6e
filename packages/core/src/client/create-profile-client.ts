/**
 * @module create-profile-client
 * The Intilery Profile API client. Runtime-agnostic: give it a `fetch` (the global one by default)
 * and it runs in Node, browsers and edge runtimes. The auth token reads every customer, so in this
 * product only the relay builds one.
 */
import type { z } from 'zod/mini'

import { InvalidRequestError } from '../errors.ts'
import { toEventsWireQuery, type EventsQuery } from '../events-query.ts'
import {
  createProfileRef,
  encodeProfileRef,
  type EmailRef,
  type ProfileRef,
  type SingleRef,
} from '../profile-ref.ts'
import { eventsResponseSchema } from '../schemas/event.ts'
import {
  type Audiences,
  audiencesSchema,
  type Meta,
  metaSchema,
  type ProfileSummary,
  profileListSchema,
  profilePageSchema,
  type Traits,
  traitsSchema,
} from '../schemas/profile.ts'
import {
  EventsPage,
  iteratePages,
  type IterateOptions,
  type PageRequestOptions,
} from './events-page.ts'
import { DEFAULT_RETRY_POLICY } from './retry-policy.ts'
import { profileClientOptionsSchema, type ProfileClientOptions } from './client-options.ts'
import { INTILERY_RATE_LIMIT, sharedTokenBucket, TokenBucket } from './token-bucket.ts'
import { createTransport } from './transport.ts'

export interface RequestOptions {
  readonly signal?: AbortSignal | undefined
}

/** A lookup by userId, id or anonymousId: exactly one profile. */
export interface SingleLookup<T> {
  readonly kind: 'single'
  readonly profile: T
  readonly requestId: string | undefined
}
/** A lookup by email: every profile with that email (one or more). */
export interface ListLookup<T> {
  readonly kind: 'list'
  readonly profiles: readonly T[]
  readonly requestId: string | undefined
}
/** The result shape follows the ref: email refs give lists, the other refs a single profile. */
export type Lookup<R extends ProfileRef, T> = R extends EmailRef
  ? ListLookup<T>
  : R extends SingleRef
    ? SingleLookup<T>
    : never

export interface ProfilePageResult {
  readonly profiles: readonly ProfileSummary[]
  readonly from: number
  readonly size: number
  readonly total: number | undefined
  readonly requestId: string | undefined
}

const enc = encodeURIComponent

/** FNV-1a, so the shared-bucket registry is keyed by credential without holding the token text. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0).toString(16)
}

/**
 * @example
 * const client = createProfileClient({ baseUrl, clientId, accountId, brandId, authToken })
 * const joe = await client.traits(parseProfileRef('userId:4c90b9cf-5e4d-4689-ba57-b0f3e7c813fe'))
 * for await (const event of client.iterateEvents(ref, { include: ['email_opened'] })) { ... }
 * @throws InvalidRequestError when an option is invalid, naming it.
 */
export function createProfileClient(options: ProfileClientOptions) {
  const parsed = profileClientOptionsSchema.safeParse(options)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new InvalidRequestError(
      `Invalid Profile API client option ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`
    )
  }
  const config = parsed.data
  const origin = config.baseUrl.replace(/\/+$/, '')
  const root = `/track/${enc(config.clientId)}/${enc(config.accountId)}/${enc(config.brandId)}/v1/profiles`
  const bucket =
    config.rateLimit === false
      ? undefined
      : config.rateLimit instanceof TokenBucket
        ? config.rateLimit
        : sharedTokenBucket(
            `${origin}|${fingerprint(config.authToken)}`,
            config.rateLimit ?? INTILERY_RATE_LIMIT
          )
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const transport = createTransport({
    origin,
    authToken: config.authToken,
    fetch: fetchImpl,
    timeoutMs: config.timeoutMs,
    deadlineMs: config.deadlineMs,
    retry:
      config.retry === false
        ? { ...DEFAULT_RETRY_POLICY, maxRetries: 0 }
        : { ...DEFAULT_RETRY_POLICY, ...stripUndefined(config.retry ?? {}) },
    bucket,
    userAgent: config.userAgent,
    hooks: options.hooks ?? {},
  })

  const profilePath = (ref: ProfileRef, endpoint: string) => {
    // Refs built by hand skip parseProfileRef; validating again keeps bad ids from being sent.
    const valid = createProfileRef(ref.type, ref.value)
    return {
      path: `${root}/${encodeProfileRef(valid)}/${endpoint}`,
      redactedPath: `${root}/${ref.type}:<id>/${endpoint}`,
    }
  }

  async function lookup<R extends ProfileRef, T>(
    ref: R,
    endpoint: string,
    schema: z.ZodMiniType<T>,
    opts: RequestOptions = {}
  ): Promise<Lookup<R, T>> {
    const where = profilePath(ref, endpoint)
    if (ref.type === 'email') {
      const answer = await transport.get({
        ...where,
        schema: profileListSchema(schema),
        signal: opts.signal,
      })
      const result: ListLookup<T> = {
        kind: 'list',
        profiles: answer.value.data,
        requestId: answer.requestId,
      }
      return result as Lookup<R, T>
    }
    const answer = await transport.get({ ...where, schema, signal: opts.signal })
    const result: SingleLookup<T> = {
      kind: 'single',
      profile: answer.value,
      requestId: answer.requestId,
    }
    return result as Lookup<R, T>
  }

  async function fetchEventsPage(
    ref: ProfileRef,
    query: Readonly<Record<string, string>>,
    limit: number | undefined,
    opts: PageRequestOptions = {}
  ): Promise<EventsPage> {
    const answer = await transport.get({
      ...profilePath(ref, 'events'),
      query,
      schema: eventsResponseSchema,
      signal: opts.signal,
    })
    return new EventsPage({
      data: answer.value.data,
      scrollId: answer.value.scrollId,
      requestId: answer.requestId,
      limit,
      fetchNext: (scrollId, next) => fetchEventsPage(ref, { scrollId }, limit, next),
    })
  }

  /** Validates before anything is sent: a bad query never costs a request. */
  async function events(ref: ProfileRef, query: EventsQuery = {}, opts: RequestOptions = {}) {
    const wire = toEventsWireQuery(query)
    return fetchEventsPage(ref, wire, query.limit, opts)
  }

  return {
    /** Standard and computed traits. */
    traits: <R extends ProfileRef>(ref: R, opts?: RequestOptions) =>
      lookup<R, Traits>(ref, 'traits', traitsSchema, opts),
    /** Metadata: first/last event per action, audiences, last activity. */
    meta: <R extends ProfileRef>(ref: R, opts?: RequestOptions) =>
      lookup<R, Meta>(ref, 'meta', metaSchema, opts),
    /** Dynamic and static audiences. */
    audiences: <R extends ProfileRef>(ref: R, opts?: RequestOptions) =>
      lookup<R, Audiences>(ref, 'audiences', audiencesSchema, opts),
    /** One page of events (newest first by default); follow with `page.nextPage()`. */
    events,
    /**
     * The page after an earlier page's `scrollId`, for callers that kept only the cursor (the relay
     * hands it to browsers as an opaque "load more" cursor). `limit` is the page size the scroll was
     * started with, so `hasNextPage()` can tell a short page.
     */
    scrollEvents: async (
      ref: ProfileRef,
      scrollId: string,
      opts: RequestOptions & { readonly limit?: number | undefined } = {}
    ) => fetchEventsPage(ref, { scrollId }, opts.limit, opts),
    /** Every event across pages, for `for await`; stops at an empty or short page or at `max`. */
    iterateEvents: (ref: ProfileRef, query: EventsQuery = {}, opts: IterateOptions = {}) => {
      // Validated now, so a bad query throws here rather than at the first `next()`.
      toEventsWireQuery(query)
      createProfileRef(ref.type, ref.value)
      return iteratePages(() => events(ref, query, opts), opts)
    },
    /** Profiles by recent activity; `from` is a page index. */
    listProfiles: async (
      page: { from?: number; size?: number } = {},
      opts: RequestOptions = {}
    ) => {
      const from = page.from ?? 0
      const size = page.size ?? 100
      if (!Number.isInteger(from) || from < 0)
        throw new InvalidRequestError('from must be an integer >= 0')
      if (!Number.isInteger(size) || size < 1 || size > 100) {
        throw new InvalidRequestError('size must be an integer between 1 and 100')
      }
      const answer = await transport.get({
        path: root,
        redactedPath: root,
        query: { from: String(from), size: String(size) },
        schema: profilePageSchema,
        signal: opts.signal,
      })
      const result: ProfilePageResult = {
        profiles: answer.value.data,
        from,
        size,
        total: answer.value.total,
        requestId: answer.requestId,
      }
      return result
    },
  }
}

export type ProfileClient = ReturnType<typeof createProfileClient>

function stripUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>
  }
}
