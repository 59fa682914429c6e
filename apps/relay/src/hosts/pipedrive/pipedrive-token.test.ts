import { sign } from 'hono/jwt'
import { describe, expect, it } from 'vitest'

import { verifyPipedriveToken } from './pipedrive-token.ts'

const SECRET = 'demo-pipedrive-secret'
const NOW = 1_800_000_000
const query = { companyId: '1001', userId: '2001' }
const token = (claims: Record<string, unknown>, secret = SECRET) =>
  sign({ userId: 2001, companyId: 1001, iat: NOW - 10, exp: NOW + 290, ...claims }, secret, 'HS256')

const reason = async (jwt: string, expected: Partial<typeof query> = query) => {
  try {
    await verifyPipedriveToken(jwt, SECRET, expected, NOW)
    return 'accepted'
  } catch (error) {
    return (error as { reason?: string }).reason
  }
}

describe('verifyPipedriveToken', () => {
  it('accepts a token whose numeric claims equal the query’s text ids', async () => {
    await expect(verifyPipedriveToken(await token({}), SECRET, query, NOW)).resolves.toEqual(query)
  })

  it('reads the viewer from the claims when the request states no ids (SDK calls)', async () => {
    await expect(verifyPipedriveToken(await token({}), SECRET, {}, NOW)).resolves.toEqual(query)
  })

  it.each([
    ['expired', { exp: NOW - 60 }, 'expired'],
    ['issued in the future', { iat: NOW + 600, exp: NOW + 900 }, 'not_yet_valid'],
    ['without exp or iat', { exp: undefined, iat: undefined }, 'missing_claim'],
    ['old, with iat only', { exp: undefined, iat: NOW - 3_600 }, 'expired'],
    ['without companyId', { companyId: undefined }, 'missing_claim'],
    ['for another company', { companyId: 1002 }, 'claim_mismatch'],
    ['for another user', { userId: 2002 }, 'claim_mismatch'],
    ['valid for a day', { exp: NOW + 86_400 }, 'lifetime_too_long'],
  ])('rejects a token %s', async (_label, claims, expected) => {
    expect(await reason(await token(claims))).toBe(expected)
  })

  // SDK calls state no ids: the claims alone say who calls, so their length is bounded by itself.
  it.each([
    ['a userId over 20 characters', { userId: '2'.repeat(21) }, 'claim_too_long'],
    ['a companyId over 20 characters', { companyId: '1'.repeat(481) }, 'claim_too_long'],
    ['a token over 4096 characters', { padding: 'x'.repeat(4096) }, 'token_too_long'],
  ])('rejects %s, whether or not the request states ids', async (_label, claims, expected) => {
    const jwt = await token(claims)
    expect(await reason(jwt, {})).toBe(expected)
    expect(await reason(jwt)).toBe(expected)
  })

  it('accepts 20-digit ids, the longest a query may state', async () => {
    const ids = { companyId: '1'.repeat(20), userId: '2'.repeat(20) }
    await expect(verifyPipedriveToken(await token(ids), SECRET, ids, NOW)).resolves.toEqual(ids)
  })

  it('rejects a token signed with another secret, a tampered payload and alg none', async () => {
    expect(await reason(await token({}, 'another-secret'))).toBe('bad_signature')
    const [header, , signature] = (await token({})).split('.')
    const forged = Buffer.from(
      JSON.stringify({ userId: 2001, companyId: 1002, exp: NOW + 60 })
    ).toString('base64url')
    expect(await reason(`${header}.${forged}.${signature}`, {})).toBe('bad_signature')
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')
    const payload = Buffer.from(
      JSON.stringify({ userId: 2001, companyId: 1001, exp: NOW + 60 })
    ).toString('base64url')
    expect(await reason(`${none}.${payload}.`)).toBe('algorithm_not_allowed')
    expect(await reason('not-a-jwt')).toBe('malformed_token')
  })

  it.each([
    ['a null header', 'null', '{"userId":2001,"companyId":1001}'],
    ['null claims', '{"alg":"HS256","typ":"JWT"}', 'null'],
    ['claims that are an array', '{"alg":"HS256","typ":"JWT"}', '[1001]'],
    ['claims that are a number', '{"alg":"HS256","typ":"JWT"}', '7'],
  ])('refuses a token with %s as malformed, never a crash', async (_label, header, payload) => {
    const part = (json: string) => Buffer.from(json).toString('base64url')
    expect(await reason(`${part(header)}.${part(payload)}.${'A'.repeat(43)}`)).toBe(
      'malformed_token'
    )
  })
})
