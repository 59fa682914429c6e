import { describe, expect, it, vi } from 'vitest'

import { cachedWebhookSecrets } from './webhook-secret-cache.ts'

describe('cachedWebhookSecrets', () => {
  const setUp = () => {
    let clock = 1_000
    const kept = new Map([['acme\u0000acme', 'first-secret']])
    const find = vi.fn((tenantId: string, subdomain: string) =>
      Promise.resolve(kept.get(`${tenantId}\u0000${subdomain}`))
    )
    const cached = cachedWebhookSecrets({ find }, () => clock, 10_000)
    return { cached, find, kept, advance: (ms: number) => (clock += ms) }
  }

  it('reads the store once per subdomain within the TTL, missing secrets included', async () => {
    const { cached, find } = setUp()
    expect(await cached.find('acme', 'acme')).toBe('first-secret')
    expect(await cached.find('acme', 'acme')).toBe('first-secret')
    expect(await cached.find('acme', 'nobody')).toBeUndefined()
    expect(await cached.find('acme', 'nobody')).toBeUndefined()
    expect(find).toHaveBeenCalledTimes(2)
  })

  it('keeps tenants apart and takes a rotated secret once the TTL has passed', async () => {
    const { cached, kept, advance } = setUp()
    expect(await cached.find('globex', 'acme')).toBeUndefined()
    expect(await cached.find('acme', 'acme')).toBe('first-secret')
    kept.set('acme\u0000acme', 'rotated-secret')
    advance(9_999)
    expect(await cached.find('acme', 'acme')).toBe('first-secret')
    advance(2)
    expect(await cached.find('acme', 'acme')).toBe('rotated-secret')
  })
})
