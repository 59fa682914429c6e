import {
  AuthenticationError,
  InvalidRequestError,
  type IntileryError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitError,
  UpstreamError,
  ValidationError,
} from '../errors.ts'
import { errorBodySchema } from '../schemas/error-body.ts'

/** `Retry-After` in seconds, from either of its forms (delta-seconds or an HTTP date). */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined
  const trimmed = header.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed)
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000))
}

function readErrorBody(text: string): { code?: string; message?: string } {
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data.error : {}
  } catch {
    // A non-JSON error body (a proxy's HTML page, say) still maps by status below.
    return {}
  }
}

/** Maps a non-2xx answer to the taxonomy: by the body's `error.code` first, then by status. */
export function errorFromResponse(
  status: number,
  bodyText: string,
  headers: Headers,
  requestId: string | undefined
): IntileryError {
  const body = readErrorBody(bodyText)
  const message = body.message ?? `Intilery answered HTTP ${status}`
  const init = { status, requestId }
  // 413 is answered before the API's own handlers run, so its body code (if any) is not telling.
  if (status === 413) return new PayloadTooLargeError(message, init)
  switch (body.code) {
    case 'authentication_error':
      return new AuthenticationError(message, init)
    case 'validation_error':
      return new ValidationError(message, init)
    case 'invalid_request_error':
      return new InvalidRequestError(message, init)
    case 'not_found':
      return new NotFoundError(message, init)
    case 'rate_limit_error':
      return new RateLimitError(message, {
        ...init,
        retryAfter: parseRetryAfter(headers.get('retry-after')),
      })
    default:
      break
  }
  if (status === 401 || status === 403) return new AuthenticationError(message, init)
  if (status === 404) return new NotFoundError(message, init)
  if (status === 429) {
    return new RateLimitError(message, {
      ...init,
      retryAfter: parseRetryAfter(headers.get('retry-after')),
    })
  }
  if (status >= 500) return new UpstreamError(message, init)
  return new InvalidRequestError(message, init)
}
