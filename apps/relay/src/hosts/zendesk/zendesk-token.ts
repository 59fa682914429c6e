/**
 * @module auth/zendesk-jwt
 * Zendesk app requests reach the relay through Zendesk's secure-request proxy, which signs an HS256
 * JWT with the installation's secure setting (the browser never sees the secret). Claims:
 * `iss` = `https://{subdomain}.zendesk.com` (selects the tenant), `sub` = the agent's user id,
 * `iat`, `exp`. The issuer is read before verification only to choose which secret to verify with.
 *
 * Rejected: any algorithm but HS256 (`none` included), a bad signature, a missing `exp`, `iat` or
 * `sub`, a lifetime over 10 minutes, expired or not-yet-valid tokens, unknown subdomains.
 */
import { UnauthenticatedError } from '../../platform/errors.ts'
import { decodeHs256, requireHs256Signature, webCryptoHs256, type Hs256Check } from '../../platform/auth/hs256.ts'

export const MAX_TOKEN_LIFETIME_SECONDS = 600
/** Tolerated clock difference between Zendesk and the relay. */
export const CLOCK_SKEW_SECONDS = 30
const ISSUER = /^https:\/\/([a-z0-9][a-z0-9-]{0,62})\.zendesk\.com\/?$/

export interface ZendeskCaller {
  readonly subdomain: string
  /** The agent's Zendesk user id, as the token asserts it. */
  readonly agentId: string
}

/** Looks up the shared secret of an installation; undefined when the subdomain is unknown. */
export type ZendeskSecretLookup = (subdomain: string) => Promise<string | undefined>

export async function verifyZendeskToken(
  token: string,
  secretFor: ZendeskSecretLookup,
  nowSeconds = Math.floor(Date.now() / 1000),
  checkSignature: Hs256Check = webCryptoHs256
): Promise<ZendeskCaller> {
  const claims = decodeHs256(token)
  const issuer = typeof claims.iss === 'string' ? ISSUER.exec(claims.iss.toLowerCase()) : null
  const subdomain = issuer?.[1]
  if (subdomain === undefined) throw new UnauthenticatedError('bad_issuer')
  const secret = await secretFor(subdomain)
  if (secret === undefined) throw new UnauthenticatedError('unknown_installation')
  await requireHs256Signature(token, secret, checkSignature)
  const { exp, iat, nbf, sub } = claims
  if (typeof exp !== 'number' || typeof iat !== 'number')
    throw new UnauthenticatedError('missing_claim')
  if (typeof sub !== 'string' && typeof sub !== 'number')
    throw new UnauthenticatedError('missing_claim')
  if (exp - iat > MAX_TOKEN_LIFETIME_SECONDS) throw new UnauthenticatedError('lifetime_too_long')
  if (exp <= nowSeconds - CLOCK_SKEW_SECONDS) throw new UnauthenticatedError('expired')
  if (iat > nowSeconds + CLOCK_SKEW_SECONDS) throw new UnauthenticatedError('not_yet_valid')
  if (typeof nbf === 'number' && nbf > nowSeconds + CLOCK_SKEW_SECONDS) {
    throw new UnauthenticatedError('not_yet_valid')
  }
  return { subdomain, agentId: String(sub) }
}
