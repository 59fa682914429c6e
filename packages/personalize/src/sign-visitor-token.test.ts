import { verify } from 'hono/jwt'
import { describe, expect, it } from 'vitest'

import { signVisitorToken } from './sign-visitor-token.ts'

const SECRET = 'site-secret-0123456789abcdef-0123456789'
const NOW = Date.UTC(2026, 11, 5, 12)

describe('signVisitorToken', () => {
  it('signs an HS256 JWT with iss, sub, iat and exp that another implementation verifies', async () => {
    const token = await signVisitorToken({
      siteId: 'demo-shop',
      secret: SECRET,
      userId: 'user-1',
      now: NOW,
    })
    const header = JSON.parse(
      Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()
    ) as object
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' })
    const claims = await verify(token, SECRET, { alg: 'HS256', exp: false, iat: false, nbf: false })
    expect(claims).toEqual({
      iss: 'demo-shop',
      sub: 'user-1',
      iat: NOW / 1000,
      exp: NOW / 1000 + 900,
    })
    await expect(verify(token, `${SECRET}x`, 'HS256')).rejects.toThrow()
  })

  it('signs ids with any characters, which the JSON carries as they are', async () => {
    const userId = 'kunde-zoë/çelik+1'
    const token = await signVisitorToken({ siteId: 's', secret: SECRET, userId, now: NOW })
    const claims = await verify(token, SECRET, { alg: 'HS256', exp: false, iat: false, nbf: false })
    expect(claims.sub).toBe(userId)
  })

  it.each([0, 3601, 1.5, -1])('refuses a lifetime of %s seconds', async (lifetimeSeconds) => {
    await expect(
      signVisitorToken({ siteId: 's', secret: SECRET, userId: 'u', lifetimeSeconds })
    ).rejects.toBeInstanceOf(RangeError)
  })

  it('refuses an empty site id, secret or user', async () => {
    for (const blank of [{ siteId: ' ' }, { secret: '' }, { userId: '' }]) {
      await expect(
        signVisitorToken({ siteId: 's', secret: SECRET, userId: 'u', ...blank })
      ).rejects.toThrow(/must not be empty/)
    }
  })
})
