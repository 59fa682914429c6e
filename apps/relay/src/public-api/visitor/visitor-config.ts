/**
 * @module public-api/visitor/visitor-config
 * The per-visitor rate limit from the environment (read with the relay's other settings, see
 * wiring/relay-config.ts): `RELAY_VISITOR_BURST` requests at once, `RELAY_VISITOR_PER_MINUTE`
 * sustained. A page asks once per view, so the defaults leave a browsing visitor plenty.
 */
import { z } from 'zod'

import { DEFAULT_VISITOR_LIMIT, type VisitorLimit } from './visitor-rate-limit.ts'

const shape = {
  visitorBurst: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_VISITOR_LIMIT.burst),
  visitorPerMinute: z.coerce
    .number()
    .int()
    .min(1)
    .max(6_000_000)
    .default(DEFAULT_VISITOR_LIMIT.perMinute),
}

export type VisitorConfig = z.output<z.ZodObject<typeof shape>>

export const visitorConfig = {
  shape,
  env: {
    visitorBurst: 'RELAY_VISITOR_BURST',
    visitorPerMinute: 'RELAY_VISITOR_PER_MINUTE',
  } satisfies Record<keyof typeof shape, string>,
  secrets: [],
  check: () => undefined,
}

export const visitorLimitOf = (config: VisitorConfig): VisitorLimit => ({
  burst: config.visitorBurst,
  perMinute: config.visitorPerMinute,
})
