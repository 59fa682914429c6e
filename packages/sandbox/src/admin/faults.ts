/**
 * @module admin/faults
 * Fault knobs for resilience tests and benchmarks: added latency, an error rate, 429 storms,
 * malformed JSON bodies and hanging responses. Random choices use a seeded generator so a test run
 * is reproducible.
 */
import { z } from 'zod'

import { RouteKnobs } from './route-knobs.ts'

export const FAULT_ROUTES = ['traits', 'events', 'meta', 'audiences', 'list', 'ingest'] as const
export type FaultRoute = (typeof FAULT_ROUTES)[number]

const rate = z.number().min(0).max(1)

export const faultSettingsSchema = z
  .object({
    /** Added to every affected response, in milliseconds. */
    latencyMs: z.number().int().min(0).max(120_000),
    /** Share of affected requests answered with `errorStatus`. */
    errorRate: rate,
    errorStatus: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]),
    /** The next N affected requests get 429 (a storm), regardless of the token bucket. */
    rateLimitStorm: z.number().int().min(0),
    /** `Retry-After` sent with storm 429s (seconds); null sends none, as upstream does. */
    retryAfterSeconds: z.number().int().min(0).max(3600).nullable(),
    /** Share of affected successful responses whose JSON body is cut short. */
    malformedRate: rate,
    /** Share of affected requests that never answer (until the caller gives up or the sandbox stops). */
    hangRate: rate,
    /** Which routes the knobs affect; all when empty. */
    routes: z.array(z.enum(FAULT_ROUTES)),
  })
  .strict()

export type FaultSettings = z.infer<typeof faultSettingsSchema>
export const faultPatchSchema = faultSettingsSchema.partial()
export type FaultPatch = z.infer<typeof faultPatchSchema>

export const NO_FAULTS: FaultSettings = {
  latencyMs: 0,
  errorRate: 0,
  errorStatus: 503,
  rateLimitStorm: 0,
  retryAfterSeconds: null,
  malformedRate: 0,
  hangRate: 0,
  routes: [],
}

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'hang' }
  | { kind: 'error'; status: FaultSettings['errorStatus'] }
  | { kind: 'rate-limit'; retryAfterSeconds: number | null }

export class FaultKnobs extends RouteKnobs<FaultRoute, FaultSettings> {
  constructor(seed = 1) {
    super(NO_FAULTS, faultSettingsSchema, seed)
  }

  /** What to do with this request before it reaches its handler. */
  decide(route: FaultRoute): FaultDecision {
    if (!this.affects(route)) return { kind: 'none' }
    const s = this.settings
    if (s.rateLimitStorm > 0) {
      s.rateLimitStorm -= 1
      return { kind: 'rate-limit', retryAfterSeconds: s.retryAfterSeconds }
    }
    if (this.chance(route, s.hangRate)) return { kind: 'hang' }
    if (this.chance(route, s.errorRate)) return { kind: 'error', status: s.errorStatus }
    return { kind: 'none' }
  }

  /** Whether this successful response's body should be cut short. */
  malformed(route: FaultRoute): boolean {
    return this.chance(route, this.settings.malformedRate)
  }
}
