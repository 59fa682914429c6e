/**
 * @module pipedrive/faults
 * Fault knobs for the local Pipedrive, in the style of the Intilery stand-in's (admin/faults.ts):
 * added latency and hanging responses, per route, so tests can play a Pipedrive that is slow or
 * silent. A held response is let go when its caller leaves or the stand-in stops (request-guards'
 * Hangs). Random choices use a seeded generator so a run is reproducible.
 */
import { z } from 'zod'

/** The calls the relay makes, by what they do (several paths may share one). */
export const PIPEDRIVE_FAULT_ROUTES = [
  'token',
  'users/me',
  'persons',
  'deals',
  'organizations',
  'notes',
] as const
export type PipedriveFaultRoute = (typeof PIPEDRIVE_FAULT_ROUTES)[number]

export const pipedriveFaultSettingsSchema = z
  .object({
    /** Added to every affected response, in milliseconds. */
    latencyMs: z.number().int().min(0).max(120_000),
    /** Share of affected requests that never answer (until the caller gives up or Pipedrive stops). */
    hangRate: z.number().min(0).max(1),
    /** Which routes the knobs affect; all when empty. */
    routes: z.array(z.enum(PIPEDRIVE_FAULT_ROUTES)),
  })
  .strict()
export type PipedriveFaultSettings = z.infer<typeof pipedriveFaultSettingsSchema>
export type PipedriveFaultPatch = Partial<PipedriveFaultSettings>

export const NO_PIPEDRIVE_FAULTS: PipedriveFaultSettings = { latencyMs: 0, hangRate: 0, routes: [] }

/** Which fault route a request path is; undefined for paths the knobs leave alone (consent pages). */
export function pipedriveFaultRoute(method: string, path: string): PipedriveFaultRoute | undefined {
  if (method === 'POST' && path === '/oauth/token') return 'token'
  if (path === '/api/v1/users/me') return 'users/me'
  if (path.startsWith('/api/v2/persons')) return 'persons'
  if (path.startsWith('/api/v2/deals')) return 'deals'
  if (path.startsWith('/api/v2/organizations')) return 'organizations'
  if (path.startsWith('/api/v1/notes')) return 'notes'
  return undefined
}

/** mulberry32, as admin/faults.ts: reproducible fault sequences matter more than quality here. */
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

export class PipedriveFaults {
  private settings: PipedriveFaultSettings = { ...NO_PIPEDRIVE_FAULTS }
  private random: () => number

  constructor(private readonly seed = 1) {
    this.random = seeded(seed)
  }

  get current(): PipedriveFaultSettings {
    return { ...this.settings, routes: [...this.settings.routes] }
  }

  /** Changes some knobs, leaving the others as they are. */
  set(patch: PipedriveFaultPatch): PipedriveFaultSettings {
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
    this.settings = pipedriveFaultSettingsSchema.parse({ ...this.settings, ...defined })
    return this.current
  }

  reset(): void {
    this.settings = { ...NO_PIPEDRIVE_FAULTS }
    this.random = seeded(this.seed)
  }

  affects(route: PipedriveFaultRoute): boolean {
    return this.settings.routes.length === 0 || this.settings.routes.includes(route)
  }

  latencyFor(route: PipedriveFaultRoute): number {
    return this.affects(route) ? this.settings.latencyMs : 0
  }

  /** Whether this request hangs. */
  hangs(route: PipedriveFaultRoute): boolean {
    return (
      this.affects(route) && this.settings.hangRate > 0 && this.random() < this.settings.hangRate
    )
  }
}
