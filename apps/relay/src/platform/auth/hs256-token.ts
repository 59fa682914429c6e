/**
 * @module platform/auth/hs256-token
 * The one HS256 JWT verifier every host's callers go through. What differs between hosts is a
 * `ClaimPolicy`: how to choose the secret from the (still unverified) claims, which time claims
 * are required and how long a token may live, and what the host's own claims must say. The order
 * is the same for all: secret, signature, time, then the host's claims, so nothing a forger wrote
 * is trusted before the signature holds.
 */
import { UnauthenticatedError } from '../errors.ts'
import { decodeHs256, requireHs256Signature, webCryptoHs256, type Hs256Check } from './hs256.ts'

/** Tolerated clock difference between a host and the relay. */
export const CLOCK_SKEW_SECONDS = 30

/**
 * Longest token read at all. Hosts' tokens are a few hundred characters; this bounds the JSON a
 * caller can make the relay parse before anything is verified.
 */
export const MAX_TOKEN_CHARS = 4096

export type Claims = Readonly<Record<string, unknown>>

export interface TimePolicy {
  /** `exp-and-iat`: both required (so a lifetime can be bounded); `exp-or-iat`: one of them. */
  readonly required: 'exp-and-iat' | 'exp-or-iat'
  /** Longest `exp - iat` accepted. */
  readonly maxLifetimeSeconds?: number
  /** Latest `exp` accepted, from now: bounds a leaked token whose issuer gave it a long life. */
  readonly maxAheadSeconds?: number
  /** Oldest `iat` accepted when there is no `exp`. */
  readonly maxAgeWithoutExpSeconds?: number
}

export interface ClaimPolicy<Caller> {
  /**
   * Every claim the host reads (besides the time claims), with the longest text it may have: a
   * string's length or a number's decimal form. Checked first, before any claim chooses a secret
   * or names a caller, so an over-long value never reaches a lookup, the audit trail or a log.
   */
  readonly maxClaimChars: Readonly<Record<string, number>>
  /**
   * The secret to verify with. It may read claims (Zendesk's issuer names the installation); they
   * are unverified here, so it may only choose, never grant.
   * @throws UnauthenticatedError when the claims name nobody this relay knows.
   */
  secretFor(claims: Claims): string | Promise<string>
  readonly time: TimePolicy
  /**
   * The caller the host's own claims describe, checked after signature and time.
   * @throws UnauthenticatedError `missing_claim`, `claim_mismatch`…
   */
  caller(claims: Claims): Caller
}

/** @throws UnauthenticatedError `claim_too_long`. */
function requireClaimLengths(claims: Claims, limits: ClaimPolicy<unknown>['maxClaimChars']): void {
  for (const [name, max] of Object.entries(limits)) {
    const value = claims[name]
    const text = typeof value === 'number' ? String(value) : value
    if (typeof text === 'string' && text.length > max)
      throw new UnauthenticatedError('claim_too_long')
  }
}

function requireTime(claims: Claims, policy: TimePolicy, nowSeconds: number): void {
  const exp = typeof claims.exp === 'number' ? claims.exp : undefined
  const iat = typeof claims.iat === 'number' ? claims.iat : undefined
  const nbf = typeof claims.nbf === 'number' ? claims.nbf : undefined
  const missing =
    policy.required === 'exp-and-iat'
      ? exp === undefined || iat === undefined
      : exp === undefined && iat === undefined
  if (missing) throw new UnauthenticatedError('missing_claim')
  if (
    policy.maxLifetimeSeconds !== undefined &&
    exp !== undefined &&
    iat !== undefined &&
    exp - iat > policy.maxLifetimeSeconds
  )
    throw new UnauthenticatedError('lifetime_too_long')
  if (exp !== undefined && exp <= nowSeconds - CLOCK_SKEW_SECONDS)
    throw new UnauthenticatedError('expired')
  if (
    policy.maxAheadSeconds !== undefined &&
    exp !== undefined &&
    exp > nowSeconds + policy.maxAheadSeconds
  )
    throw new UnauthenticatedError('lifetime_too_long')
  if (
    policy.maxAgeWithoutExpSeconds !== undefined &&
    exp === undefined &&
    iat !== undefined &&
    iat + policy.maxAgeWithoutExpSeconds < nowSeconds
  )
    throw new UnauthenticatedError('expired')
  if (iat !== undefined && iat > nowSeconds + CLOCK_SKEW_SECONDS)
    throw new UnauthenticatedError('not_yet_valid')
  if (nbf !== undefined && nbf > nowSeconds + CLOCK_SKEW_SECONDS)
    throw new UnauthenticatedError('not_yet_valid')
}

/**
 * @throws UnauthenticatedError with a `reason` for logs and tests: `token_too_long`,
 *   `malformed_token`, `algorithm_not_allowed`, `claim_too_long`, whatever the policy's secretFor throws, `bad_signature`,
 *   `missing_claim`, `lifetime_too_long`, `expired`, `not_yet_valid`, or the policy's own.
 */
export async function verifyHs256Token<Caller>(
  token: string,
  policy: ClaimPolicy<Caller>,
  nowSeconds: number,
  checkSignature: Hs256Check = webCryptoHs256
): Promise<Caller> {
  if (token.length > MAX_TOKEN_CHARS) throw new UnauthenticatedError('token_too_long')
  const claims = decodeHs256(token)
  requireClaimLengths(claims, policy.maxClaimChars)
  const secret = await policy.secretFor(claims)
  await requireHs256Signature(token, secret, checkSignature)
  requireTime(claims, policy.time, nowSeconds)
  return policy.caller(claims)
}
