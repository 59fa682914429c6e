import type { TimelineEntry, TimelineKind } from '@intilery-connect/core'
import { describe, expect, it } from 'vitest'

import { panelEvents } from './panel-events.ts'

const entry = (
  n: number,
  kind: TimelineKind,
  titleId = `timeline.${kind}.x`,
  action = 'x'
): TimelineEntry =>
  ({
    id: `e${n}`,
    kind,
    action,
    at: new Date(Date.UTC(2026, 10, 22, 0, 60 - n)).toISOString(),
    title: { id: titleId },
    details: [],
    raw: {},
  }) as unknown as TimelineEntry

describe('the JSON panel’s events', () => {
  it('cap each kind, so one visit to pricing survives a run of sends', () => {
    const sends = Array.from({ length: 12 }, (_, i) => entry(i, 'email', 'timeline.email.sent'))
    const page = entry(20, 'page')
    const chosen = panelEvents([...sends, page], 9)
    expect(chosen).toContain(page)
    expect(chosen).toHaveLength(9)
    expect(chosen.map((e) => e.id)).toEqual(
      [...chosen].sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1))).map((e) => e.id)
    )
  })

  it('prefer opens and clicks to sends', () => {
    const rows = [
      entry(1, 'email', 'timeline.email.sent'),
      entry(2, 'email', 'timeline.email.delivered'),
      entry(3, 'email', 'timeline.email.opened'),
      entry(4, 'email', 'timeline.email.clicked'),
    ]
    expect(panelEvents(rows, 3).map((e) => e.id)).toEqual(['e1', 'e3', 'e4'])
  })

  it('keep orders however many product views and carts came after them', () => {
    const views = Array.from({ length: 6 }, (_, i) =>
      entry(i, 'commerce', 'timeline.commerce.productViewed', 'product_viewed')
    )
    const orders = [10, 11, 12, 13].map((n) =>
      entry(n, 'commerce', 'timeline.commerce.orderCompleted', 'order_completed')
    )
    const chosen = panelEvents([...views, ...orders], 5).map((e) => e.id)
    // The two newest views (commerce's cap) and the three newest orders (the orders' cap).
    expect(chosen).toEqual(['e0', 'e1', 'e10', 'e11', 'e12'])
  })
})
