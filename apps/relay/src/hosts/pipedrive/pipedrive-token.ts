/**
 * @module hosts/pipedrive/pipedrive-token
 * Pipedrive signs the `token` of a JSON panel request (and of a custom panel's page and its SDK
 * calls) as an HS256 JWT with the extension's JWT secret, or with the app's client secret when the
 * extension has none. Its `userId` and `companyId` claims must equal the request's own values
 * (claims may be numbers while query values are strings, so they are compared as text): that is
 * what stops someone who knows the URL from reading another company's data.
 *
 * Rejected: any algorithm but HS256, a bad signature, missing `userId`/`companyId` or ones over 20
 * characters, an expired or not-yet-valid token, one valid for more than an hour ahead, and a token
 * with neither `exp` nor `iat` (its age could not be bounded).
 */
import { verifyHs256Token, type ClaimPolicy } from '../../platform/auth/hs256-token.ts'
import { webCryptoHs256, type Hs256Check } from '../../platform/auth/hs256.ts'
import { UnauthenticatedError } from '../../platform/errors.ts'

export interface PipedriveViewer {
  readonly companyId: string
  readonly userId: string
}

/**
 * Latest `exp` accepted, from now. The SDK's tokens live 5 minutes; the JSON panel's lifetime is
 * not documented, so this bounds a leaked token without betting on Pipedrive's exact figure.
 */
export const MAX_AHEAD_SECONDS = 60 * 60
/** Longest user or company id accepted, as the panel routes' queries accept (20 digits). */
export const MAX_ID_CHARS = 20
/** Oldest `iat` accepted from a token without `exp`. */
const MAX_AGE_WITHOUT_EXP_SECONDS = 600

const idText = (value: unknown) =>
  typeof value === 'number' || (typeof value === 'string' && value !== '')
    ? String(value)
    : undefined

/**
 * @param expected the ids the request states (query); omitted for SDK calls, which carry only the
 *   token, whose claims then say who is calling.
 */
export function pipedriveClaimPolicy(
  secret: string,
  expected: Partial<PipedriveViewer>
): ClaimPolicy<PipedriveViewer> {
  return {
    // The query states ids of at most 20 digits; SDK calls state none, so the claims are bounded here.
    maxClaimChars: { userId: MAX_ID_CHARS, companyId: MAX_ID_CHARS },
    secretFor: () => secret,
    // Pipedrive's tokens live minutes; one valid for longer is not one of theirs to trust.
    time: {
      required: 'exp-or-iat',
      maxAheadSeconds: MAX_AHEAD_SECONDS,
      maxAgeWithoutExpSeconds: MAX_AGE_WITHOUT_EXP_SECONDS,
    },
    caller(claims) {
      const companyId = idText(claims.companyId)
      const userId = idText(claims.userId)
      if (companyId === undefined || userId === undefined)
        throw new UnauthenticatedError('missing_claim')
      if (
        (expected.companyId !== undefined && expected.companyId !== companyId) ||
        (expected.userId !== undefined && expected.userId !== userId)
      )
        throw new UnauthenticatedError('claim_mismatch')
      return { companyId, userId }
    },
  }
}

export function verifyPipedriveToken(
  token: string,
  secret: string,
  expected: Partial<PipedriveViewer>,
  nowSeconds: number,
  checkSignature: Hs256Check = webCryptoHs256
): Promise<PipedriveViewer> {
  return verifyHs256Token(token, pipedriveClaimPolicy(secret, expected), nowSeconds, checkSignature)
}
