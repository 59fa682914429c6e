/**
 * The table form of the describer tests: an event shaped like the sandbox's seed and exactly the
 * kind, title (message id + values) and detail rows its entry must have.
 */
import { expect, it } from 'vitest'

import type { ProfileEvent } from '../../schemas/event.ts'
import { toTimeline } from '../to-timeline.ts'

export interface KindCase {
  readonly name: string
  readonly event: ProfileEvent
  readonly kind: string
  readonly title: { id: string; values?: Record<string, unknown> }
  readonly detail: readonly { label: unknown; value: unknown }[]
}

/** A detail label from the catalogue. */
export const id = (label: string) => ({ id: label })
/** A detail label taken from the data. */
export const named = (text: string) => ({ text })

/** One test per case: the entry of the event alone. */
export function itDescribes(cases: readonly KindCase[]): void {
  it.each(cases)('$name', ({ event: input, kind, title, detail }) => {
    const [entry] = toTimeline([input])
    expect(entry?.kind).toBe(kind)
    expect(entry?.title).toEqual(title)
    expect(entry?.detail).toEqual(detail)
    expect(entry?.id).toBe(input.eventId)
    expect(entry?.action).toBe(input.eventAction)
    expect(entry?.at).toBe(input.eventTime)
    expect(entry?.raw).toBe(input)
  })
}
