import { describe, expect, it } from 'vitest'

import type { CustomerRecord } from '../store/types.ts'
import { seedCustomers } from './index.ts'
import { BRAND, DAY_MS, NOW, eventName, named, props } from './testing.ts'

const customers = seedCustomers({ now: NOW, brand: BRAND })
const events = customers.flatMap((c) => c.events)

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/** The dataset with every time written as its distance to `now`. */
function relative(value: unknown, now: number, key = ''): unknown {
  if (typeof value === 'string' && ISO.test(value)) return `now${Date.parse(value) - now}`
  if (typeof value === 'number' && key === 'ms') return value - now
  if (Array.isArray(value)) return value.map((item) => relative(item, now))
  if (typeof value === 'object' && value !== null) {
    // fromEntries, not assignment, so an own `__proto__` key stays a key.
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, relative(v, now, k)]))
  }
  return value
}

describe('determinism', () => {
  it('gives the same dataset for the same seed and now', () => {
    expect(JSON.stringify(seedCustomers({ now: NOW, brand: BRAND }))).toBe(
      JSON.stringify(customers)
    )
  })

  it('moves only the times when now moves', () => {
    const later = NOW + 987_654_321 + 7
    const shifted = seedCustomers({ now: later, brand: BRAND })
    expect(shifted[5]?.events[3]?.ms).toBe((customers[5]?.events[3]?.ms ?? 0) + 987_654_328)
    expect(relative(shifted, later)).toEqual(relative(customers, NOW))
  })

  it('refuses a now that is not whole milliseconds, which would break the pure shift', () => {
    expect(() => seedCustomers({ now: NOW + 0.5, brand: BRAND })).toThrow(/integer/)
  })

  it('gives a different dataset for another seed, keeping the special identities', () => {
    const other = seedCustomers({ now: NOW, brand: BRAND, seed: 7 })
    expect(other.map((c) => c.id)).not.toEqual(customers.map((c) => c.id))
    expect(other[0]?.id).toBe(customers[0]?.id)
  })
})

describe('size and time', () => {
  it('has at least 300 customers and 30,000 events, but under 45,000', () => {
    expect(customers.length).toBeGreaterThanOrEqual(300)
    expect(events.length).toBeGreaterThanOrEqual(30_000)
    expect(events.length).toBeLessThan(45_000)
  })

  it('puts every event in the 180 days before now, never in the future', () => {
    const outside = events.filter((e) => e.ms > NOW || e.ms < NOW - 180 * DAY_MS)
    expect(outside).toEqual([])
  })

  it('keeps each customer’s events in ascending time order', () => {
    const unordered = customers.filter((c) =>
      c.events.some((e, i) => i > 0 && e.ms < (c.events[i - 1]?.ms ?? 0))
    )
    expect(unordered.map((c) => c.id)).toEqual([])
  })

  it('writes eventTime and timestamp as the event’s ms, received shortly after', () => {
    for (const { ms, event } of events) {
      expect(event.eventTime).toBe(new Date(ms).toISOString())
      expect(event.rawData.timestamp).toBe(event.eventTime)
      const lag = Date.parse(event.receivedTime ?? '') - ms
      expect(lag).toBeGreaterThan(0)
      expect(lag).toBeLessThan(2_000)
    }
  })
})

describe('identities', () => {
  it('gives every customer, userId and event a distinct id', () => {
    expect(new Set(customers.map((c) => c.id)).size).toBe(customers.length)
    const userIds = customers.flatMap((c) => (c.userId === undefined ? [] : [c.userId]))
    expect(new Set(userIds).size).toBe(userIds.length)
    expect(new Set(events.map((e) => e.event.eventId)).size).toBe(events.length)
  })

  it('shares an email between exactly two customers, case-insensitively', () => {
    const byEmail = new Map<string, number>()
    for (const c of customers) {
      if (typeof c.traits.email === 'string')
        byEmail.set(
          c.traits.email.toLowerCase(),
          (byEmail.get(c.traits.email.toLowerCase()) ?? 0) + 1
        )
    }
    expect([...byEmail].filter(([, n]) => n > 1)).toEqual([['sam.taylor@example.com', 2]])
  })

  it('has anonymous-only customers whose events carry their anonymousId and no userId', () => {
    const anonymous = customers.filter((c) => c.userId === undefined)
    expect(anonymous.length).toBeGreaterThanOrEqual(10)
    for (const c of anonymous) {
      expect(c.anonymousIds.length).toBeGreaterThan(0)
      expect(
        c.events.every(
          (e) =>
            e.event.userId === undefined &&
            c.anonymousIds.includes(e.event.rawData.anonymousId ?? '')
        )
      ).toBe(true)
    }
  })

  it('varies externalId between the email and a CRM id', () => {
    const known = customers.filter((c) => typeof c.traits.externalId === 'string')
    expect(known.some((c) => c.traits.externalId === c.traits.email)).toBe(true)
    expect(known.some((c) => /^CRM-\d{7}$/.test(String(c.traits.externalId)))).toBe(true)
  })

  it('includes the unicode names', () => {
    const names = new Set(
      customers.map((c) => `${String(c.traits.firstName)} ${String(c.traits.lastName)}`)
    )
    for (const name of [
      'Zoë Çelik',
      '裕子 渡辺',
      'Ólafur Þór',
      'Ana María Muñoz',
      'Søren Ødegård',
      'Дмитрий Иванов',
      'محمد علي',
    ]) {
      expect(names).toContain(name)
    }
  })
})

