/**
 * Builds a CustomerContext for a ref from an in-process sandbox, the way the relay will: traits and
 * meta normalised into profiles, events turned into the timeline. No network: the core client's
 * fetch is the sandbox app's own request handler.
 */
import {
  createProfileClient,
  normalizeProfiles,
  toTimeline,
  type CustomerContext,
  type ProfileEvent,
  type ProfileRef,
} from '@intilery-connect/core'

import { createSandbox } from '../src/sandbox.ts'

export function inProcessCustomers(now: Date) {
  const sandbox = createSandbox({ now: now.getTime(), clock: () => now.getTime() })
  const client = createProfileClient({
    baseUrl: 'http://sandbox.invalid',
    clientId: sandbox.config.clientId,
    accountId: sandbox.config.accountId,
    brandId: sandbox.config.brandId,
    authToken: sandbox.config.authToken,
    rateLimit: false,
    fetch: (input, init) => Promise.resolve(sandbox.app.request(input, init)),
  })

  /** The context of `ref`, with at most `maxEvents` events in its timeline. */
  async function contextFor(ref: ProfileRef, maxEvents = 400): Promise<CustomerContext> {
    const [traits, meta] = await Promise.all([client.traits(ref), client.meta(ref)])
    const list = <T>(
      lookup: { kind: 'list'; profiles: readonly T[] } | { kind: 'single'; profile: T }
    ) => (lookup.kind === 'list' ? lookup.profiles : [lookup.profile])
    const events: ProfileEvent[] = []
    for await (const event of client.iterateEvents(ref, {}, { max: maxEvents })) events.push(event)
    const profiles = normalizeProfiles({ traits: list(traits), meta: list(meta) })
    return {
      match: profiles.length === 0 ? 'none' : profiles.length === 1 ? 'one' : 'many',
      profiles,
      timeline: { entries: toTimeline(events) },
      fetchedAt: now.toISOString(),
      stale: false,
    }
  }

  return { sandbox, contextFor }
}
