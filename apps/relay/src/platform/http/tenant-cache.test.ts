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
    findByZendeskSubdomain: (s) => {
      calls.subdomain++
      return Promise.resolve(s === 'demo' ? { tenant, sharedSecret: secret } : undefined)
    },
    get: (id) => {
      calls.id++
      return Promise.resolve(id === 'demo' ? tenant : undefined)
    },
    findByPipedriveCompany: (companyId) =>
      Promise.resolve(companyId === '1001' ? tenant : undefined),
  }
  return { directory, calls, rotate: (next: string) => (secret = next) }
}

describe('cachedTenantDirectory', () => {
  it('answers repeated lookups from memory, known and unknown alike', async () => {
    const { directory, calls } = counting()
    const cached = cachedTenantDirectory(directory)
    for (let i = 0; i < 5; i++) {
      expect((await cached.findByZendeskSubdomain('Demo'))?.sharedSecret).toBe('first')
      expect(await cached.findByZendeskSubdomain('nobody')).toBeUndefined()
      expect((await cached.get('demo'))?.id).toBe('demo')
    }
    expect(calls).toEqual({ subdomain: 2, id: 1 })
  })

  it('sees a rotated secret once the entry expires', async () => {
    let clock = 0
    const { directory, rotate } = counting()
    const cached = cachedTenantDirectory(directory, 10_000, () => clock)
    expect((await cached.findByZendeskSubdomain('demo'))?.sharedSecret).toBe('first')
    rotate('second')
    expect((await cached.findByZendeskSubdomain('demo'))?.sharedSecret).toBe('first')
    clock += 10_001
    expect((await cached.findByZendeskSubdomain('demo'))?.sharedSecret).toBe('second')
  })
})