describe('profile fields', () => {
  it('lists the five marketing channels in the spec’s order', () => {
    for (const c of customers)
      expect(c.marketingPreferences.map((p) => p.channel)).toEqual([
        'email',
        'sms',
        'whatsapp',
        'facebook',
        'push',
      ])
    expect(
      customers.some((c) =>
        c.marketingPreferences.some((p) => p.channel === 'push' && p.subscribed)
      )
    ).toBe(true)
  })

  it('records who created each customer, before their first event', () => {
    for (const c of customers) {
      expect(['audience-csv', 'tracking']).toContain(c.createdBy.type)
      if (c.createdBy.type === 'audience-csv')
        expect(c.createdBy.filename).toEqual(expect.stringMatching(/\.csv$/))
      const created = Date.parse(String(c.createdBy.createdTime))
      if (c.events[0] !== undefined) expect(created).toBeLessThanOrEqual(c.events[0].ms)
    }
    expect(customers.filter((c) => c.createdBy.type === 'audience-csv').length).toBeGreaterThan(20)
  })

  it('encodes each subscriptionId as base64 of client:account:uuid', () => {
    for (const c of customers) {
      expect(Buffer.from(c.subscriptionId, 'base64').toString('utf8')).toMatch(
        /^intilery:marketing:[0-9a-f-]{36}$/
      )
    }
  })
})

describe('variety', () => {
  it('has every kind of event the sandbox promises', () => {
    const names = new Set(events.map(eventName))
    for (const name of [
      'Email Sent',
      'Email Delivered',
      'Email Opened',
      'Email Clicked',
      'Email Bounced',
      'Unsubscribed',
      'Page Viewed',
      'Screen Viewed',
      'Identify',
      'Products Searched',
      'Product Viewed',
      'Product Added',
      'Product Removed',
      'Cart Viewed',
      'Checkout Started',
      'Order Completed',
      'Order Refunded',
      'Order Cancelled',
      'Form Submitted',
      'Lead Created',
      'Application Opened',
      'Application Backgrounded',
      'Experiment Viewed',
      'Webinar Registered',
      'Trial Started',
      'Subscription Renewed',
    ]) {
      expect(names).toContain(name)
    }
    expect(new Set(events.map((e) => e.event.rawData.action))).toEqual(
      new Set(['track', 'page', 'screen', 'identify'])
    )
  })

  it('sends email events with the email fields and sendType email', () => {
    const emailNames = [
      'Email Sent',
      'Email Delivered',
      'Email Opened',
      'Email Clicked',
      'Email Bounced',
      'Unsubscribed',
    ]
    for (const e of events.filter((x) => emailNames.includes(eventName(x)))) {
      expect(e.event.rawData.sendType).toBe('email')
      expect(Object.keys(props(e))).toEqual(
        expect.arrayContaining(['email_id', 'email_subject', 'campaign_id'])
      )
    }
    for (const e of named(events, 'Email Clicked'))
      expect(props(e)).toEqual(
        expect.objectContaining({
          url: expect.any(String) as unknown,
          link: expect.any(String) as unknown,
        })
      )
  })

  it('completes orders in all four currencies, some with coupons, each with line items', () => {
    const orders = named(events, 'Order Completed')
    expect(new Set(orders.map((o) => props(o).currency))).toEqual(
      new Set(['GBP', 'EUR', 'USD', 'JPY'])
    )
    expect(orders.some((o) => typeof props(o).coupon === 'string')).toBe(true)
    for (const o of orders) {
      const products = props(o).products as Record<string, unknown>[]
      expect(products.length).toBeGreaterThan(0)
      for (const p of products)
        expect(Object.keys(p)).toEqual(
          expect.arrayContaining(['product_id', 'sku', 'name', 'price', 'quantity', 'category'])
        )
    }
  })

  it('gives page views a url, path, title and referrer', () => {
    for (const e of events.filter((x) => x.event.rawData.action === 'page')) {
      expect(Object.keys(props(e))).toEqual(
        expect.arrayContaining(['url', 'path', 'title', 'referrer'])
      )
    }
  })
})

function before(
  c: CustomerRecord,
  index: number,
  test: (e: (typeof c.events)[number]) => boolean
): boolean {
  return c.events.slice(0, index).some(test)
}

describe('causality', () => {
  it('sends an email before it is delivered, opened or clicked, and opens it before a click', () => {
    for (const c of customers) {
      c.events.forEach((e, i) => {
        const name = eventName(e)
        if (
          ![
            'Email Delivered',
            'Email Bounced',
            'Email Opened',
            'Email Clicked',
            'Unsubscribed',
          ].includes(name)
        )
          return
        const id = props(e).email_id
        expect(
          before(c, i, (x) => eventName(x) === 'Email Sent' && props(x).email_id === id),
          `${c.id} ${name}`
        ).toBe(true)
        if (name === 'Email Clicked')
          expect(
            before(c, i, (x) => eventName(x) === 'Email Opened' && props(x).email_id === id)
          ).toBe(true)
      })
    }
  })

  it('orders only products the customer viewed before', () => {
    for (const c of customers) {
      c.events.forEach((e, i) => {
        if (eventName(e) !== 'Order Completed') return
        for (const p of props(e).products as Record<string, unknown>[]) {
          expect(
            before(
              c,
              i,
              (x) => eventName(x) === 'Product Viewed' && props(x).product_id === p.product_id
            )
          ).toBe(true)
        }
      })
    }
  })
})
