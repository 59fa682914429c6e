import { describe, expect, it } from 'vitest'

import type { CustomerRecord } from '../../store/types.ts'
import { DYNAMIC_AUDIENCES, seedCustomers, SEEDED } from '../index.ts'
import { allStrings, BRAND, DAY_MS, NOW, eventName, props } from '../testing.ts'
import { HIGH_VALUE_ORDERS } from './high-value.ts'

const customers = seedCustomers({ now: NOW, brand: BRAND })
function customer(id: string): CustomerRecord {
  const found = customers.find((c) => c.id === id)
  if (found === undefined) throw new Error(`no customer ${id}`)
  return found
}

describe('the shared-email pair', () => {
  const pair = customers.filter((c) => String(c.traits.email).toLowerCase() === SEEDED.sharedEmail)

  it('is two different people', () => {
    expect(pair.map((c) => c.id).sort()).toEqual(SEEDED.sharedEmailProfiles.map((p) => p.id).sort())
    const [a, b] = pair
    expect(a?.userId).not.toBe(b?.userId)
    expect(`${String(a?.traits.firstName)} ${String(a?.traits.lastName)}`).not.toBe(
      `${String(b?.traits.firstName)} ${String(b?.traits.lastName)}`
    )
  })

  it('writes the email in different case, and both have events', () => {
    expect(new Set(pair.map((c) => c.traits.email))).toEqual(
      new Set(['Sam.Taylor@example.com', 'sam.taylor@example.com'])
    )
    for (const c of pair) expect(c.events.length).toBeGreaterThan(0)
  })
})

describe('the hostile customer', () => {
  const hostile = customer(SEEDED.hostile.id)
  const strings = allStrings(hostile)

  it('carries every payload verbatim somewhere in the record', () => {
    for (const payload of [
      '<img src=x onerror=alert(1)>',
      '<script>alert(1)</script>',
      '"><svg onload=alert(1)>',
      'javascript:alert(1)',
      "{{constructor.constructor('alert(1)')()}}",
      "'; DROP TABLE customers; --",
      '\u202E',
      '\u200B',
      '\uFEFF',
    ]) {
      expect(
        strings.some((s) => s.includes(payload)),
        JSON.stringify(payload)
      ).toBe(true)
    }
  })

  it('puts them in ids, names, traits, computed traits and audiences', () => {
    expect(hostile.userId).toBe(SEEDED.hostile.userId)
    expect(hostile.traits.email).toBe(SEEDED.hostile.email)
    expect(hostile.traits.firstName).toBe('<img src=x onerror=alert(1)>')
    expect(hostile.traits.lastName).toBe('<script>alert(1)</script>')
    expect(hostile.traits.website).toBe('javascript:alert(1)')
    expect(hostile.computed['<script>alert(1)</script>']).toBe(
      "{{constructor.constructor('alert(1)')()}}"
    )
    expect(hostile.audiences).toContain('audience_"><svg onload=alert(1)>')
    expect(hostile.audiencesStatic).toContain('audience_<img src=x onerror=alert(1)>')
  })

  it('puts them in event names, property keys and values, email subjects, page titles and URLs', () => {
    const named = hostile.events.filter((e) => eventName(e) === '<img src=x onerror=alert(1)>')
    expect(named.map((e) => e.event.rawData.action)).toEqual(['track'])
    const properties = named.map(props)[0] ?? {}
    expect(properties['<img src=x onerror=alert(1)>']).toBe('<script>alert(1)</script>')
    expect(Object.keys(properties)).toContain('__proto__')
    expect(
      hostile.events.some(
        (e) =>
          eventName(e) === 'Email Sent' && props(e).email_subject === '<img src=x onerror=alert(1)>'
      )
    ).toBe(true)
    const pages = hostile.events.filter((e) => e.event.rawData.action === 'page').map(props)
    expect(
      pages.some((p) => p.title === '<script>alert(1)</script>' && p.url === 'javascript:alert(1)')
    ).toBe(true)
  })
})

