import { describe, expect, it } from 'vitest'

import { GBP_RATES, toGbp, type Currency } from './catalog.ts'
import { TRANSACTIONAL } from './campaigns.ts'
import { DYNAMIC_AUDIENCES, SEEDED, seedCustomers } from './index.ts'
import { BRAND, DAY_MS, NOW, eventName, named, props } from './testing.ts'

const customers = seedCustomers({ now: NOW, brand: BRAND })
// Order, refund and sign-up emails go out whatever the consent; campaigns and basket reminders don't.
const TRANSACTIONAL_IDS = new Set<string>(
  Object.values(TRANSACTIONAL)
    .filter((t) => t !== TRANSACTIONAL.cartReminder)
    .map((t) => t.campaign_id)
)
const shoppers = customers.filter((c) => named(c.events, 'Order Completed').length > 0)

// Recomputed here from the events, independently of computed-traits.ts.
describe('computed traits match each customer’s events', () => {
  it('has enough buyers to make the checks mean something', () => {
    expect(shoppers.length).toBeGreaterThan(50)
  })

  it('counts emails delivered, opened and clicked', () => {
    for (const c of customers) {
      expect(c.computed.number_email_delivered_all_time).toBe(
        named(c.events, 'Email Delivered').length
      )
      expect(c.computed.number_email_opened_all_time).toBe(named(c.events, 'Email Opened').length)
      expect(c.computed.number_email_clicked_all_time).toBe(named(c.events, 'Email Clicked').length)
    }
  })

  it('counts orders and their spend net of refunds and cancellations', () => {
    for (const c of customers) {
      const orders = named(c.events, 'Order Completed')
      expect(c.computed.orders_count).toBe(orders.length)
      const voided = new Set(
        [...named(c.events, 'Order Refunded'), ...named(c.events, 'Order Cancelled')].map(
          (e) => props(e).order_id
        )
      )
      // Spend is in the last order's currency; an order in another currency counts converted.
      // Always given with its currency, orders or not: a spend of 0 reads "£0.00", not "0".
      expect(c.computed.total_spend_currency).toMatch(/^[A-Z]{3}$/)
      const spendCurrency = c.computed.total_spend_currency as Currency
      const net = orders
        .filter((o) => !voided.has(props(o).order_id))
        .reduce((sum, o) => {
          const total = props(o).total as number
          const currency = props(o).currency as Currency
          return (
            sum +
            (currency === spendCurrency ? total : toGbp(total, currency) * GBP_RATES[spendCurrency])
          )
        }, 0)
      expect(c.computed.total_spend).toBeCloseTo(net, 2)
      expect(c.computed.last_order_date).toBe(orders.at(-1)?.event.eventTime)
    }
    expect(customers.some((c) => named(c.events, 'Order Refunded').length > 0)).toBe(true)
    expect(
      customers.some(
        (c) => new Set(named(c.events, 'Order Completed').map((o) => props(o).currency)).size > 1
      )
    ).toBe(true)
  })

  it('names the most viewed category as favourite', () => {
    for (const c of customers) {
      const counts = new Map<unknown, number>()
      for (const e of named(c.events, 'Product Viewed'))
        counts.set(props(e).category, (counts.get(props(e).category) ?? 0) + 1)
      if (counts.size === 0) {
        expect(c.computed.favorite_category).toBeUndefined()
        continue
      }
      const most = Math.max(...counts.values())
      expect(counts.get(c.computed.favorite_category)).toBe(most)
    }
  })

  it('grades churn risk by days since last seen', () => {
    // The hostile customer's churn_risk is a bidi payload on purpose (seed/special/hostile.ts).
    const graded = customers.filter((c) => c.id !== SEEDED.hostile.id)
    for (const c of graded) {
      const last = c.events.at(-1)
      if (last === undefined) {
        expect(c.computed.churn_risk).toBeUndefined()
        continue
      }
      const days = (NOW - last.ms) / DAY_MS
      expect(c.computed.churn_risk).toBe(days >= 45 ? 'high' : days >= 14 ? 'medium' : 'low')
    }
    expect(new Set(graded.map((c) => c.computed.churn_risk))).toEqual(
      new Set(['low', 'medium', 'high', undefined])
    )
  })
})

describe('dynamic audiences match behaviour', () => {
  const has = (audiences: readonly string[], id: string) => audiences.includes(id)

  it('holds the recently active, the recent openers and the cart abandoners', () => {
    for (const c of customers) {
      const last = c.events.at(-1)
      expect(has(c.audiences, DYNAMIC_AUDIENCES.activeTwoDays)).toBe(
        last !== undefined && last.ms >= NOW - 2 * DAY_MS
      )
      const opened = named(c.events, 'Email Opened').at(-1)
      expect(has(c.audiences, DYNAMIC_AUDIENCES.recentOpeners)).toBe(
        opened !== undefined && opened.ms >= NOW - 7 * DAY_MS
      )
      const added = named(c.events, 'Product Added').at(-1)
      const ordered = named(c.events, 'Order Completed').at(-1)
      const abandoned =
        added !== undefined &&
        added.ms >= NOW - 14 * DAY_MS &&
        (ordered === undefined || ordered.ms < added.ms)
      expect(has(c.audiences, DYNAMIC_AUDIENCES.cartAbandoners)).toBe(abandoned)
    }
  })

  it('puts only buyers in high value and lapsed buyers', () => {
    for (const c of customers.filter(
      (x) =>
        has(x.audiences, DYNAMIC_AUDIENCES.highValue) ||
        has(x.audiences, DYNAMIC_AUDIENCES.lapsedBuyers)
    )) {
      expect(named(c.events, 'Order Completed').length).toBeGreaterThan(0)
    }
  })

  it('has members in every dynamic audience', () => {
    for (const id of Object.values(DYNAMIC_AUDIENCES))
      expect(
        customers.some((c) => has(c.audiences, id)),
        id
      ).toBe(true)
  })

  it('keeps static audiences for imported lists', () => {
    const statics = new Set(customers.flatMap((c) => c.audiencesStatic))
    for (const id of ['audience_board', 'audience_beta_testers', 'audience_vip_import'])
      expect(statics).toContain(id)
    for (const c of customers.filter((x) => x.createdBy.type === 'audience-csv'))
      expect(c.audiencesStatic.length).toBeGreaterThan(0)
  })

  it('sets email consent off for whoever unsubscribed', () => {
    const unsubscribed = customers.filter((c) =>
      c.events.some((e) => eventName(e) === 'Unsubscribed')
    )
    expect(unsubscribed.length).toBeGreaterThan(0)
    for (const c of unsubscribed) {
      expect(c.marketingPreferences.find((p) => p.channel === 'email')?.subscribed).toBe(false)
      const at = named(c.events, 'Unsubscribed')[0]?.ms ?? 0
      const marketingAfter = named(c.events, 'Email Sent').filter(
        (e) => e.ms > at && !TRANSACTIONAL_IDS.has(String(props(e).campaign_id))
      )
      expect(marketingAfter).toEqual([])
    }
  })
})
