// `GET /v1/visitor/context`: a visitor's own data from their browser, with a token their site's
// server signed. The identity comes from the token alone; CORS allows exactly the site's origins.
import { SEEDED } from '@intilery-connect/sandbox'
import { sign } from 'hono/jwt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { SiteWithSecret, VisitorSites } from '../src/public-api/visitor/visitor-token.ts'
import { memoryBudget } from '../src/upstream/testing/memory-budget.ts'
import { startHarness } from './app-harness.ts'

const SHOP_SECRET = 'shop-signing-secret-0123456789abcdef-0123456789'
const BLOG_SECRET = 'blog-signing-secret-0123456789abcdef-0123456789'
const SHOP_ORIGIN = 'https://shop.example'
const BLOG_ORIGIN = 'https://blog.example'
const HIGH_VALUE_AUDIENCE = 'aud-high-value'

const SITES: Record<string, SiteWithSecret> = {
  shop: {
    id: 'shop',
    tenantId: 'demo',
    name: 'Shop',
    origins: [SHOP_ORIGIN, 'http://127.0.0.1:4800'],
    traits: ['firstName', 'orders_count'],
    audiences: { [HIGH_VALUE_AUDIENCE]: 'VIP shoppers', 'aud-never': 'Never' },
    recommendations: true,
    declared: false,
    secret: SHOP_SECRET,
  },
  blog: {
    id: 'blog',
    tenantId: 'demo',
    name: 'Blog',
    origins: [BLOG_ORIGIN],
    traits: ['firstName'],
    audiences: {},
    recommendations: false,
    declared: false,
    secret: BLOG_SECRET,
  },
}
const sites: VisitorSites = {
  get: (id) => Promise.resolve(SITES[id]),
  allowsOrigin: (origin) =>
    Promise.resolve(Object.values(SITES).some((site) => site.origins.includes(origin))),
}

const clock = { ms: Date.now() }
let harness: Awaited<ReturnType<typeof startHarness>>
beforeAll(async () => {
  harness = await startHarness({
    sites,
    now: () => clock.ms,
    visitorLimit: { burst: 1000, perMinute: 60_000 },
  })
  // The high-value shopper is in the sandbox's high-value audience; the site names it.
  const [record] = harness.sandbox.store.find({ type: 'userId', value: SEEDED.highValue.userId })
  record?.audiencesStatic.push(HIGH_VALUE_AUDIENCE)
})
afterAll(() => harness.stop())

const nowSeconds = () => Math.floor(clock.ms / 1000)
const token = (claims: Record<string, unknown> = {}, secret = SHOP_SECRET) =>
  sign(
    {
      iss: 'shop',
      sub: SEEDED.highValue.userId,
      iat: nowSeconds(),
      exp: nowSeconds() + 600,
      ...claims,
    },
    secret,
    'HS256'
  )
const context = (
  bearer: string | undefined,
  { origin = SHOP_ORIGIN, query = '' }: { origin?: string | null; query?: string } = {}
) =>
  harness.app.request(`/v1/visitor/context${query}`, {
    headers: {
      ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }),
      ...(origin === null ? {} : { origin }),
    },
  })

