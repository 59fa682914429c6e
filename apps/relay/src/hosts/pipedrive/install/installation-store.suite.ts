/** Pipedrive installations: sealed tokens per (company, user), status, uninstall. */
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'

import type { SuiteContext, UseContext } from '../../../store/suite/context.ts'
import { createPipedriveInstallationStore, type PipedriveTables } from './installation-store.ts'

/** The installations store over the suite's database, crypto and clock. */
const installationsOf = ({
  db,
  secretBox,
  clock,
}: Pick<SuiteContext, 'db' | 'secretBox' | 'clock'>) =>
  createPipedriveInstallationStore({ db, secretBox, now: () => clock.ms })

const ACCESS = 'v1u:pipedrive-access-do-not-store-in-clear'
const REFRESH = 'v1r:pipedrive-refresh-do-not-store-in-clear'
const tokens = (expiresAt = 1_000) => ({
  accessToken: ACCESS,
  refreshToken: REFRESH,
  accessExpiresAt: expiresAt,
  apiDomain: 'https://acme.pipedrive.com',
})

export function registerPipedriveTests(use: UseContext): void {
  describe('pipedrive installations', () => {
    it('keeps tokens sealed at rest and opens them for their own installation', async () => {
      const { db, secretBox, clock } = use()
      const store = { pipedriveInstallations: installationsOf({ db, secretBox, clock }) }
      await store.pipedriveInstallations.save('1001', '2001', tokens())
      const raw = await sql<Record<string, unknown>>`select * from pipedrive_installations`.execute(
        db
      )
      const text = JSON.stringify(raw.rows)
      expect(text).not.toContain(ACCESS)
      expect(text).not.toContain(REFRESH)
      expect(await store.pipedriveInstallations.get('1001', '2001')).toEqual({
        companyId: '1001',
        userId: '2001',
        status: 'connected',
        ...tokens(),
      })
      expect(await store.pipedriveInstallations.get('1001', '2002')).toBeUndefined()
    })

    it('will not open one user’s sealed tokens as another’s', async () => {
      const { db, secretBox, clock } = use()
      const store = { pipedriveInstallations: installationsOf({ db, secretBox, clock }) }
      await store.pipedriveInstallations.save('1001', '2001', tokens())
      await store.pipedriveInstallations.save('1001', '2002', tokens())
      const tables = db.withTables<PipedriveTables>()
      const first = await tables
        .selectFrom('pipedrive_installations')
        .select(['access_token_sealed'])
        .where('user_id', '=', '2001')
        .executeTakeFirstOrThrow()
      await tables
        .updateTable('pipedrive_installations')
        .set({ access_token_sealed: first.access_token_sealed })
        .where('user_id', '=', '2002')
        .execute()
      await expect(store.pipedriveInstallations.get('1001', '2002')).rejects.toThrow(/did not open/)
    })

    it('reinstalling reconnects and replaces the tokens; disconnecting and removing work per user', async () => {
      const { db, secretBox, clock } = use()
      const store = { pipedriveInstallations: installationsOf({ db, secretBox, clock }) }
      const installs = store.pipedriveInstallations
      await installs.save('1001', '2001', tokens(1_000))
      await installs.markDisconnected('1001', '2001')
      expect((await installs.get('1001', '2001'))?.status).toBe('disconnected')
      expect(await installs.anyConnected('1001')).toBeUndefined()
      expect(await installs.apiDomainOf('1001')).toBeUndefined()
      await installs.save('1001', '2001', tokens(5_000))
      expect(await installs.get('1001', '2001')).toMatchObject({
        status: 'connected',
        accessExpiresAt: 5_000,
      })
      expect((await installs.anyConnected('1001'))?.userId).toBe('2001')
      expect(await installs.apiDomainOf('1001')).toBe(
        (await installs.anyConnected('1001'))?.apiDomain
      )
      expect(await installs.remove('1001', '2001')).toBe(true)
      expect(await installs.remove('1001', '2001')).toBe(false)
      expect(await installs.get('1001', '2001')).toBeUndefined()
    })

    it('lends an installation to shared panels only while its user shares them', async () => {
      const { db, secretBox, clock } = use()
      const store = { pipedriveInstallations: installationsOf({ db, secretBox, clock }) }
      const installs = store.pipedriveInstallations
      await installs.save('1001', '2001', tokens(1_000))
      expect(await installs.anyShared('1001')).toBeUndefined()
      expect(await installs.setShared('1001', '2001', true)).toBe(true)
      expect((await installs.anyShared('1001'))?.userId).toBe('2001')
      await installs.save('1001', '2001', tokens(2_000))
      expect((await installs.anyShared('1001'))?.userId).toBe('2001')
      await installs.markDisconnected('1001', '2001')
      expect(await installs.anyShared('1001')).toBeUndefined()
      await installs.save('1001', '2001', tokens(3_000))
      expect(await installs.setShared('1001', '2001', false)).toBe(true)
      expect(await installs.anyShared('1001')).toBeUndefined()
      expect(await installs.setShared('1001', '2999', true)).toBe(false)
    })
  })
}
