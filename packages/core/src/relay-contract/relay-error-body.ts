/**
 * @module relay-contract/relay-error-body
 * How the relay says no: every failure is `{ "error": { "code", "message", "requestId" } }` with
 * the status its code maps to, and `Retry-After` (seconds) where waiting helps. The message is safe
 * to show (no secrets, no customer data); `requestId` is what an admin quotes to find the log line.
 * These are the relay's own codes, not the Profile API's (errors.ts): the relay maps upstream
 * failures onto them.
 */
import { z } from 'zod/mini'

export const RELAY_ERROR_CODES = [
  'unauthenticated',
  'forbidden',
  'bad_request',
  'not_found',
  'misconfigured',
  'upstream_unavailable',
  'rate_limited',
  'internal',
  'not_connected',
  'payload_too_large',
  'no_such_route',
] as const
export type RelayErrorCode = (typeof RELAY_ERROR_CODES)[number]

/** The HTTP status each code is sent with, and whether (and when) a caller should try again. */
export const RELAY_ERROR_STATUS = {
  /**
   * 401: no credentials, or refused ones (a bad or expired JWT, SDK token or API key). Not with the
   * same credentials: get fresh ones (a new Pipedrive SDK token, a reloaded Zendesk app), then retry.
   */
  unauthenticated: 401,
  /** 403: the caller is known but may not read this (an API key's scope). Never retried. */
  forbidden: 403,
  /** 400: the request is malformed (query, body, profile ref). Never retried: fix the request. */
  bad_request: 400,
  /** 404: no customer (or record) matches. Never retried: the same lookup finds nothing again. */
  not_found: 404,
  /**
   * 409: the relay or its tenant is set up wrongly (e.g. Intilery refused the relay's token). Not
   * retried: an admin must fix the settings first.
   */
  misconfigured: 409,
  /** 503: Intilery did not answer in time or failed. Retry after `Retry-After`. */
  upstream_unavailable: 503,
  /** 429: Intilery (or the relay in front of it) is shedding load. Retry after `Retry-After`. */
  rate_limited: 429,
  /**
   * 500: a bug in the relay. Not retried automatically (it likely fails the same way); report the
   * `requestId`.
   */
  internal: 500,
  /**
   * 403: a Pipedrive company is not linked to a tenant yet, or the user has not installed (or has
   * revoked) the app. Not retried until the user connects (the message says which step is missing).
   */
  not_connected: 403,
  /** 413: the request body is over the relay's limit. Never retried: send less. */
  payload_too_large: 413,
  /**
   * 404: the relay has no route at this path: an app's relay URL (or a proxy in front of the
   * relay) points at the wrong place. Not "no customer": an admin must fix the address. Never
   * retried.
   */
  no_such_route: 404,
} as const satisfies Readonly<Record<RelayErrorCode, number>>
export type RelayErrorStatus = (typeof RELAY_ERROR_STATUS)[RelayErrorCode]

/**
 * What an app reads: any code. An installed app can be older than the relay it talks to (Zendesk
 * and Pipedrive apps update on their own schedule), so a code it does not know yet must still give
 * the relay's message rather than "unreadable answer". (Also why the strict schema below extends
 * this one, not the reverse: an app that only reads errors does not bundle the list of codes.)
 */
const anyRelayErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  /** The relay's request id (also its `x-request-id` header), for support. */
  requestId: z.optional(z.string()),
})
export const relayErrorBodyReadSchema = z.object({ error: anyRelayErrorSchema })

/** What the relay sends: its code is one of RELAY_ERROR_CODES. */
export const relayErrorBodySchema = z.object({
  error: z.extend(anyRelayErrorSchema, { code: z.enum(RELAY_ERROR_CODES) }),
})
export type RelayErrorBody = z.infer<typeof relayErrorBodySchema>
