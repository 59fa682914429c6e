/**
 * @module transport
 * The one place the client talks HTTP: URL building, auth header, rate limiting, per-attempt
 * timeout and total deadline, retries, error mapping and response validation.
 *
 * The retry loop is written out rather than taken from cockatiel: it must stop when `Retry-After`
 * exceeds a cap, fit every wait inside one total deadline and rethrow the caller's abort reason,
 * and the loop is shorter than the policy objects that would express that.
 */
import type { z } from 'zod/mini'

import {
  type IntileryError,
  isIntileryError,
  NetworkError,
  TimeoutError,
  UpstreamError,
} from '../errors.ts'
import { anySignal, sleep } from './abort.ts'
import { errorFromResponse } from './error-mapping.ts'
import { retryDelayMs, type RetryPolicy } from './retry-policy.ts'
import type { TokenBucket } from './token-bucket.ts'
import { describeSchemaIssue } from '../schemas/describe-issue.ts'

export interface RequestInfo {
  readonly method: string
  /** The path with the profile id replaced by `<id>`: safe to log. */
  readonly path: string
  readonly attempt: number
}

export interface ResponseInfo extends RequestInfo {
  readonly status: number | undefined
  readonly requestId: string | undefined
  readonly elapsedMs: number
}

export interface RetryInfo {
  readonly attempt: number
  readonly delayMs: number
  readonly error: IntileryError
}

/** Observability hooks; they receive no secrets and no profile ids. */
export interface ClientHooks {
  onRequest?(info: RequestInfo): void
  onResponse?(info: ResponseInfo): void
  onRetry?(info: RetryInfo): void
}

export interface TransportConfig {
  readonly origin: string
  readonly authToken: string
  readonly fetch: typeof fetch
  readonly timeoutMs: number
  readonly deadlineMs: number
  readonly retry: RetryPolicy
  readonly bucket: TokenBucket | undefined
  readonly userAgent: string | undefined
  readonly hooks: ClientHooks
}

export interface GetRequest<T> {
  /** Path below the origin, already encoded. */
  readonly path: string
  /** The same path safe for logs. */
  readonly redactedPath: string
  readonly query?: Readonly<Record<string, string>> | undefined
  readonly schema: z.ZodMiniType<T>
  readonly signal?: AbortSignal | undefined
}

export interface Answer<T> {
  readonly value: T
  readonly requestId: string | undefined
}

function timer(ms: number): { signal: AbortSignal; clear: () => void } {
  const controller = new AbortController()
  const handle = setTimeout(() => controller.abort(), ms)
  return { signal: controller.signal, clear: () => clearTimeout(handle) }
}

export function createTransport(config: TransportConfig) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
    'auth-token': config.authToken,
  }
  if (config.userAgent !== undefined) headers['user-agent'] = config.userAgent

  function deadlineError(cause: unknown, requestId?: string): TimeoutError {
    return new TimeoutError(`Intilery did not answer within the ${config.deadlineMs} ms deadline`, {
      final: true,
      requestId,
      cause,
    })
  }

  async function attempt<T>(
    request: GetRequest<T>,
    url: string,
    attemptNo: number,
    deadline: AbortSignal
  ) {
    const started = Date.now()
    const clock = timer(config.timeoutMs)
    const signals = [clock.signal, deadline, request.signal].filter((s) => s !== undefined)
    const info = { method: 'GET', path: request.redactedPath, attempt: attemptNo }
    config.hooks.onRequest?.(info)
    let status: number | undefined
    let requestId: string | undefined
    try {
      const response = await config.fetch(url, {
        method: 'GET',
        headers,
        signal: AbortSignal.any(signals),
      })
      status = response.status
      requestId = response.headers.get('x-amzn-requestid') ?? undefined
      const text = await response.text()
      if (!response.ok) throw errorFromResponse(response.status, text, response.headers, requestId)
      return { value: parseBody(text, request.schema, status, requestId), requestId }
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason as Error
      if (isIntileryError(error)) throw error
      if (deadline.aborted) throw deadlineError(error, requestId)
      if (clock.signal.aborted) {
        throw new TimeoutError(`Intilery did not answer within ${config.timeoutMs} ms`, {
          requestId,
          cause: error,
        })
      }
      throw new NetworkError('Could not reach Intilery', { cause: error })
    } finally {
      clock.clear()
      config.hooks.onResponse?.({ ...info, status, requestId, elapsedMs: Date.now() - started })
    }
  }

  /** Waits for the bucket or a backoff within the deadline; the caller's abort wins. */
  async function wait(until: Promise<void>, request: GetRequest<unknown>, deadline: AbortSignal) {
    try {
      await until
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason as Error
      if (deadline.aborted) throw deadlineError(error)
      throw error
    }
  }

  /** GET with retries; resolves with the validated body or rejects with an IntileryError. */
  async function get<T>(request: GetRequest<T>): Promise<Answer<T>> {
    const search = new URLSearchParams(request.query ?? {}).toString()
    const url = `${config.origin}${request.path}${search === '' ? '' : `?${search}`}`
    const deadlineAt = Date.now() + config.deadlineMs
    const deadline = timer(config.deadlineMs)
    const waitSignal = anySignal([deadline.signal, request.signal])
    try {
      for (let retry = 0; ; retry++) {
        if (config.bucket)
          await wait(config.bucket.take(waitSignal, request.signal), request, deadline.signal)
        try {
          return await attempt(request, url, retry + 1, deadline.signal)
        } catch (error) {
          if (!isIntileryError(error)) throw error
          const delay = retryDelayMs(error, 'GET', retry, config.retry)
          if (delay === undefined || Date.now() + delay >= deadlineAt) throw error
          config.hooks.onRetry?.({ attempt: retry + 1, delayMs: delay, error })
          await wait(sleep(delay, waitSignal), request, deadline.signal)
        }
      }
    } finally {
      deadline.clear()
    }
  }

  return { get }
}

export type Transport = ReturnType<typeof createTransport>

function parseBody<T>(
  text: string,
  schema: z.ZodMiniType<T>,
  status: number,
  requestId: string | undefined
): T {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (cause) {
    throw new UpstreamError('Intilery answered with a body that is not JSON', {
      code: 'malformed_response',
      status,
      requestId,
      cause,
    })
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) {
    const where = describeSchemaIssue(parsed.error)
    throw new UpstreamError(`Intilery answered with an unexpected shape (${where})`, {
      code: 'malformed_response',
      status,
      requestId,
      cause: parsed.error,
    })
  }
  return parsed.data
}
