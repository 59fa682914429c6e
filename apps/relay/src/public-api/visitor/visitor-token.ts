/**
 * @module public-api/visitor/visitor-token
 * A site's server vouches for its signed-in visitor with an HS256 JWT signed with the site's
 * secret (store/site-store.ts): `iss` = the site's id (chooses the secret), `sub` = the visitor's
 * userId, `iat` and `exp` both required, `exp` at most an hour after `iat` and after now. The
 * browser only carries it: whose data is read comes from this token alone.
 *
 * Rejected like the hosts' tokens (platform/auth/hs256-token.ts): any algorithm but HS256, a bad
 * signature, a missing `iat`, `exp` or `sub` (a string), an `iss` over 63 or `sub` over 256 characters, a
 * lifetime over an hour, expired or not-yet-valid tokens, unknown sites.
 */
import { verifyHs256Token, type ClaimPolicy } from '../../platform/auth/hs256-token.ts'
import { webCryptoHs256, type Hs256Check } from '../../platform/auth/hs256.ts'
import { UnauthenticatedError } from '../../platform/errors.ts'
import { SITE_ID, type Site } from '../../store/site-store.ts'

export const MAX_VISITOR_TOKEN_SECONDS = 3600
export const MAX_SUB_CHARS = 256

export type SiteWithSecret = Site & { readonly secret: string }

export interface VisitorSites {
  get(id: string): Promise<SiteWithSecret | undefined>
  /** Whether any site allows this origin (answers a CORS preflight, which carries no token). */
  allowsOrigin(origin: string): Promise<boolean>
}

export interface Visitor {
  readonly site: Site
  readonly userId: string
}

function visitorClaimPolicy(sites: VisitorSites): ClaimPolicy<Visitor> {
  let found: Site | undefined
  return {
    maxClaimChars: { iss: 63, sub: MAX_SUB_CHARS },
    async secretFor(claims) {
      const iss = claims.iss
      if (typeof iss !== 'string' || !SITE_ID.test(iss))
        throw new UnauthenticatedError('bad_issuer')
      const site = await sites.get(iss)
      if (site === undefined) throw new UnauthenticatedError('unknown_site')
      const { secret, ...rest } = site
      found = rest
      return secret
    },
    time: {
      required: 'exp-and-iat',
      maxLifetimeSeconds: MAX_VISITOR_TOKEN_SECONDS,
      maxAheadSeconds: MAX_VISITOR_TOKEN_SECONDS,
    },
    caller(claims) {
      // A string only (RFC 7519): a number past 2^53 would name someone else once stringified.
      const userId = claims.sub
      if (typeof userId !== 'string' || userId.trim() === '')
        throw new UnauthenticatedError('missing_claim')
      // Set by secretFor, which ran first and succeeded.
      if (found === undefined) throw new UnauthenticatedError('unknown_site')
      return { site: found, userId }
    },
  }
}

export function verifyVisitorToken(
  token: string,
  sites: VisitorSites,
  nowSeconds: number,
  checkSignature: Hs256Check = webCryptoHs256
): Promise<Visitor> {
  return verifyHs256Token(token, visitorClaimPolicy(sites), nowSeconds, checkSignature)
}
