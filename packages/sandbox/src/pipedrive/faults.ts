/**
 * @module pipedrive/faults
 * Fault knobs for the local Pipedrive, in the style of the Intilery stand-in's (admin/faults.ts):
 * added latency and hanging responses, per route, so tests can play a Pipedrive that is slow or
 * silent. A held response is let go when its caller leaves or the stand-in stops (request-guards'
 * Hangs). Random choices use a seeded generator so a run is reproducible.
 */
import { z } from 'zod'

import { RouteKnobs } from '../admin/route-knobs.ts'

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

export class PipedriveFaults extends RouteKnobs<PipedriveFaultRoute, PipedriveFaultSettings> {
  constructor(seed = 1) {
    super(NO_PIPEDRIVE_FAULTS, pipedriveFaultSettingsSchema, seed)
  }

  /** Whether this request hangs. */
  hangs(route: PipedriveFaultRoute): boolean {
    return this.chance(route, this.settings.hangRate)
  }
}
