/**
 * @module customer/computed-traits
 * A profile's computed traits from a traits answer, read as normalizeProfile reads them. Apart from
 * normalize-profile.ts because the browser apps read computed traits on their own (the relay sends
 * them apart from the context) and need nothing else of normalizing.
 */
import type { Traits } from '../schemas/profile.ts'

/** `value` when it is a plain object (copied), else an empty record: odd data is not a crash. */
export function plainRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? { ...(value as Record<string, unknown>) }
    : {}
}

/** The `computed` part of one profile's traits answer; none when it is absent or not an object. */
export function computedTraitsOf(traits: Pick<Traits, 'computed'>): Record<string, unknown> {
  return plainRecord(traits.computed)
}
