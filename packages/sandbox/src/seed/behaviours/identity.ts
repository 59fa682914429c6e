/**
 * @module seed/behaviours/identity
 * Identify calls: the moment a visitor becomes known, and later trait changes.
 */
import type { Actor } from './actor.ts'

export function identify(actor: Actor, ms: number, traits: Record<string, unknown>): boolean {
  return actor.timeline.add(ms, {
    type: 'identify',
    anonymousId: actor.web.anonymousId,
    context: actor.web.context(),
    traits,
  })
}
