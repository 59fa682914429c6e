/**
 * @module hosts/zendesk/zendesk-token
 * Zendesk app requests reach the relay through Zendesk's secure-request proxy, which signs an HS256
 * JWT with the installation's secure setting (the browser never sees the secret). Claims:
 * `iss` = `https://{subdomain}.zendesk.com` (selects the tenant), `sub` = the agent's user id,
 * `iat`, `exp`, and from this app's
 * own requests `installation_id` (the installation, for remembered choices). The issuer is read before verification only to choose which secret to verify with.
 *
 * Rejected: any algorithm but HS256 (`none` included), a bad signature, a missing `exp`, `iat` or
 * `sub`, an `iss` over 100 or a `sub` over 64 characters, a lifetime over 10 minutes, expired or
 * not-yet-valid tokens, unknown subdomains.
 */
import { verifyHs256Token, type ClaimPolicy, type Claims } from '../../platform/auth/hs256-token.ts'
import { webCryptoHs256, type Hs256Check } from '../../platform/auth/hs256.ts'
import { UnauthenticatedError } from '../../platform/errors.ts'

export const MAX_TOKEN_LIFETIME_SECONDS = 600
const ISSUER = /^https:\/\/([a-z0-9][a-z0-9-]{0,62})\.zendesk\.com\/?$/

export interface ZendeskCaller {
  readonly subdomain: string
  /** The agent's Zendesk user id, as the token asserts it. */
  readonly agentId: string
  /**
   * The app's installation in that account (ZAF metadata's `installationId`, `installation_id`
   * claim; `preview` under zcli), as the token asserts it; absent from older apps' tokens.
   */
  readonly installationId?: string | undefined
}

/** Zendesk's installation ids are numbers; zcli's preview says `preview`. A bound, not a format. */
const INSTALLATION_ID = /^[A-Za-z0-9_-]{1,40}$/

/** Looks up the shared secret of an installation; undefined when the subdomain is unknown. */
export type ZendeskSecretLookup = (subdomain: string) => Promise<string | undefined>

const subdomainOf = (claims: Claims): string | undefined =>
  typeof claims.iss === 'string' ? ISSUER.exec(claims.iss.toLowerCase())?.[1] : undefined

/**
 * The longest issuer a Zendesk subdomain makes (`https://` + 63 + `.zendesk.com/` is 84), and a
 * sub far beyond Zendesk's numeric user ids: the caller id built from them must fit the audit row.
 */
export const MAX_ISSUER_CHARS = 100
export const MAX_SUB_CHARS = 64

export function zendeskClaimPolicy(secretFor: ZendeskSecretLookup): ClaimPolicy<ZendeskCaller> {
  return {
    maxClaimChars: { iss: MAX_ISSUER_CHARS, sub: MAX_SUB_CHARS, installation_id: 40 },
    async secretFor(claims) {
      const subdomain = subdomainOf(claims)
      if (subdomain === undefined) throw new UnauthenticatedError('bad_issuer')
      const secret = await secretFor(subdomain)
      if (secret === undefined) throw new UnauthenticatedError('unknown_installation')
      return secret
    },
    time: { required: 'exp-and-iat', maxLifetimeSeconds: MAX_TOKEN_LIFETIME_SECONDS },
    caller(claims) {
      const { sub } = claims
      if (typeof sub !== 'string' && typeof sub !== 'number')
        throw new UnauthenticatedError('missing_claim')
      const installation = claims.installation_id
      let installationId: string | undefined
      if (installation !== undefined) {
        installationId =
          typeof installation === 'string' || typeof installation === 'number'
            ? String(installation)
            : ''
        if (!INSTALLATION_ID.test(installationId)) throw new UnauthenticatedError('bad_claim')
      }
      // Verified by now: secretFor accepted this issuer.
      return {
        subdomain: subdomainOf(claims) ?? '',
        agentId: String(sub),
        ...(installationId === undefined ? {} : { installationId }),
      }
    },
  }
}

export function verifyZendeskToken(
  token: string,
  secretFor: ZendeskSecretLookup,
  nowSeconds = Math.floor(Date.now() / 1000),
  checkSignature: Hs256Check = webCryptoHs256
): Promise<ZendeskCaller> {
  return verifyHs256Token(token, zendeskClaimPolicy(secretFor), nowSeconds, checkSignature)
}
