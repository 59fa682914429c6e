/**
 * @module hosts/pipedrive/install/signed-links
 * Short-lived signed values the relay hands out and later takes back: the OAuth `state` (so a
 * callback answers an install this relay started) and the setup ticket (so only someone who came
 * from an authenticated Pipedrive panel or install can link that company to a tenant). HS256 JWTs
 * via hono/jwt, under a key derived from the client secret with a label of its own: a link token
 * can never pass as a Pipedrive panel token signed with that same secret, nor the reverse, and each
 * carries its purpose so a state cannot be replayed as a ticket.
 */
import { sign, verify } from 'hono/jwt'

import { createHasher } from '../../../platform/crypto/hmac.ts'
import { UnauthenticatedError } from '../../../platform/errors.ts'

export type LinkPurpose = 'oauth_state' | 'setup'

export interface LinkSigner {
  sign(purpose: LinkPurpose, claims: Record<string, string>, ttlSeconds: number): Promise<string>
  /**
   * @returns the claims given to `sign`.
   * @throws UnauthenticatedError `bad_link` when the value is forged, expired or for another purpose.
   */
  verify(purpose: LinkPurpose, token: string): Promise<Record<string, string>>
}

export function createLinkSigner(clientSecret: string, now: () => number): LinkSigner {
  const key = createHasher(clientSecret).then((hash) => hash('intilery-connect:signed-links:v1'))
  const seconds = () => Math.floor(now() / 1000)
  return {
    async sign(purpose, claims, ttlSeconds) {
      const iat = seconds()
      return sign({ ...claims, purpose, iat, exp: iat + ttlSeconds }, await key, 'HS256')
    },
    async verify(purpose, token) {
      let payload: Record<string, unknown>
      try {
        // Time is checked below, on the injected clock only: hono/jwt's own checks read the real
        // one, so a link signed on a clock ahead of it would be refused as issued in the future.
        payload = await verify(token, await key, {
          alg: 'HS256',
          exp: false,
          nbf: false,
          iat: false,
        })
      } catch {
        throw new UnauthenticatedError('bad_link', 'This link is invalid or has expired')
      }
      const { purpose: stated, exp, iat: _iat, ...claims } = payload
      if (stated !== purpose || typeof exp !== 'number' || exp <= seconds())
        throw new UnauthenticatedError('bad_link', 'This link is invalid or has expired')
      return Object.fromEntries(
        Object.entries(claims).filter(
          (entry): entry is [string, string] => typeof entry[1] === 'string'
        )
      )
    },
  }
}
