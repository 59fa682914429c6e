/**
 * @module client-options
 * The client's options, validated at construction: a bad option (an empty token, a non-HTTP base
 * URL) fails at start-up with a message naming it, not at the first request.
 */
import { z } from 'zod'

import { TokenBucket } from './token-bucket.ts'
import type { ClientHooks } from './transport.ts'

const rateLimitSchema = z.object({
  ratePerSecond: z.number().positive(),
  burst: z.number().int().min(1),
})

export const profileClientOptionsSchema = z.object({
  baseUrl: z.url({ protocol: /^https?$/, error: 'baseUrl must be an http(s) URL' }),
  clientId: z.string().min(1, 'clientId is required'),
  accountId: z.string().min(1, 'accountId is required'),
  brandId: z.string().min(1, 'brandId is required'),
  authToken: z.string().min(1, 'authToken is required'),
  /** Per-attempt timeout. */
  timeoutMs: z.number().int().positive().default(10_000),
  /** Total time for one call, retries and waits included. */
  deadlineMs: z.number().int().positive().default(30_000),
  retry: z
    .union([
      z.literal(false),
      z.object({
        maxRetries: z.number().int().min(0).max(10).optional(),
        baseDelayMs: z.number().int().min(0).optional(),
        maxDelayMs: z.number().int().min(0).optional(),
        maxRetryAfterSeconds: z.number().min(0).optional(),
      }),
    ])
    .optional(),
  /** Client-side token bucket; `false` turns it off, a TokenBucket instance is used as given. */
  // instanceof first: a TokenBucket also has ratePerSecond and burst, and would match the object.
  rateLimit: z.union([z.literal(false), z.instanceof(TokenBucket), rateLimitSchema]).optional(),
  userAgent: z.string().optional(),
})

export type ProfileClientOptions = z.input<typeof profileClientOptionsSchema> & {
  fetch?: typeof fetch | undefined
  hooks?: ClientHooks | undefined
}