describe('the long-values customer', () => {
  const long = customer(SEEDED.longValues.id)
  const depth = (value: unknown): number =>
    typeof value === 'object' && value !== null
      ? 1 + Math.max(0, ...Object.values(value).map(depth))
      : 0

  it('has a 5,000-character trait and a 2,000-character page title', () => {
    expect(Object.values(long.traits).some((v) => typeof v === 'string' && v.length >= 5_000)).toBe(
      true
    )
    expect(
      long.events.some(
        (e) => e.event.rawData.action === 'page' && String(props(e).title).length >= 2_000
      )
    ).toBe(true)
  })

  it('has a deeply nested property and a 300-item array', () => {
    const values = long.events.flatMap((e) => Object.values(props(e)))
    expect(values.some((v) => depth(v) >= 50)).toBe(true)
    expect(values.some((v) => Array.isArray(v) && v.length >= 300)).toBe(true)
  })
})

describe('the power user', () => {
  it('has at least 5,000 events', () => {
    expect(customer(SEEDED.powerUser.id).events.length).toBeGreaterThanOrEqual(5_000)
  })
})

describe('the quiet customers', () => {
  it('include imported customers with no events at all', () => {
    for (const { id } of SEEDED.noEvents) {
      const c = customer(id)
      expect(c.events).toEqual([])
      expect(c.createdBy.type).toBe('audience-csv')
    }
  })

  it('include customers with a single identify', () => {
    for (const { id } of SEEDED.identifyOnly) {
      expect(customer(id).events.map((e) => e.event.rawData.action)).toEqual(['identify'])
    }
  })

  it('include a visitor known only by anonymous page views', () => {
    const c = customer(SEEDED.anonymousOnly.id)
    expect(c.userId).toBeUndefined()
    expect(c.traits).toEqual({})
    expect(c.anonymousIds).toEqual([SEEDED.anonymousOnly.anonymousId])
    expect(c.events.length).toBeGreaterThan(5)
    for (const e of c.events) {
      expect(e.event.rawData.action).toBe('page')
      expect(e.event.rawData.anonymousId).toBe(SEEDED.anonymousOnly.anonymousId)
      expect(e.event.email).toBeUndefined()
    }
  })
})

describe('the unicode customers', () => {
  it('keep their names and ids as written', () => {
    for (const person of [SEEDED.unicode, ...SEEDED.unicodeCast]) {
      const c = customer(person.id)
      expect(c.userId).toBe(person.userId)
      expect(c.traits).toMatchObject({
        firstName: person.firstName,
        lastName: person.lastName,
        email: person.email,
      })
    }
  })
})

describe('the high-value shopper', () => {
  const shopper = customer(SEEDED.highValue.id)
  const orders = shopper.events.filter((e) => eventName(e) === 'Order Completed')

  it('keeps the pinned identity', () => {
    expect(shopper.userId).toBe(SEEDED.highValue.userId)
    expect(shopper.traits).toMatchObject({
      email: SEEDED.highValue.email,
      firstName: SEEDED.highValue.firstName,
      lastName: SEEDED.highValue.lastName,
    })
  })

  it('has every scripted order, in pounds and euros, with named products', () => {
    const ids = orders.map((o) => props(o).order_id)
    for (const scripted of HIGH_VALUE_ORDERS) expect(ids).toContain(scripted.orderId)
    expect(orders.length).toBeGreaterThanOrEqual(8)
    expect(new Set(orders.map((o) => props(o).currency))).toEqual(new Set(['GBP', 'EUR']))
    for (const order of orders) {
      const products = props(order).products as Record<string, unknown>[]
      expect(products.length).toBeGreaterThan(0)
      for (const item of products) expect(typeof item.name).toBe('string')
    }
  })

  it('shows lifetime value, orders, average order, last order and a low churn risk', () => {
    const last = orders.at(-1)
    expect(shopper.computed).toMatchObject({
      orders_count: orders.length,
      total_spend_currency: 'GBP',
      last_order_date: last?.event.eventTime,
      churn_risk: 'low',
    })
    expect(shopper.computed.lifetime_value_gbp).toBeGreaterThan(1_000)
    expect(shopper.computed.average_order_value).toBeGreaterThan(50)
    expect(NOW - (last?.ms ?? 0)).toBeLessThan(3 * DAY_MS)
  })

  it('reads her order emails and is in the high-value and recent-openers audiences', () => {
    expect(
      shopper.events.filter((e) => eventName(e) === 'Email Opened').length
    ).toBeGreaterThanOrEqual(HIGH_VALUE_ORDERS.length)
    expect(shopper.audiences).toEqual(
      expect.arrayContaining([DYNAMIC_AUDIENCES.highValue, DYNAMIC_AUDIENCES.recentOpeners])
    )
    expect(NOW - (shopper.events.at(-1)?.ms ?? 0)).toBeLessThan(DAY_MS)
  })
})