describe('a visitor’s own context', () => {
  it('answers the site’s traits, audience names and recommendations for the token’s user', async () => {
    const response = await context(await token())
    expect(response.status).toBe(200)
    const body = (await response.json()) as Record<string, unknown> & {
      recommendations: { productId: string }[]
    }
    expect(body).toMatchObject({
      found: true,
      traits: { firstName: 'Eleanor', orders_count: expect.any(Number) as unknown },
      audiences: ['VIP shoppers'],
      stale: false,
    })
    expect(Object.keys(body.traits as object).sort()).toEqual(['firstName', 'orders_count'])
    expect(Array.isArray(body.recommendations)).toBe(true)
    expect(JSON.stringify(body)).not.toContain(HIGH_VALUE_AUDIENCE)
    expect(JSON.stringify(body)).not.toContain('Whitfield')
    expect(response.headers.get('access-control-allow-origin')).toBe(SHOP_ORIGIN)
    expect(response.headers.get('access-control-allow-credentials')).toBeNull()
    expect(response.headers.get('cache-control')).toMatch(/^private\b/)
    expect(response.headers.get('vary')).toMatch(/Origin/)
  })

  it('keeps to the site’s own traits and leaves recommendations out when the site has none', async () => {
    const response = await context(await token({ iss: 'blog' }, BLOG_SECRET), {
      origin: BLOG_ORIGIN,
    })
    const body = (await response.json()) as Record<string, unknown>
    expect(body).toMatchObject({ found: true, traits: { firstName: 'Eleanor' }, audiences: [] })
    expect(body).not.toHaveProperty('recommendations')
    expect(Object.keys(body.traits as object)).toEqual(['firstName'])
  })

  it('ignores a query parameter naming another user', async () => {
    const other = encodeURIComponent(SEEDED.joeBloggs.userId)
    for (const query of [`?userId=${other}`, `?sub=${other}`, `?email=joe.bloggs%40intilery.com`]) {
      const body = (await (await context(await token(), { query })).json()) as {
        traits: Record<string, unknown>
      }
      expect(body.traits.firstName, query).toBe('Eleanor')
    }
  })

  it('answers found: false for a visitor Intilery has not met', async () => {
    const response = await context(await token({ sub: 'brand-new-visitor' }))
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ found: false, traits: {}, audiences: [] })
  })

  it('never lets a failure be cached: Intilery failing answers no-store', async () => {
    harness.sandbox.faults.set({ errorRate: 1 })
    try {
      const response = await context(await token({ sub: 'failing-visitor' }))
      expect(response.status).toBeGreaterThanOrEqual(500)
      expect(response.headers.get('cache-control')).toBe('no-store')
    } finally {
      harness.sandbox.faults.reset()
    }
  })

  it('records the read under the site, never the visitor’s id', async () => {
    await context(await token())
    const entry = harness.audit.at(-1)
    expect(entry).toMatchObject({ channel: 'site', caller: 'site:shop', idType: 'userId' })
    expect(JSON.stringify(entry)).not.toContain(SEEDED.highValue.userId)
  })
})

describe('the reject matrix', () => {
  const rejected: [string, () => Promise<string | undefined>][] = [
    ['no token', () => Promise.resolve(undefined)],
    ['another site’s secret', () => token({}, BLOG_SECRET)],
    ['an unknown site', () => token({ iss: 'nobody' })],
    ['no iss', () => token({ iss: undefined })],
    ['an expired token', () => token({ iat: nowSeconds() - 700, exp: nowSeconds() - 100 })],
    ['a lifetime over an hour', () => token({ exp: nowSeconds() + 3601 })],
    ['no exp', () => token({ exp: undefined })],
    ['no iat', () => token({ iat: undefined })],
    ['no sub', () => token({ sub: undefined })],
    ['a numeric sub', () => token({ sub: 123456 })],
    ['an empty sub', () => token({ sub: ' ' })],
    ['a sub over 256 characters', () => token({ sub: 'x'.repeat(257) })],
    ['a token from the future', () => token({ iat: nowSeconds() + 120, exp: nowSeconds() + 600 })],
    [
      'HS512',
      async () =>
        sign(
          { iss: 'shop', sub: 'u', iat: nowSeconds(), exp: nowSeconds() + 60 },
          SHOP_SECRET,
          'HS512'
        ),
    ],
    [
      'alg none',
      () => {
        const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
        return Promise.resolve(
          `${part({ alg: 'none', typ: 'JWT' })}.${part({ iss: 'shop', sub: SEEDED.highValue.userId, iat: nowSeconds(), exp: nowSeconds() + 60 })}.`
        )
      },
    ],
  ]
  it.each(rejected)('refuses %s with 401', async (_, make) => {
    const response = await context(await make())
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ error: { code: 'unauthenticated' } })
  })

  it('refuses an origin the token’s site does not list, and tells only a listed origin why', async () => {
    const elsewhere = await context(await token(), { origin: 'https://evil.example' })
    expect(elsewhere.status).toBe(403)
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull()
    const otherSite = await context(await token(), { origin: BLOG_ORIGIN })
    expect(otherSite.status).toBe(403)
    expect(JSON.stringify(await otherSite.json())).not.toContain('Eleanor')
  })

  it('is not an API key route: an API key is refused', async () => {
    const response = await context('icr_demo_key')
    expect(response.status).toBe(401)
  })
})

