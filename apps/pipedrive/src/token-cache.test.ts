import { describe, expect, it, vi } from 'vitest'

import { createTokenCache, TOKEN_REUSE_MS } from './token-cache.ts'

/** A host that signs token-1, token-2… and a clock the test moves. */
function setup() {
  let clock = 1_000_000
  let signed = 0
  const fetchToken = vi.fn(() => Promise.resolve(`token-${++signed}`))
  const cache = createTokenCache(fetchToken, () => clock)
  return { cache, fetchToken, advance: (ms: number) => (clock += ms) }
}

describe('the signed token cache', () => {
  it('reuses one token for up to four minutes, then asks the host for a new one', async () => {
    const { cache, fetchToken, advance } = setup()
    expect(await cache.token()).toBe('token-1')
    advance(TOKEN_REUSE_MS - 1)
    expect(await cache.token()).toBe('token-1')
    expect(fetchToken).toHaveBeenCalledTimes(1)
    advance(1)
    expect(await cache.token()).toBe('token-2')
    expect(fetchToken).toHaveBeenCalledTimes(2)
  })

  it('refreshes before the five-minute expiry Pipedrive gives its tokens', () => {
    expect(TOKEN_REUSE_MS).toBeLessThan(5 * 60_000)
    expect(TOKEN_REUSE_MS).toBeGreaterThanOrEqual(3 * 60_000)
  })

  it('asks the host once for concurrent callers', async () => {
    const { cache, fetchToken } = setup()
    const tokens = await Promise.all([cache.token(), cache.token(), cache.token()])
    expect(tokens).toEqual(['token-1', 'token-1', 'token-1'])
    expect(fetchToken).toHaveBeenCalledTimes(1)
  })

  it('forgets a refused token and asks for a new one', async () => {
    const { cache, fetchToken } = setup()
    const first = await cache.token()
    cache.refused(first)
    expect(await cache.token()).toBe('token-2')
    expect(fetchToken).toHaveBeenCalledTimes(2)
  })

  it('keeps a newer token when an older one is reported refused', async () => {
    const { cache, advance } = setup()
    const old = await cache.token()
    advance(TOKEN_REUSE_MS)
    expect(await cache.token()).toBe('token-2')
    cache.refused(old)
    expect(await cache.token()).toBe('token-2')
  })

  it('does not remember a failed ask: the next call asks again', async () => {
    const fetchToken = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new Error('host said no'))
      .mockResolvedValueOnce('token-ok')
    const cache = createTokenCache(fetchToken)
    await expect(cache.token()).rejects.toThrow('host said no')
    expect(await cache.token()).toBe('token-ok')
  })
})
