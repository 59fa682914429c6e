import { describe, expect, it } from 'vitest'

import type {
  PipedriveInstallation,
  PipedriveInstallationStore,
  PipedriveTokens,
} from './installation-store.ts'
import { PipedriveCallError, type PipedriveOAuth, type TokenAnswer } from '../api/pipedrive-port.ts'
import { createTokenKeeper, REFRESH_MARGIN_MS } from './token-keeper.ts'

/** An in-memory store with the real one's contract (see install/installation-store.suite.ts). */
function memoryStore(initial: PipedriveInstallation): PipedriveInstallationStore {
  let row: PipedriveInstallation | undefined = initial
  return {
    save: (companyId: string, userId: string, tokens: PipedriveTokens) => {
      row = { companyId, userId, status: 'connected', ...tokens }
      return Promise.resolve()
    },
    get: () => Promise.resolve(row),
    anyConnected: () => Promise.resolve(row?.status === 'connected' ? row : undefined),
    apiDomainOf: () => Promise.resolve(row?.status === 'connected' ? row.apiDomain : undefined),
    anyShared: () => Promise.resolve(undefined),
    setShared: () => Promise.resolve(row !== undefined),
    markDisconnected: () => {
      if (row !== undefined) row = { ...row, status: 'disconnected' }
      return Promise.resolve()
    },
    remove: () => {
      const existed = row !== undefined
      row = undefined
      return Promise.resolve(existed)
    },
  }
}

const NOW = 1_000_000
const install = (expiresAt: number): PipedriveInstallation => ({
  companyId: '1001',
  userId: '2001',
  status: 'connected',
  accessToken: 'old-access',
  refreshToken: 'refresh-1',
  accessExpiresAt: expiresAt,
  apiDomain: 'https://acme.pipedrive.com',
})

function countingOAuth(answer: () => Promise<TokenAnswer>) {
  const calls = { refresh: 0 }
  const oauth: PipedriveOAuth = {
    exchangeCode: () => Promise.reject(new Error('not used')),
    refresh: () => {
      calls.refresh++
      return answer()
    },
  }
  return { oauth, calls }
}

const fresh: TokenAnswer = {
  access_token: 'new-access',
  refresh_token: 'refresh-1',
  expires_in: 3600,
  api_domain: 'https://acme.pipedrive.com',
}

describe('token keeper', () => {
  it('hands out the stored token while it has more than the margin left', async () => {
    const { oauth, calls } = countingOAuth(() => Promise.resolve(fresh))
    const current = install(NOW + REFRESH_MARGIN_MS + 1)
    const keeper = createTokenKeeper({ installations: memoryStore(current), oauth, now: () => NOW })
    expect(await keeper.accessToken(current)).toBe('old-access')
    expect(calls.refresh).toBe(0)
  })

  it('refreshes once for 50 concurrent calls at expiry, and stores the new expiry', async () => {
    const { oauth, calls } = countingOAuth(() => Promise.resolve(fresh))
    const current = install(NOW + 1_000)
    const installations = memoryStore(current)
    const keeper = createTokenKeeper({ installations, oauth, now: () => NOW })
    const tokens = await Promise.all(Array.from({ length: 50 }, () => keeper.accessToken(current)))
    expect(new Set(tokens)).toEqual(new Set(['new-access']))
    expect(calls.refresh).toBe(1)
    expect((await installations.get('1001', '2001'))?.accessExpiresAt).toBe(NOW + 3_600_000)
  })

  it('marks the installation disconnected when the refresh token is dead', async () => {
    const { oauth } = countingOAuth(() =>
      Promise.reject(new PipedriveCallError('revoked', 'refused'))
    )
    const current = install(NOW - 1)
    const installations = memoryStore(current)
    const keeper = createTokenKeeper({ installations, oauth, now: () => NOW })
    await expect(keeper.accessToken(current)).rejects.toMatchObject({ failure: 'revoked' })
    const after = await installations.get('1001', '2001')
    expect(after?.status).toBe('disconnected')
    await expect(keeper.accessToken(after ?? current)).rejects.toMatchObject({
      failure: 'revoked',
    })
  })

  it('keeps the installation connected when Pipedrive is merely unavailable', async () => {
    const { oauth } = countingOAuth(() =>
      Promise.reject(new PipedriveCallError('unavailable', 'down'))
    )
    const current = install(NOW - 1)
    const installations = memoryStore(current)
    const keeper = createTokenKeeper({ installations, oauth, now: () => NOW })
    await expect(keeper.accessToken(current)).rejects.toMatchObject({ failure: 'unavailable' })
    expect((await installations.get('1001', '2001'))?.status).toBe('connected')
  })
})