describe('CORS', () => {
  const preflight = (origin: string) =>
    harness.app.request('/v1/visitor/context', {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    })

  it('answers a preflight for a site’s origin with exactly that origin and no credentials', async () => {
    const response = await preflight(SHOP_ORIGIN)
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe(SHOP_ORIGIN)
    expect(response.headers.get('access-control-allow-headers')).toBe('authorization')
    expect(response.headers.get('access-control-allow-methods')).toBe('GET')
    expect(response.headers.get('access-control-allow-credentials')).toBeNull()
  })

  it('refuses a preflight from any other origin, the relay’s own CORS list included', async () => {
    for (const origin of ['https://evil.example', 'https://demo.zendesk.com', 'null']) {
      const response = await preflight(origin)
      expect(response.status, origin).toBe(403)
      expect(response.headers.get('access-control-allow-origin'), origin).toBeNull()
    }
  })
})

describe('the per-visitor rate limit', () => {
  it('refuses a visitor past their limit with Retry-After, and lets others and time through', async () => {
    const limited = await startHarness({
      sites,
      now: () => clock.ms,
      visitorLimit: { burst: 2, perMinute: 60 },
    })
    try {
      const ask = async (sub: string) =>
        limited.app.request('/v1/visitor/context', {
          headers: { authorization: `Bearer ${await token({ sub })}`, origin: SHOP_ORIGIN },
        })
      expect((await ask(SEEDED.highValue.userId)).status).toBe(200)
      expect((await ask(SEEDED.highValue.userId)).status).toBe(200)
      const refused = await ask(SEEDED.highValue.userId)
      expect(refused.status).toBe(429)
      expect(refused.headers.get('retry-after')).toBe('1')
      // A refusal is not kept: it must not outlive its Retry-After in the browser's cache.
      expect(refused.headers.get('cache-control')).toBe('no-store')
      expect(refused.headers.get('access-control-allow-origin')).toBe(SHOP_ORIGIN)
      expect((await ask(SEEDED.joeBloggs.userId)).status).toBe(200)
      clock.ms += 1_000
      expect((await ask(SEEDED.highValue.userId)).status).toBe(200)
    } finally {
      await limited.stop()
    }
  })

  it('counts a visitor once across instances that share a budget (Redis in production)', async () => {
    const shared = memoryBudget(() => clock.ms)
    const instance = () =>
      startHarness({
        sites,
        now: () => clock.ms,
        visitorLimit: { burst: 2, perMinute: 60 },
        visitorLimitsShared: shared,
      })
    const one = await instance()
    const other = await instance().catch(async (error: unknown) => {
      await one.stop()
      throw error
    })
    try {
      const ask = async (on: typeof one, sub: string) =>
        on.app.request('/v1/visitor/context', {
          headers: { authorization: `Bearer ${await token({ sub })}`, origin: SHOP_ORIGIN },
        })
      expect((await ask(one, SEEDED.highValue.userId)).status).toBe(200)
      expect((await ask(other, SEEDED.highValue.userId)).status).toBe(200)
      const refused = await ask(one, SEEDED.highValue.userId)
      expect(refused.status).toBe(429)
      expect(refused.headers.get('retry-after')).toBe('1')
      expect((await ask(other, SEEDED.highValue.userId)).status).toBe(429)
      expect((await ask(other, SEEDED.joeBloggs.userId)).status).toBe(200)
      clock.ms += 1_000
      expect((await ask(other, SEEDED.highValue.userId)).status).toBe(200)
    } finally {
      await Promise.all([one.stop(), other.stop()])
    }
  })
})
