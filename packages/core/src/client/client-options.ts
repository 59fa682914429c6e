/**
 * @module client-options
 * The client's options, validated at construction: a bad option (an empty token, a non-HTTP base
 * URL) fails at start-up with a message naming it, not at the first request.
 */
import { z } from 'zod/mini'

import { TokenBucket } from './token-bucket.ts'
import type { ClientHooks } from './transport.ts'

const rateLimitSchema = z.object({
  ratePerSecond: z.number().check(z.positive()),
  burst: z.int().check(z.minimum(1)),
})

const optionalCount = z.optional(z.int().check(z.minimum(0)))

export const profileClientOptionsSchema = z.object({
  baseUrl: z.url({ protocol: /^https?$/, error: 'baseUrl must be an http(s) URL' }),
  clientId: z.string().check(z.minLength(1, 'clientId is required')),
  accountId: z.string().check(z.minLength(1, 'accountId is required')),
  brandId: z.string().check(z.minLength(1, 'brandId is required')),
  authToken: z.string().check(z.minLength(1, 'authToken is required')),
  /** Per-attempt timeout. */
  timeoutMs: z._default(z.int().check(z.positive()), 10_000),
  /** Total time for one call, retries and waits included. */
  deadlineMs: z._default(z.int().check(z.positive()), 30_000),
  retry: z.optional(
    z.union([
      z.literal(false),
      z.object({
        maxRetries: z.optional(z.int().check(z.minimum(0), z.maximum(10))),
        baseDelayMs: optionalCount,
        maxDelayMs: optionalCount,
        maxRetryAfterSeconds: z.optional(z.number().check(z.minimum(0))),
      }),
    ])
  ),
  /** Client-side token bucket; `false` turns it off, a TokenBucket instance is used as given. */
  // instanceof first: a TokenBucket also has ratePerSecond and burst, and would match the object.
  rateLimit: z.optional(z.union([z.literal(false), z.instanceof(TokenBucket), rateLimitSchema])),
  userAgent: z.optional(z.string()),
})

export type ProfileClientOptions = z.input<typeof profileClientOptionsSchema> & {
  fetch?: typeof fetch | undefined
  hooks?: ClientHooks | undefined
}
