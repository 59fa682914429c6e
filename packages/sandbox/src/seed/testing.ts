/**
 * @module seed/testing
 * Shared by the seed's tests only: a fixed clock and brand, and small readers over stored events.
 */
import type { StoredEvent } from '../store/types.ts'

/** An odd, not-round instant, so nothing can pass by accident of alignment. */
export const NOW = Date.parse('2026-11-22T10:17:43.219Z')
export const BRAND = { clientId: 'intilery', accountId: 'marketing', brandId: 'MARKETING' } as const
export const DAY_MS = 86_400_000

export function eventName(stored: StoredEvent): string {
  return stored.event.rawData.event ?? ''
}

export function props(stored: StoredEvent): Record<string, unknown> {
  return stored.event.rawData.properties ?? {}
}

export function named(events: readonly StoredEvent[], name: string): StoredEvent[] {
  return events.filter((e) => eventName(e) === name)
}

/** Every string in a value, keys included, however deep. */
export function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value)
  else if (Array.isArray(value)) for (const item of value) allStrings(item, out)
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      out.push(key)
      allStrings(item, out)
    }
  }
  return out
}
