import { sign } from 'hono/jwt'
import { describe, expect, it } from 'vitest'

import { nodeHs256 } from '../../platform/crypto/node-hs256.ts'
import { UnauthenticatedError } from '../../platform/errors.ts'
import { webCryptoHs256, type Hs256Check } from '../../platform/auth/hs256.ts'
import { verifyZendeskToken as verifyWith } from './zendesk-token.ts'

const secret = 'demo-zendesk-secret'
const now = 1_800_000_000
const secrets: Record<string, string> = { demo: secret }
const lookup = (subdomain: string) => Promise.resolve(secrets[subdomain])
const claims = { iss: 'https://demo.zendesk.com', sub: 'agent-7', iat: now, exp: now + 60 }

describe.each<[string, Hs256Check]>([
  ['WebCrypto', webCryptoHs256],
  ['node:crypto', nodeHs256],
])('verifyZendeskToken, signatures checked by %s', (_name, check) => {
  const verifyZendeskToken = (token: string, secretFor: typeof lookup, nowSeconds: number) =>
    verifyWith(token, secretFor, nowSeconds, check)

  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  async function reason(token: string): Promise<string> {
    const error = await verifyZendeskToken(token, lookup, now).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UnauthenticatedError)
    return (error as UnauthenticatedError).reason
  }

  it('accepts a token signed by the installation, naming subdomain and agent', async () => {
    const token = await sign(claims, secret, 'HS256')
    expect(await verifyZendeskToken(token, lookup, now)).toEqual({
      subdomain: 'demo',
      agentId: 'agent-7',
    })
  })

  it('accepts claims at their longest: a 64-character sub, a 63-character subdomain', async () => {
    const subdomain = 'a'.repeat(63)
    const longest = { ...claims, iss: `https://${subdomain}.zendesk.com/`, sub: '9'.repeat(64) }
    const token = await sign(longest, secret, 'HS256')
    const caller = await verifyZendeskToken(
      token,
      (name) => Promise.resolve(name === subdomain ? secret : undefined),
      now
    )
    expect(caller).toEqual({ subdomain, agentId: '9'.repeat(64) })
  })

  it('reads the installation the app names (a number, or zcli’s `preview`), for its choices', async () => {
    for (const [claim, id] of [
      [360001234567, '360001234567'],
      ['preview', 'preview'],
    ] as const) {
      const token = await sign({ ...claims, installation_id: claim }, secret, 'HS256')
      expect(await verifyZendeskToken(token, lookup, now)).toEqual({
        subdomain: 'demo',
        agentId: 'agent-7',
        installationId: id,
      })
    }
  })

  it.each([
    ['a separator', 'demo:1', 'bad_claim'],
    ['an object', { id: 1 }, 'bad_claim'],
    ['41 characters', '1'.repeat(41), 'claim_too_long'],
  ])('refuses an installation with %s', async (_, installation, expected) => {
    const token = await sign({ ...claims, installation_id: installation }, secret, 'HS256')
    expect(await reason(token)).toBe(expected)
  })

  it('accepts a numeric sub, as Zendesk user ids are numbers', async () => {
    const token = await sign({ ...claims, sub: 4242 }, secret, 'HS256')
    expect((await verifyZendeskToken(token, lookup, now)).agentId).toBe('4242')
  })

  it.each([
    ['a wrong secret', () => sign(claims, 'not-the-secret', 'HS256'), 'bad_signature'],
    [
      'alg none',
      () => Promise.resolve(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`),
      'algorithm_not_allowed',
    ],
    ['HS512', () => sign(claims, secret, 'HS512'), 'algorithm_not_allowed'],
    [
      'an expired token',
      () => sign({ ...claims, iat: now - 600, exp: now - 60 }, secret, 'HS256'),
      'expired',
    ],
    [
      'a token from the future',
      () => sign({ ...claims, iat: now + 300, exp: now + 600 }, secret, 'HS256'),
      'not_yet_valid',
    ],
    [
      'nbf in the future',
      () => sign({ ...claims, nbf: now + 300 }, secret, 'HS256'),
      'not_yet_valid',
    ],
    [
      'a lifetime over 10 minutes',
      () => sign({ ...claims, exp: now + 601 }, secret, 'HS256'),
      'lifetime_too_long',
    ],
    [
      'a null header',
      () => Promise.resolve(`${b64(null)}.${b64(claims)}.${'A'.repeat(43)}`),
      'malformed_token',
    ],
    [
      'null claims',
      () => Promise.resolve(`${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(null)}.${'A'.repeat(43)}`),
      'malformed_token',
    ],
    [
      'claims that are an array',
      () =>
        Promise.resolve(`${b64({ alg: 'HS256', typ: 'JWT' })}.${b64([claims])}.${'A'.repeat(43)}`),
      'malformed_token',
    ],
    [
      'no exp',
      () => sign({ iss: claims.iss, sub: 'a', iat: now }, secret, 'HS256'),
      'missing_claim',
    ],
    [
      'no iat',
      () => sign({ iss: claims.iss, sub: 'a', exp: now + 60 }, secret, 'HS256'),
      'missing_claim',
    ],
    [
      'no sub',
      () => sign({ iss: claims.iss, iat: now, exp: now + 60 }, secret, 'HS256'),
      'missing_claim',
    ],
    [
      'an unknown subdomain',
      () => sign({ ...claims, iss: 'https://other.zendesk.com' }, secret, 'HS256'),
      'unknown_installation',
    ],
    [
      'a non-Zendesk issuer',
      () => sign({ ...claims, iss: 'https://demo.zendesk.com.evil.test' }, secret, 'HS256'),
      'bad_issuer',
    ],
    ['no issuer', () => sign({ sub: 'a', iat: now, exp: now + 60 }, secret, 'HS256'), 'bad_issuer'],
    // Zendesk user ids are numbers; a sub this long is no agent's and must not reach the audit.
    [
      'a sub over 64 characters',
      () => sign({ ...claims, sub: 'a'.repeat(65) }, secret, 'HS256'),
      'claim_too_long',
    ],
    [
      'a sub of 481 characters',
      () => sign({ ...claims, sub: '7'.repeat(481) }, secret, 'HS256'),
      'claim_too_long',
    ],
    [
      'an issuer over 100 characters',
      () => sign({ ...claims, iss: `https://${'a'.repeat(90)}.zendesk.com` }, secret, 'HS256'),
      'claim_too_long',
    ],
    [
      'a token over 4096 characters',
      () => sign({ ...claims, padding: 'x'.repeat(4096) }, secret, 'HS256'),
      'token_too_long',
    ],
    ['garbage', () => Promise.resolve('not.a.jwt'), 'malformed_token'],
    ['four parts', async () => `${await sign(claims, secret, 'HS256')}.x`, 'malformed_token'],
    [
      'no signature',
      async () => (await sign(claims, secret, 'HS256')).replace(/\.[^.]+$/, '.'),
      'bad_signature',
    ],
    ['a padded signature', async () => `${await sign(claims, secret, 'HS256')}=`, 'bad_signature'],
    [
      'a signature one byte short',
      async () => (await sign(claims, secret, 'HS256')).slice(0, -2),
      'bad_signature',
    ],
  ])('rejects %s', async (_label, make, expected) => {
    expect(await reason(await make())).toBe(expected)
  })

  it('rejects a token whose payload was changed after signing', async () => {
    const token = await sign(claims, secret, 'HS256')
    const [header, , signature] = token.split('.')
    const tampered = `${header ?? ''}.${b64({ ...claims, sub: 'admin' })}.${signature ?? ''}`
    expect(await reason(tampered)).toBe('bad_signature')
  })
})
