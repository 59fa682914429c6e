/**
 * @module relay-error
 * The one error type the UI handles: a relay call that did not give a usable answer, classified by
 * what the agent can do about it. Built from the relay's JSON error (core's relay contract: `{ error:
 * { code, message, requestId } }`, any code, since the relay may be newer than the app) and its
 * HTTP status, whichever way the host transported them.
 */
import { relayErrorBodyReadSchema } from '@intilery-connect/core'

export type RelayFailure =
  /** No customer for this identity (404). */
  | 'not_found'
  /** Intilery or the relay is shedding load; retry after `retryAfter` seconds (429). */
  | 'rate_limited'
  /** Intilery cannot be reached or timed out: the relay says so (`upstream_unavailable`). */
  | 'unavailable'
  /**
   * The relay answered a 5xx that does not blame Intilery: its own bug (`internal`), or a code
   * this app does not know yet. Worth a retry, but not "Intilery can't be reached".
   */
  | 'relay_error'
  /** The app or the relay is set up wrongly: an admin must act (401, 403, 409). */
  | 'misconfigured'
  /** The request was refused as malformed (400): a bug or a bad search. */
  | 'bad_request'
  /** The relay answered something that is not its contract. */
  | 'malformed'
  /**
   * No relay answered: no HTTP answer at all, or a 5xx without the relay's JSON error body (every
   * relay answer has one, so that came from a proxy or load balancer standing in for it).
   */
  | 'network'

export class RelayCallError extends Error {
  override readonly name = 'RelayCallError'
  constructor(
    readonly failure: RelayFailure,
    message: string,
    readonly details: {
      readonly status?: number | undefined
      readonly code?: string | undefined
      readonly retryAfter?: number | undefined
      readonly requestId?: string | undefined
    } = {}
  ) {
    super(message)
  }
}

function failureOf(status: number, code: string | undefined): RelayFailure {
  // A relay without this route: the app's relay address is wrong, which no customer explains.
  if (code === 'no_such_route') return 'misconfigured'
  if (status === 404) return 'not_found'
  if (status === 429) return 'rate_limited'
  if (status === 400) return 'bad_request'
  if (status === 401 || status === 403 || status === 409 || code === 'misconfigured')
    return 'misconfigured'
  if (status >= 500) {
    if (code === 'upstream_unavailable') return 'unavailable'
    return code === undefined ? 'network' : 'relay_error'
  }
  return 'malformed'
}

/**
 * @param status the HTTP status (0 when the request never got an answer)
 * @param bodyText the raw answer body, parsed here
 * @param retryAfter the Retry-After header, when the host exposes it
 */
export function relayCallError(
  status: number,
  bodyText: string | undefined,
  retryAfter?: string | null
): RelayCallError {
  if (status === 0) return new RelayCallError('network', 'The relay could not be reached')
  let body: unknown
  try {
    body = bodyText === undefined ? undefined : JSON.parse(bodyText)
  } catch {
    body = undefined
  }
  const parsed = relayErrorBodyReadSchema.safeParse(body)
  const code = parsed.success ? parsed.data.error.code : undefined
  const seconds = retryAfter == null ? Number.NaN : Number.parseInt(retryAfter, 10)
  return new RelayCallError(
    failureOf(status, code),
    parsed.success ? parsed.data.error.message : `The relay answered ${status}`,
    {
      status,
      code,
      retryAfter: Number.isFinite(seconds) ? seconds : undefined,
      requestId: parsed.success ? parsed.data.error.requestId : undefined,
    }
  )
}

/** Any failure as the RelayCallError the panel explains: a relay answer's own, else `malformed`. */
export function asCallError(error: unknown): RelayCallError {
  return error instanceof RelayCallError
    ? error
    : new RelayCallError('malformed', error instanceof Error ? error.message : 'Unexpected failure')
}
