/**
 * @module pipedrive/oauth-grants
 * What Pipedrive's OAuth server remembers: authorization codes (5 minutes, single use), access
 * tokens (60 minutes) and refresh tokens (expire after 60 days unused; a refresh answers with the
 * same refresh token, as Pipedrive documents). Installs are per user: one grant per
 * (company, user), and re-authorizing replaces the old grant's tokens.
 */
import { randomBytes } from 'node:crypto'

export const CODE_TTL_MS = 5 * 60_000
export const REFRESH_IDLE_MS = 60 * 24 * 60 * 60_000

export interface Grant {
  readonly companyId: number
  readonly userId: number
  readonly scope: string
  accessToken: string
  accessExpiresAt: number
  refreshToken: string
  refreshLastUsedAt: number
  revoked: boolean
  /** A user's personal API token (`x-api-token`), which no OAuth scope limits. */
  readonly personal?: boolean
}

export interface TokenAnswer {
  readonly access_token: string
  readonly token_type: 'bearer'
  readonly refresh_token: string
  readonly scope: string
  readonly expires_in: number
  readonly api_domain: string
}

interface PendingCode {
  readonly companyId: number
  readonly userId: number
  readonly redirectUri: string
  readonly expiresAt: number
}

const token = (prefix: string) => `${prefix}:${randomBytes(24).toString('base64url')}`

export class OAuthGrants {
  private readonly codes = new Map<string, PendingCode>()
  private readonly grants = new Map<string, Grant>()
  /** Token endpoint calls by grant type, for the refresh-race tests. */
  readonly tokenCalls = { authorization_code: 0, refresh_token: 0 }

  constructor(
    private readonly accessTtlMs: number,
    private readonly now: () => number
  ) {}

  issueCode(companyId: number, userId: number, redirectUri: string): string {
    const code = token('code')
    this.codes.set(code, { companyId, userId, redirectUri, expiresAt: this.now() + CODE_TTL_MS })
    return code
  }

  /** @returns undefined for an unknown, used or expired code, or a different redirect URI. */
  redeemCode(code: string, redirectUri: string, scope: string): Grant | undefined {
    this.tokenCalls.authorization_code++
    const pending = this.codes.get(code)
    this.codes.delete(code)
    if (pending === undefined || pending.expiresAt < this.now()) return undefined
    if (pending.redirectUri !== redirectUri) return undefined
    const grant: Grant = {
      companyId: pending.companyId,
      userId: pending.userId,
      scope,
      accessToken: token('v1u'),
      accessExpiresAt: this.now() + this.accessTtlMs,
      refreshToken: token('v1r'),
      refreshLastUsedAt: this.now(),
      revoked: false,
    }
    this.grants.set(`${grant.companyId}:${grant.userId}`, grant)
    return grant
  }

  /** @returns undefined for an unknown, revoked or idle-expired refresh token. */
  refresh(refreshToken: string): Grant | undefined {
    this.tokenCalls.refresh_token++
    const grant = this.byRefreshToken(refreshToken)
    if (grant === undefined || grant.refreshLastUsedAt + REFRESH_IDLE_MS < this.now())
      return undefined
    grant.accessToken = token('v1u')
    grant.accessExpiresAt = this.now() + this.accessTtlMs
    grant.refreshLastUsedAt = this.now()
    return grant
  }

  /** Revoking the refresh token uninstalls; revoking the access token only ends that token. */
  revoke(value: string, hint: 'access_token' | 'refresh_token'): void {
    for (const grant of this.grants.values()) {
      if (hint === 'refresh_token' && grant.refreshToken === value) grant.revoked = true
      if (hint === 'access_token' && grant.accessToken === value) grant.accessExpiresAt = 0
    }
  }

  /** The live grant an API call's bearer token belongs to. */
  byAccessToken(accessToken: string): Grant | undefined {
    for (const grant of this.grants.values()) {
      if (!grant.revoked && grant.accessToken === accessToken && grant.accessExpiresAt > this.now())
        return grant
    }
    return undefined
  }

  grantOf(companyId: number, userId: number): Grant | undefined {
    return this.grants.get(`${companyId}:${userId}`)
  }

  /** Test knob: every access token of the company ends now (the next call needs a refresh). */
  expireAccessTokens(): void {
    for (const grant of this.grants.values()) grant.accessExpiresAt = this.now() - 1
  }

  answer(grant: Grant, apiDomain: string): TokenAnswer {
    return {
      access_token: grant.accessToken,
      token_type: 'bearer',
      refresh_token: grant.refreshToken,
      scope: grant.scope,
      expires_in: Math.max(0, Math.round((grant.accessExpiresAt - this.now()) / 1000)),
      api_domain: apiDomain,
    }
  }

  private byRefreshToken(refreshToken: string): Grant | undefined {
    for (const grant of this.grants.values())
      if (!grant.revoked && grant.refreshToken === refreshToken) return grant
    return undefined
  }
}
