/**
 * @module visitor-context
 * The browser side of a visitor's personalization: `GET {relay}/v1/visitor/context` with the token
 * the site's server signed for this visitor. Dependency-free, so a site adds a few KB, not a
 * framework. It never chooses whose data it reads: the token does.
 */

/** A product the visitor looked at and has not bought since (the relay's `ViewedProduct`). */
export interface ViewedProduct {
  readonly productId: string
  readonly name: string
  readonly category?: string
  readonly price?: number
  readonly currency?: string
  /** http(s) only. */
  readonly url?: string
  /** http(s) only. */
  readonly imageUrl?: string
  readonly lastViewedAt: string
  readonly viewCount: number
}

export interface VisitorContext {
  /** False when Intilery has not met this visitor yet (everything else is then empty). */
  readonly found: boolean
  /** The traits the site may show that the visitor has. Render them as text. */
  readonly traits: Readonly<Record<string, unknown>>
  /** Names of the site's audiences the visitor is in. */
  readonly audiences: readonly string[]
  /** Present when the site has recommendations. */
  readonly recommendations?: readonly ViewedProduct[]
  /** Served from the relay's cache because Intilery could not be reached. */
  readonly stale: boolean
  readonly requestId: string
}

/** Why the context could not be read; `code` is the relay's error code (or `network`, `bad_answer`). */
export class VisitorContextError extends Error {
  override readonly name = 'VisitorContextError'
  constructor(
    readonly code: string,
    message: string,
    /** HTTP status, when the relay answered. */
    readonly status?: number,
    /** Seconds to wait before asking again (429, 503). */
    readonly retryAfter?: number,
    options?: { cause?: unknown }
  ) {
    super(message, options)
  }
}

export interface VisitorContextOptions {
  /** The relay's address, e.g. `https://relay.example.com`. */
  readonly relayUrl: string
  /** The visitor token from the site's server. */
  readonly token: string
  /** Recommendations to ask for, 1..20 (default 5). */
  readonly limit?: number
  readonly signal?: AbortSignal
  /** For tests and other runtimes; the global fetch by default. */
  readonly fetch?: typeof fetch
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The answer's shape, checked: the page renders from it, so a wrong one is an error, not `{}`. */
function contextOf(body: unknown): VisitorContext {
  const ok =
    isRecord(body) &&
    typeof body.found === 'boolean' &&
    isRecord(body.traits) &&
    Array.isArray(body.audiences) &&
    body.audiences.every((name) => typeof name === 'string') &&
    (body.recommendations === undefined || Array.isArray(body.recommendations)) &&
    typeof body.stale === 'boolean' &&
    typeof body.requestId === 'string'
  if (!ok)
    throw new VisitorContextError('bad_answer', 'The relay’s answer is not a visitor context')
  return body as unknown as VisitorContext
}

/**
 * @throws VisitorContextError: `unauthenticated` (sign a new token), `forbidden` (this origin is
 *   not the site's), `rate_limited` (see `retryAfter`), `network`, `bad_answer`, or the relay's code.
 */
export async function fetchVisitorContext(options: VisitorContextOptions): Promise<VisitorContext> {
  const url = new URL('v1/visitor/context', options.relayUrl.replace(/\/?$/, '/'))
  if (options.limit !== undefined) url.searchParams.set('limit', String(options.limit))
  let response: Response
  try {
    response = await (options.fetch ?? fetch)(url, {
      headers: { authorization: `Bearer ${options.token}` },
      // No cookies: the token is the only credential, and the relay never allows credentials.
      credentials: 'omit',
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    })
  } catch (cause) {
    throw new VisitorContextError(
      'network',
      'The relay could not be reached',
      undefined,
      undefined,
      {
        cause,
      }
    )
  }
  const body: unknown = await response.json().catch(() => undefined)
  if (!response.ok) {
    const error = isRecord(body) && isRecord(body.error) ? body.error : {}
    const retry = Number(response.headers.get('retry-after'))
    throw new VisitorContextError(
      typeof error.code === 'string' ? error.code : 'http_error',
      typeof error.message === 'string' ? error.message : `The relay answered ${response.status}`,
      response.status,
      Number.isFinite(retry) && retry > 0 ? retry : undefined
    )
  }
  return contextOf(body)
}
