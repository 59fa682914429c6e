// Two relay instances on one database, both finding an installation's Pipedrive token expired at
// once: one refreshes it, the other waits for the token it stores.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { createSecretBox } from '../../../platform/crypto/secret-box.ts'
import { openDatabase } from '../../../store/database.ts'
import { openPgliteDatabase } from '../../../store/pglite-dialect.ts'
import { ENCRYPTION_KEY } from '../../../store/suite/context.ts'
import { deferred } from '../../../upstream/testing/fake-intilery.ts'
import { migrateRelayDatabase } from '../../../wiring/relay-store.ts'
import type { PipedriveOAuth, TokenAnswer } from '../api/pipedrive-port.ts'
import { createPipedriveInstallationStore } from './installation-store.ts'
import { createRefreshLeases } from './refresh-leases.ts'
import { createTokenKeeper } from './token-keeper.ts'

const NOW = 1_000_000
const closing: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closing.splice(0)) await close()
})

const fresh: TokenAnswer = {
  access_token: 'new-access',
  refresh_token: 'refresh-2',
  expires_in: 3600,
  api_domain: 'https://acme.pipedrive.com',
}

/** Waits begun by instances' token keepers (for another's refresh), across the test. */
let waits = 0

/** An instance's token keeper on the shared database; `wake` ends every wait of its lookers. */
async function instanceAt(path: string, oauth: PipedriveOAuth, wake: Promise<void>) {
  const db = openDatabase(path)
  await migrateRelayDatabase(db)
  closing.push(() => db.destroy())
  const installations = createPipedriveInstallationStore({
    db,
    secretBox: await createSecretBox(ENCRYPTION_KEY),
    now: () => NOW,
  })
  const keeper = createTokenKeeper({
    installations,
    oauth,
    now: () => NOW,
    leases: createRefreshLeases({ db, now: () => NOW, leaseMs: 9_000 }),
    sleep: () => {
      waits += 1
      return wake
    },
  })
  return { installations, keeper }
}

function slowOAuth() {
  const calls = { refresh: 0 }
  const answer = deferred<TokenAnswer>()
  const oauth: PipedriveOAuth = {
    exchangeCode: () => Promise.reject(new Error('not used')),
    refresh: () => {
      calls.refresh += 1
      return answer.promise
    },
  }
  return { oauth, calls, answer }
}

async function expiredInstall(path: string, oauth: PipedriveOAuth, wake: Promise<void>) {
  const one = await instanceAt(path, oauth, wake)
  await one.installations.save('1001', '2001', {
    accessToken: 'old-access',
    refreshToken: 'refresh-1',
    accessExpiresAt: NOW - 1,
    apiDomain: 'https://acme.pipedrive.com',
  })
  const install = await one.installations.get('1001', '2001')
  if (install === undefined) throw new Error('not saved')
  return { one, install }
}

describe('refreshing across instances', () => {
  it('refreshes once; the other instance takes the token the first stored', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'relay-refresh-')), 'relay.db')
    const { oauth, calls, answer } = slowOAuth()
    const wake = deferred<void>()
    const { one, install } = await expiredInstall(path, oauth, wake.promise)
    const two = await instanceAt(path, oauth, wake.promise)
    const first = one.keeper.accessToken(install)
    await expect.poll(() => calls.refresh).toBe(1)
    waits = 0
    const second = two.keeper.accessToken(install)
    // The second instance finds the lease taken and waits, rather than refreshing too.
    await expect.poll(() => waits > 0 || calls.refresh > 1).toBe(true)
    expect(calls.refresh).toBe(1)
    answer.resolve(fresh)
    expect(await first).toBe('new-access')
    wake.resolve()
    expect(await second).toBe('new-access')
    expect(calls.refresh).toBe(1)
  })

  it('refreshes itself once the holder gives the lease up without a token, never alongside it', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'relay-refresh-')), 'relay.db')
    const failing = slowOAuth()
    const { one, install } = await expiredInstall(path, failing.oauth, Promise.resolve())
    const working = slowOAuth()
    const two = await instanceAt(path, working.oauth, Promise.resolve())
    const first = one.keeper.accessToken(install).catch((e: unknown) => e)
    await expect.poll(() => failing.calls.refresh).toBe(1)
    waits = 0
    const second = two.keeper.accessToken(install)
    // While the first holds the lease, the second only looks.
    await expect.poll(() => waits).toBeGreaterThan(3)
    expect(working.calls.refresh).toBe(0)
    failing.answer.reject(new Error('Pipedrive did not answer'))
    expect(await first).toBeInstanceOf(Error)
    working.answer.resolve(fresh)
    expect(await second).toBe('new-access')
    expect(working.calls.refresh).toBe(1)
  })
})

describe('refresh leases', () => {
  it('are held by one at a time, given back by their holder, and run out (Postgres, PGlite)', async () => {
    const db = openPgliteDatabase()
    await migrateRelayDatabase(db)
    closing.push(() => db.destroy())
    const clock = { ms: NOW }
    const leases = createRefreshLeases({ db, now: () => clock.ms, leaseMs: 9_000 })
    const release = await leases.take('1001:2001')
    expect(release).toBeDefined()
    expect(await leases.take('1001:2001')).toBeUndefined()
    expect(await leases.take('1001:2002')).toBeDefined()
    await release?.()
    expect(await leases.take('1001:2001')).toBeDefined()
    clock.ms += 9_000
    expect(await leases.take('1001:2001')).toBeDefined()
  })
})
