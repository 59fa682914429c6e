/**
 * @module hosts/pipedrive/install/token-keeper
 * Hands out a live access token for an installation, refreshing it shortly before our stored
 * expiry. Refreshes are single-flight per installation: 50 panel calls arriving at expiry share one
 * refresh. A dead refresh token marks the installation disconnected, so the panel can say
 * "Reconnect". Single-flight is per relay process; several instances sharing a database may each
 * refresh once, which Pipedrive allows (a refresh returns the same refresh token).
 */
import type { PipedriveInstallation, PipedriveInstallationStore } from './installation-store.ts'
import { PipedriveCallError, type PipedriveOAuth } from '../api/pipedrive-port.ts'

/** Refresh this long before the stored expiry, so a token never dies mid-request. */
export const REFRESH_MARGIN_MS = 60_000

export interface TokenKeeper {
  /** @throws PipedriveCallError('revoked') once the installation is disconnected. */
  accessToken(install: PipedriveInstallation): Promise<string>
}

export function createTokenKeeper(deps: {
  readonly installations: PipedriveInstallationStore
  readonly oauth: PipedriveOAuth
  readonly now: () => number
}): TokenKeeper {
  const inFlight = new Map<string, Promise<string>>()
  const stillFresh = (install: PipedriveInstallation) =>
    install.accessExpiresAt - REFRESH_MARGIN_MS > deps.now()
  const disconnected = () =>
    new PipedriveCallError('revoked', 'The Pipedrive installation is disconnected')

  async function refresh(install: PipedriveInstallation): Promise<string> {
    // Another request (or instance) may have refreshed since this one read the installation.
    const current = await deps.installations.get(install.companyId, install.userId)
    if (current === undefined || current.status === 'disconnected') throw disconnected()
    if (stillFresh(current)) return current.accessToken
    try {
      const answer = await deps.oauth.refresh(current.refreshToken)
      await deps.installations.save(install.companyId, install.userId, {
        accessToken: answer.access_token,
        refreshToken: answer.refresh_token,
        accessExpiresAt: deps.now() + answer.expires_in * 1000,
        apiDomain: answer.api_domain,
      })
      return answer.access_token
    } catch (error) {
      if (error instanceof PipedriveCallError && error.failure === 'revoked')
        await deps.installations.markDisconnected(install.companyId, install.userId)
      throw error
    }
  }

  return {
    async accessToken(install) {
      if (install.status === 'disconnected') throw disconnected()
      if (stillFresh(install)) return install.accessToken
      const key = `${install.companyId}:${install.userId}`
      let pending = inFlight.get(key)
      if (pending === undefined) {
        pending = refresh(install).finally(() => inFlight.delete(key))
        inFlight.set(key, pending)
      }
      return pending
    },
  }
}
