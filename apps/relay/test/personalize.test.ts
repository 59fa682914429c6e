// `POST /v1/personalize`: every decision in one call, from at most one read of each upstream
// endpoint, with the key's allowlist and scopes holding throughout.
import { SEEDED } from '@intilery-connect/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  API_KEY,
  NARROW_KEY,
  PROFILES_ONLY_KEY,
  RECOMMENDATIONS_ONLY_KEY,
  startHarness,
} from './app-harness.ts'

let harness: Awaited<ReturnType<typeof startHarness>>
beforeAll(async () => {
  harness = await startHarness()
})
afterAll(() => harness.stop())

const personalize = (body: unknown, key = API_KEY) =>
  harness.app.request('/v1/personalize', {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

const joe = { userId: SEEDED.joeBloggs.userId }
const shopper = { userId: SEEDED.highValue.userId }
const audiencesOf = (userId: string) => {
  const [record] = harness.sandbox.store.find({ type: 'userId', value: userId })
  return [...(record?.audiences ?? []), ...(record?.audiencesStatic ?? [])]
}

describe('POST /v1/personalize', () => {
  it('answers traits, audience membership and recommendations from one read of each endpoint', async () => {
    const [member] = audiencesOf(shopper.userId)
    expect(member).toBeDefined()
    harness.sandbox.counters.reset()
    const response = await personalize({
      identity: shopper,
      traits: ['firstName', 'orders_count', 'no_such_trait'],
      audiences: [member, 'not-an-audience'],
      recommendations: { recentlyViewed: { limit: 3 } },
    })
    expect(response.status).toBe(200)
    const body = (await response.json()) as Record<string, unknown> & {
      recommendations: { recentlyViewed: { products: unknown[] } }
    }
    expect(body).toMatchObject({
      profileId: SEEDED.highValue.id,
      matches: 1,
      traits: { firstName: 'Eleanor', orders_count: expect.any(Number) as unknown },
      withheld: [],
      audiences: { [member ?? '']: true, 'not-an-audience': false },
      stale: false,
      requestId: response.headers.get('x-request-id'),
    })
    expect(body.traits).not.toHaveProperty('no_such_trait')
    expect(body.recommendations.recentlyViewed.products.length).toBeLessThanOrEqual(3)
    const counts = harness.sandbox.counters.snapshot()
    expect(counts.total).toBe(3)
    expect(Object.values(counts.byRoute)).toEqual([1, 1, 1])
  })

  it('reads only what is asked: traits alone are one read', async () => {
    harness.sandbox.counters.reset()
    const response = await personalize({ identity: joe, traits: ['firstName'] })
    expect(await response.json()).toMatchObject({ traits: { firstName: 'Joe' }, audiences: {} })
    expect(harness.sandbox.counters.snapshot().total).toBe(1)
  })

  it('reads only what is asked: an audience test alone is one read, which also counts an email', async () => {
    harness.sandbox.counters.reset()
    const byId = await personalize({ identity: joe, audiences: ['audience_board'] })
    expect(await byId.json()).toMatchObject({ audiences: { audience_board: true }, matches: 1 })
    expect(harness.sandbox.counters.snapshot().total).toBe(1)
    const shared = await personalize({
      identity: { email: SEEDED.sharedEmail },
      audiences: ['audience_board'],
    })
    expect(await shared.json()).toMatchObject({ matches: 2, audiences: {} })
    expect(harness.sandbox.counters.snapshot().total).toBe(2)
  })

  it('keeps to the key’s allowlist, naming what it withheld', async () => {
    const response = await personalize(
      {
        identity: joe,
        traits: ['firstName', 'lastName', 'email', 'number_email_delivered_all_time'],
      },
      NARROW_KEY
    )
    const body = (await response.json()) as { traits: Record<string, unknown>; withheld: string[] }
    expect(body.traits).toEqual({ firstName: 'Joe', number_email_delivered_all_time: 9 })
    expect(body.withheld).toEqual(['lastName', 'email'])
    expect(JSON.stringify(body)).not.toContain('Bloggs')
  })

  it('answers only traits the customer has: no inherited names, no nested objects by name', async () => {
    const response = await personalize({
      identity: joe,
      traits: ['__proto__', 'toString', 'constructor', 'computed', 'hasOwnProperty'],
    })
    const body = (await response.json()) as { traits: object; withheld: string[] }
    expect(JSON.stringify(body.traits)).toBe('{}')
    expect(body.withheld).toEqual([])
  })

  it('answers nothing but the count for an email several customers share', async () => {
    const response = await personalize({
      identity: { email: SEEDED.sharedEmail },
      traits: ['firstName'],
      recommendations: { recentlyViewed: { limit: 5 } },
    })
    const body = (await response.json()) as Record<string, unknown>
    expect(body).toMatchObject({ profileId: null, matches: 2, traits: {}, audiences: {} })
    expect(body).not.toHaveProperty('recommendations')
    expect(JSON.stringify(body)).not.toMatch(/Sam/)
  })

  it('answers for an email that names one customer', async () => {
    const response = await personalize({
      identity: { email: SEEDED.joeBloggs.email.toUpperCase() },
      traits: ['firstName'],
    })
    expect(await response.json()).toMatchObject({
      profileId: SEEDED.joeBloggs.id,
      matches: 1,
      traits: { firstName: 'Joe' },
    })
  })

  it('needs the scope of each ask', async () => {
    // By email, so the answer rests on a lookup that knows the customer's id.
    const recs = {
      identity: { email: SEEDED.joeBloggs.email },
      recommendations: { recentlyViewed: {} },
    }
    expect((await personalize(recs, PROFILES_ONLY_KEY)).status).toBe(403)
    const recsOnly = await personalize(recs, RECOMMENDATIONS_ONLY_KEY)
    expect(recsOnly.status).toBe(200)
    // The customer's Intilery id is the Profile API's to give, so not to this key.
    expect(await recsOnly.json()).toMatchObject({ profileId: null, matches: 1 })
    expect(
      (await personalize({ identity: joe, traits: ['firstName'] }, RECOMMENDATIONS_ONLY_KEY)).status
    ).toBe(403)
    expect(
      (await personalize({ identity: joe, audiences: ['x'] }, RECOMMENDATIONS_ONLY_KEY)).status
    ).toBe(403)
    expect((await personalize({ identity: joe, traits: ['firstName'] }, 'icr_wrong')).status).toBe(
      401
    )
  })

  it.each([
    ['no identity', { traits: ['firstName'] }],
    ['two identities', { identity: { ...joe, email: 'a@b.c' }, traits: ['firstName'] }],
    ['an empty identity', { identity: {}, traits: ['firstName'] }],
    ['nothing asked', { identity: joe }],
    ['an unknown field', { identity: joe, traits: ['firstName'], extra: 1 }],
    ['a limit over 20', { identity: joe, recommendations: { recentlyViewed: { limit: 21 } } }],
    ['not JSON', '{"identity":'],
  ])('refuses %s with a clear 400', async (_, body) => {
    const response = await personalize(body)
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: { code: 'bad_request' } })
  })

  it('answers 404 for nobody', async () => {
    expect(
      (await personalize({ identity: { userId: 'nobody-at-all' }, traits: ['firstName'] })).status
    ).toBe(404)
  })
})
