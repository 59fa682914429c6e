import { describe, expect, it } from 'vitest'

import type { Tenant, TenantDirectory } from '../../ports.ts'
import { cachedTenantDirectory } from './tenant-cache.ts'

const tenant: Tenant = {
  id: 'demo',
  name: 'Demo',
  intilery: {
    baseUrl: 'https://x.test',
    clientId: 'c',
    accountId: 'a',
    brandId: 'b',
    authToken: 't',
  },
}

function counting() {
  let secret = 'first'
  const calls = { subdomain: 0, id: 0 }
  const directory: TenantDirectory = {
    // Normalises as the store does for Zendesk subdomains.
    findByLink: (host, s) => {
      calls.subdomain++
      return Promise.resolve(
        host === 'zendesk' && s.toLowerCase() === 'demo' ? { tenant, secret } : undefined
      )
    },
    get: (id) => {
      calls.id++
      return Promise.resolve(id === 'demo' ? tenant : undefined)
    },
  }
  return { directory, calls, rotate: (next: string) => (secret = next) }
}

describe('cachedTenantDirectory', () => {
  it('answers repeated lookups from memory, known and unknown alike', async () => {
    const { directory, calls } = counting()
    const cached = cachedTenantDirectory(directory)
    for (let i = 0; i < 5; i++) {
      expect((await cached.findByLink('zendesk', 'Demo'))?.secret).toBe('first')
      expect(await cached.findByLink('zendesk', 'nobody')).toBeUndefined()
      expect((await cached.get('demo'))?.id).toBe('demo')
    }
    expect(calls).toEqual({ subdomain: 2, id: 1 })
  })

  it('sees a rotated secret once the entry expires', async () => {
    // An epoch time, as the relay's clock gives: lru-cache reads a start time of 0 as "no TTL".
    let clock = Date.UTC(2027, 0, 1)
    const { directory, rotate } = counting()
    const cached = cachedTenantDirectory(directory, 10_000, () => clock)
    expect((await cached.findByLink('zendesk', 'demo'))?.secret).toBe('first')
    rotate('second')
    expect((await cached.findByLink('zendesk', 'demo'))?.secret).toBe('first')
    clock += 10_001
    expect((await cached.findByLink('zendesk', 'demo'))?.secret).toBe('second')
  })
})

describe('cachedTenantDirectory.clear', () => {
  it('forgets every answer, and keeps none that a lookup begun before it read', async () => {
    let release = () => {}
    let secret = 'old'
    const slow: TenantDirectory = {
      findByLink: () =>
        new Promise((resolve) => {
          const answer = { tenant, secret }
          release = () => resolve(answer)
        }),
      get: () => Promise.resolve(tenant),
    }
    const cached = cachedTenantDirectory(slow, 10_000, () => 0)
    const before = cached.findByLink('zendesk', 'demo')
    // Another instance rotates the secret and this one learns of it mid-lookup.
    secret = 'new'
    cached.clear()
    release()
    expect((await before)?.secret).toBe('old')
    const after = cached.findByLink('zendesk', 'demo')
    release()
    expect((await after)?.secret).toBe('new')
  })
})
