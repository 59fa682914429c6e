import { describe, expect, it } from 'vitest'

import { loadLocale } from '../i18n/locale.ts'
import { productNames, recentOrders } from '../presentation/recent-orders.ts'
import type { ProfileEvent } from '../schemas/event.ts'
import { normalizeProfile } from '../customer/normalize-profile.ts'
import { panelEntries, panelProfile } from './panel-entries.ts'
import { event, identify, page, track } from './test/events.ts'
import { toTimeline } from './to-timeline.ts'

await loadLocale('en')

const VISITOR = { ip: '203.0.113.9', user_agent: 'Mozilla/5.0 (Secret Browser)' }

/** A stored event as Intilery keeps it: the visitor's context and every id on each event. */
const stored = (e: ProfileEvent): ProfileEvent => ({
  ...e,
  customerId: 'cust-1',
  externalId: 'ext-joe',
  email: 'joe@example.com',
  rawData: { ...e.rawData, anonymousId: 'anon-7', context: VISITOR },
})

const events = [
  track(
    'Order Completed',
    {
      order_id: 'A-1',
      total: 42.5,
      currency: 'GBP',
      products: [{ product_id: 'p1', name: 'Mug' }],
    },
    30
  ),
  page({ url: 'https://shop.example/a', title: 'A' }, 3),
  page({ url: 'https://shop.example/b', title: 'B' }, 2),
  page({ url: 'https://shop.example/c', title: 'C' }, 1),
  identify({ plan: 'gold' }, 0),
  event('Email Opened', { properties: { email_subject: 'Hello' }, at: -5 }),
]
  .map(stored)
  .reverse()

describe('panelEntries', () => {
  const full = toTimeline(events)
  const slim = panelEntries(full)

  it('sends no visitor IP or user agent and no repeated profile ids, bursts included', () => {
    expect(slim.some((entry) => entry.burst !== undefined)).toBe(true)
    const text = JSON.stringify(slim)
    for (const secret of [
      VISITOR.ip,
      VISITOR.user_agent,
      'ext-joe',
      'joe@example.com',
      'anon-7',
      'cust-1',
      'user-1',
    ])
      expect(text).not.toContain(secret)
    expect(text).not.toMatch(/"(?:context|brandId|clientId|accountId|timestamp)"/)
  })

  it('keeps every row as it reads, and what the browser reads from the events', () => {
    const rows = (entries: typeof full) =>
      JSON.stringify(entries, (key, value: unknown) => (key === 'raw' ? undefined : value))
    expect(rows(slim)).toBe(rows(full))
    expect(slim.map((entry) => entry.raw.eventId)).toEqual(full.map((entry) => entry.raw.eventId))
    const options = { locale: 'en', timeZone: 'UTC' }
    expect(recentOrders(slim, options)).toHaveLength(1)
    expect(recentOrders(slim, options)).toEqual(recentOrders(full, options))
    expect([...productNames(slim)]).toEqual([...productNames(full)])
    expect([...productNames(slim)]).toEqual([['p1', 'Mug']])
    const identifyRow = slim.find((entry) => entry.kind === 'identify')
    expect(identifyRow?.raw.rawData.traits).toEqual({ plan: 'gold' })
  })
})

describe('panelProfile', () => {
  it('sends event summaries without the visitor context or ids, keeping what the panel reads', () => {
    const summary = {
      eventId: 'e9',
      eventTime: '2026-11-20T12:00:00.000Z',
      action: 'track',
      event: 'Order Completed',
      properties: { order_id: 'A-1' },
      userId: 'user-1',
      anonymousId: 'anon-7',
      context: VISITOR,
    }
    const profile = normalizeProfile({
      meta: {
        id: 'cust-1',
        identities: {},
        traits: {},
        audiences: { dynamic: [], static: [] },
        firstEvent: { order_completed: summary },
        lastEvent: { order_completed: summary },
      },
    } as never)
    const slim = panelProfile(profile)
    const text = JSON.stringify([slim.firstEvent, slim.lastEvent])
    for (const secret of [VISITOR.ip, VISITOR.user_agent, 'anon-7', 'user-1'])
      expect(text).not.toContain(secret)
    expect(slim.lastEvent.order_completed).toEqual({
      eventId: 'e9',
      eventTime: '2026-11-20T12:00:00.000Z',
      action: 'track',
      event: 'Order Completed',
      properties: { order_id: 'A-1' },
    })
    expect({ ...slim, firstEvent: {}, lastEvent: {} }).toEqual({
      ...profile,
      firstEvent: {},
      lastEvent: {},
    })
  })
})
