import type { Context, Env, Input } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

export type ApiErrorCode =
  | 'authentication_error'
  | 'invalid_request_error'
  | 'validation_error'
  | 'not_found'
  | 'rate_limit_error'
  | 'payload_too_large'
  | 'internal_server_error'

/** The Profile API's error body: `{ "error": { "code", "message" } }`. */
export function apiError<E extends Env, P extends string, I extends Input>(
  c: Context<E, P, I>,
  status: ContentfulStatusCode,
  code: ApiErrorCode,
  message: string,
  headers: Record<string, string> = {}
): Response {
  return c.json({ error: { code, message } }, status, headers)
}
