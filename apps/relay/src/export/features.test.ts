import type { ProfileEvent } from '@intilery-connect/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { featureRow, labelColumns } from './features.ts'

const DAY = 86_400_000
const AS_OF = Date.parse('2026-11-01T00:00:00Z')
const options = { asOfMs: AS_OF, labelDays: 30 }
const labels = Object.values(labelColumns(30))

let serial = 0
function event(
  action: string,
  ms: number,
  extra: Partial<ProfileEvent> = {},
  props: Record<string, unknown> = {}
): ProfileEvent {
  serial += 1
  return {
    eventId: `e${serial}`,
    eventTime: new Date(ms).toISOString(),
    receivedTime: new Date(ms + 1_000).toISOString(),
    eventAction: action,
    rawData: { action: 'track', event: action, properties: props },
    ...extra,
  }
}

const order = (ms: number, total = 50) =>
  event(
    'order_completed',
    ms,
    {},
    { order_id: `o${ms}`, total, currency: 'GBP', products: [{ product_id: 'p1' }] }
  )

function withoutReceivedTime({ receivedTime: _received, ...rest }: ProfileEvent): ProfileEvent {
  return rest
}

/** The row without its labels: what a model may learn from. */
const featuresOnly = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).filter(([key]) => !labels.includes(key)))

const history = [
  event('email_delivered', AS_OF - 20 * DAY),
  event('email_opened', AS_OF - 19 * DAY),
  event('product_viewed', AS_OF - 10 * DAY, {}, { product_id: 'p2', name: 'Boots' }),
  order(AS_OF - 5 * DAY),
  event('page_viewed', AS_OF - 1 * DAY),
]

describe('features as of a cut-off', () => {
  it('uses events before the cut-off only: any events after it change the labels, never a feature', () => {
    const base = featureRow('c1', history, options)
    const later = fc.record({
      action: fc.constantFrom('order_completed', 'email_opened', 'page_viewed', 'product_viewed'),
      // Mostly within the label window, and a receivedTime or none (then only eventTime decides).
      offsetMs: fc.oneof(
        fc.integer({ min: 0, max: 31 * DAY }),
        fc.integer({ min: 0, max: 400 * DAY })
      ),
      received: fc.boolean(),
    })
    fc.assert(
      fc.property(fc.array(later, { maxLength: 12 }), (after) => {
        const extra = after.map(({ action, offsetMs, received }) => {
          const made =
            action === 'order_completed' ? order(AS_OF + offsetMs) : event(action, AS_OF + offsetMs)
          return received ? made : withoutReceivedTime(made)
        })
        const row = featureRow('c1', [...extra, ...history], options)
        expect(featuresOnly(row)).toEqual(featuresOnly(base))
      })
    )
  })

  it('moving an order from before the cut-off to after it moves it from the features to the labels', () => {
    const before = featureRow('c1', history, options)
    const moved = history.map((e) =>
      e.eventAction === 'order_completed' ? withoutReceivedTime(order(AS_OF + 3 * DAY)) : e
    )
    const after = featureRow('c1', moved, options)
    const withoutOrder = featureRow(
      'c1',
      history.filter((e) => e.eventAction !== 'order_completed'),
      options
    )
    expect(featuresOnly(after)).toEqual(featuresOnly(withoutOrder))
    expect(before).toMatchObject({ rfm_frequency: 1, rfm_monetary: 50, purchased_next_30d: false })
    expect(after).toMatchObject({ rfm_frequency: 0, rfm_monetary: 0, purchased_next_30d: true })
  })

  it('leaves out an event Intilery received after the cut-off, though it happened before', () => {
    const late = { ...order(AS_OF - 2 * DAY), receivedTime: new Date(AS_OF + 60_000).toISOString() }
    expect(featuresOnly(featureRow('c1', [...history, late], options))).toEqual(
      featuresOnly(featureRow('c1', history, options))
    )
  })

  it('counts per kind and window, rates, recency and products viewed and not bought', () => {
    const row = featureRow('c1', history, options)
    expect(row).toMatchObject({
      known_at_cutoff: true,
      rfm_frequency: 1,
      rfm_currency: 'GBP',
      days_since_last_order: 5,
      days_since_last_event: 1,
      commerce_events_7d: 1,
      commerce_events_30d: 2,
      email_events_7d: 0,
      email_events_30d: 2,
      page_events_7d: 1,
      email_open_rate_90d: 1,
      email_click_rate_90d: 0,
      viewed_not_bought_count: 1,
      viewed_not_bought_ids: ['p2'],
    })
  })

  it('labels churn only for a customer active before the cut-off', () => {
    expect(featureRow('c1', history, options)).toMatchObject({
      active_next_30d: false,
      churned_next_30d: true,
    })
    expect(
      featureRow('c1', [...history, event('page_viewed', AS_OF + DAY)], options)
    ).toMatchObject({
      active_next_30d: true,
      churned_next_30d: false,
    })
    expect(featureRow('c2', [event('page_viewed', AS_OF + DAY)], options)).toMatchObject({
      known_at_cutoff: false,
      churned_next_30d: null,
      days_since_last_event: null,
    })
  })
})
