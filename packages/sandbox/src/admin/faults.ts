/**
 * @module admin/faults
 * Fault knobs for resilience tests and benchmarks: added latency, an error rate, 429 storms,
 * malformed JSON bodies and hanging responses. Random choices use a seeded generator so a test run
 * is reproducible.
 */
import { z } from 'zod'

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

/** mulberry32: a tiny seeded PRNG; reproducible fault sequences matter more than quality here. */
function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'hang' }
  | { kind: 'error'; status: FaultSettings['errorStatus'] }
  | { kind: 'rate-limit'; retryAfterSeconds: number | null }

export class FaultKnobs {
  private settings: FaultSettings = { ...NO_FAULTS }
  private random: () => number

  constructor(private readonly seed = 1) {
    this.random = seeded(seed)
  }

  get current(): FaultSettings {
    return { ...this.settings, routes: [...this.settings.routes] }
  }

  /** Changes some knobs, leaving the others as they are. */
  set(patch: FaultPatch): FaultSettings {
    this.settings = faultSettingsSchema.parse({ ...this.settings, ...stripUndefined(patch) })
    return this.current
  }

  reset(): void {
    this.settings = { ...NO_FAULTS }
    this.random = seeded(this.seed)
  }

  affects(route: FaultRoute): boolean {
    return this.settings.routes.length === 0 || this.settings.routes.includes(route)
  }

  latencyFor(route: FaultRoute): number {
    return this.affects(route) ? this.settings.latencyMs : 0
  }

  /** What to do with this request before it reaches its handler. */
  decide(route: FaultRoute): FaultDecision {
    if (!this.affects(route)) return { kind: 'none' }
    const s = this.settings
    if (s.rateLimitStorm > 0) {
      s.rateLimitStorm -= 1
      return { kind: 'rate-limit', retryAfterSeconds: s.retryAfterSeconds }
    }
    if (s.hangRate > 0 && this.random() < s.hangRate) return { kind: 'hang' }
    if (s.errorRate > 0 && this.random() < s.errorRate)
      return { kind: 'error', status: s.errorStatus }
    return { kind: 'none' }
  }

  /** Whether this successful response's body should be cut short. */
  malformed(route: FaultRoute): boolean {
    return (
      this.affects(route) &&
      this.settings.malformedRate > 0 &&
      this.random() < this.settings.malformedRate
    )
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
