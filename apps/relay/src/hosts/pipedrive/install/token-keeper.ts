/**
 * @module hosts/pipedrive/install/token-keeper
 * Hands out a live access token for an installation, refreshing it shortly before our stored
 * expiry. Refreshes are single-flight per installation: 50 panel calls arriving at expiry share one
 * refresh. A dead refresh token marks the installation disconnected, so the panel can say
 * "Reconnect". Across relay instances sharing a database, a lease (refresh-leases.ts) picks one to
 * refresh; the others wait for the token it stores, and refresh themselves only if it never does.
 */
import type { PipedriveInstallation, PipedriveInstallationStore } from './installation-store.ts'
import { PipedriveCallError, type PipedriveOAuth } from '../api/pipedrive-port.ts'
import type { RefreshLeases } from './refresh-leases.ts'

/** Refresh this long before the stored expiry, so a token never dies mid-request. */
export const REFRESH_MARGIN_MS = 60_000

export interface TokenKeeper {
  /** @throws PipedriveCallError('revoked') once the installation is disconnected. */
  accessToken(install: PipedriveInstallation): Promise<string>
}

/** How often an instance looks whether another's refresh is done (or its lease free). */
const LOOK_EVERY_MS = 100

export function createTokenKeeper(deps: {
  readonly installations: PipedriveInstallationStore
  readonly oauth: PipedriveOAuth
  readonly now: () => number
  /** Without it (one instance, tests), this process's single-flight is all there is. */
  readonly leases?: RefreshLeases | undefined
  readonly sleep?: ((ms: number) => Promise<void>) | undefined
}): TokenKeeper {
  const sleep =
    deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const inFlight = new Map<string, Promise<string>>()
  const stillFresh = (install: PipedriveInstallation) =>
    install.accessExpiresAt - REFRESH_MARGIN_MS > deps.now()
  const disconnected = () =>
    new PipedriveCallError('revoked', 'The Pipedrive installation is disconnected')

  /** The stored token once fresh, or undefined when still stale. @throws once disconnected. */
  async function storedFresh(install: PipedriveInstallation): Promise<string | undefined> {
    const current = await deps.installations.get(install.companyId, install.userId)
    if (current === undefined || current.status === 'disconnected') throw disconnected()
    return stillFresh(current) ? current.accessToken : undefined
  }

  /**
   * Another instance holds the lease: its token once stored, or the lease once it is free (the
   * holder failed, or died and its lease ran out), so that refreshes never overlap: two at once
   * with one refresh token could see Pipedrive refuse the second and disconnect a live install.
   */
  async function waitForOther(
    install: PipedriveInstallation,
    leases: RefreshLeases,
    key: string
  ): Promise<{ token: string } | { release: () => Promise<void> }> {
    for (;;) {
      await sleep(LOOK_EVERY_MS)
      const token = await storedFresh(install)
      if (token !== undefined) return { token }
      const release = await leases.take(key)
      if (release !== undefined) return { release }
    }
  }

  async function refresh(install: PipedriveInstallation): Promise<string> {
    // Another request (or instance) may have refreshed since this one read the installation.
    const stored = await storedFresh(install)
    if (stored !== undefined) return stored
    const key = `${install.companyId}:${install.userId}`
    let release = await deps.leases?.take(key)
    if (deps.leases !== undefined && release === undefined) {
      const waited = await waitForOther(install, deps.leases, key)
      if ('token' in waited) return waited.token
      release = waited.release
    }
    try {
      return await refreshNow(install)
    } finally {
      await release?.()
    }
  }

  async function refreshNow(install: PipedriveInstallation): Promise<string> {
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
