// `GET /v1/profiles/{ref}/recommendations/recently-viewed`: histories written through the
// sandbox's tracking API (so every case is exact), and the seed's customer with thousands of
// events. The rule itself is core's (recently-viewed.test.ts); this is the route around it.
import { SEEDED } from '@intilery-connect/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  API_KEY,
  PROFILES_ONLY_KEY,
  RECOMMENDATIONS_ONLY_KEY,
  startHarness,
} from './app-harness.ts'

let harness: Awaited<ReturnType<typeof startHarness>>
const DAY = 86_400_000
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString()
const product = (id: string, extra: Record<string, unknown> = {}) => ({
  product_id: id,
  name: `Product ${id}`,
  price: 10,
  currency: 'GBP',
  url: `https://shop.example.com/p/${id}`,
  ...extra,
})

async function post(kind: 'identify' | 'track', body: object): Promise<void> {
  const response = await fetch(`${harness.sandbox.apiRoot}/${kind}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'auth-token': harness.sandbox.config.authToken },
    body: JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`${kind} answered ${response.status}`)
}
const viewed = (userId: string, id: string, days: number, extra?: Record<string, unknown>) =>
  post('track', {
    userId,
    event: 'Product Viewed',
    properties: product(id, extra),
    timestamp: ago(days),
  })
const ordered = (userId: string, ids: string[], days: number) =>
  post('track', {
    userId,
    event: 'Order Completed',
    properties: {
      order_id: `o-${days}`,
      total: 10,
      currency: 'GBP',
      products: ids.map((id) => ({ product_id: id })),
    },
    timestamp: ago(days),
  })

const recommendations = (ref: string, query = '', key = API_KEY) =>
  harness.app.request(`/v1/profiles/${ref}/recommendations/recently-viewed${query}`, {
    headers: { authorization: `Bearer ${key}` },
  })

beforeAll(async () => {
  harness = await startHarness()
  await post('identify', { userId: 'rec-shopper', traits: { email: 'rec.shopper@example.com' } })
  await viewed('rec-shopper', 'A', 10)
  await viewed('rec-shopper', 'B', 9)
  await ordered('rec-shopper', ['A'], 8) // viewed, then bought: not recommended
  await viewed('rec-shopper', 'C', 7)
  await ordered('rec-shopper', ['C'], 6)
  await viewed('rec-shopper', 'C', 5) // bought, then viewed again: recommended
  await viewed('rec-shopper', 'B', 4, { image_url: 'javascript:alert(1)' })
  await viewed('rec-shopper', 'D', 120) // outside the window
  await post('identify', { userId: 'rec-reader', traits: { email: 'rec.reader@example.com' } })
  await post('track', {
    userId: 'rec-reader',
    event: 'Page Viewed',
    properties: { url: 'https://x.example/' },
  })
})
afterAll(() => harness.stop())

describe('recently viewed, not bought', () => {
  it('answers the latest view of each product not bought since, newest first, with its count', async () => {
    const response = await recommendations('userId:rec-shopper')
    expect(response.status).toBe(200)
    const body = (await response.json()) as {
      products: Record<string, unknown>[]
      basis: { since: string; eventsRead: number; truncated: boolean }
      stale: boolean
      requestId: string
    }
    expect(body.products.map((p) => [p.productId, p.viewCount])).toEqual([
      ['B', 2],
      ['C', 2],
    ])
    expect(body.products[0]).toEqual({
      productId: 'B',
      name: 'Product B',
      price: 10,
      currency: 'GBP',
      url: 'https://shop.example.com/p/B',
      lastViewedAt: expect.stringMatching(/^\d{4}-/) as unknown,
      viewCount: 2,
    })
    expect(body.stale).toBe(false)
    expect(body.requestId).toBe(response.headers.get('x-request-id'))
    expect(body.basis).toEqual({
      since: expect.stringMatching(/T00:00:00\.000Z$/) as unknown,
      eventsRead: 7, // D, 120 days ago, is outside the window
      truncated: false,
    })
    expect(Date.now() - Date.parse(body.basis.since)).toBeGreaterThan(90 * DAY)
  })

  it('answers at most `limit` (default 5), and refuses a limit outside 1..20', async () => {
    const one = (await (await recommendations('userId:rec-shopper', '?limit=1')).json()) as {
      products: { productId: string }[]
    }
    expect(one.products.map((p) => p.productId)).toEqual(['B'])
    for (const limit of ['0', '21', 'x', '1.5']) {
      const response = await recommendations('userId:rec-shopper', `?limit=${limit}`)
      expect(response.status, limit).toBe(400)
      expect(await response.json()).toMatchObject({
        error: { code: 'bad_request', message: expect.stringMatching(/limit/) as unknown },
      })
    }
  })

  it('answers an empty list for a customer who viewed nothing, and 404 for nobody', async () => {
    const none = await recommendations('userId:rec-reader')
    expect(await none.json()).toMatchObject({ products: [], basis: { eventsRead: 0 } })
    expect((await recommendations('userId:no-such-customer')).status).toBe(404)
  })

  it('answers only the count for an email several customers share, never a mix of theirs', async () => {
    const response = await recommendations(`email:${encodeURIComponent(SEEDED.sharedEmail)}`)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ products: [], matches: 2, basis: null })
  })

  it('reads one page of views and orders for a customer with thousands of events', async () => {
    harness.sandbox.counters.reset()
    const response = await recommendations(`userId:${SEEDED.powerUser.userId}`, '?limit=20')
    expect(response.status).toBe(200)
    const body = (await response.json()) as { products: unknown[]; basis: { eventsRead: number } }
    expect(body.products.length).toBeGreaterThan(0)
    expect(body.products.length).toBeLessThanOrEqual(20)
    expect(body.basis.eventsRead).toBeLessThanOrEqual(100)
    expect(harness.sandbox.counters.snapshot().total).toBe(1)
  })

  it('needs the recommendations scope, which alone opens nothing else', async () => {
    const refused = await recommendations('userId:rec-shopper', '', PROFILES_ONLY_KEY)
    expect(refused.status).toBe(403)
    expect(await refused.json()).toMatchObject({
      error: { code: 'forbidden', message: expect.stringMatching(/recommendations/) as unknown },
    })
    expect((await recommendations('userId:rec-shopper', '', RECOMMENDATIONS_ONLY_KEY)).status).toBe(
      200
    )
    const traits = await harness.app.request('/v1/profiles/userId:rec-shopper/traits', {
      headers: { authorization: `Bearer ${RECOMMENDATIONS_ONLY_KEY}` },
    })
    expect(traits.status).toBe(403)
    expect((await recommendations('userId:rec-shopper', '', 'icr_wrong')).status).toBe(401)
  })

  it('records each read in the audit trail without the customer’s id', async () => {
    const before = harness.audit.length
    await recommendations('userId:rec-shopper')
    const entry = harness.audit.at(-1)
    expect(harness.audit.length).toBe(before + 1)
    expect(entry).toMatchObject({
      channel: 'api',
      caller: 'key:demo',
      idType: 'userId',
      outcome: 'ok',
    })
    expect(JSON.stringify(entry)).not.toContain('rec-shopper')
  })
})
