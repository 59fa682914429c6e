/**
 * Remembered choices: set, read back, replaced, cleared; kept apart by tenant, host, scope and
 * requester; never storing the requester; refused out of bounds; gone with their tenant.
 */
import { MAX_PROFILE_ID_LENGTH } from '@intilery-connect/core'
import { describe, expect, it } from 'vitest'

import { InvalidInputError } from '../errors.ts'
import type { ChoiceKey } from '../remembered-choices.ts'
import { START_MS, acme, globex, type UseContext } from './context.ts'

const EMAIL = 'sam.taylor@example.com'
const key = (overrides: Partial<ChoiceKey> = {}): ChoiceKey => ({
  tenantId: 'acme',
  host: 'zendesk',
  scope: 'acme:360001',
  requester: `email:${EMAIL}`,
  ...overrides,
})

export function registerRememberedChoiceTests(use: UseContext): void {
  describe('remembered choices', () => {
    it('round-trip, are replaced by a later choice, and cleared', async () => {
      const { store, db, clock } = use()
      await store.tenants.upsert(acme())
      expect(await store.choices.get(key())).toBeUndefined()
      expect(await store.choices.set(key(), 'profile-1')).toBe(true)
      expect(await store.choices.get(key())).toBe('profile-1')

      clock.ms = START_MS + 5_000
      expect(await store.choices.set(key(), 'profile-2')).toBe(true)
      expect(await store.choices.get(key())).toBe('profile-2')
      const rows = await db.selectFrom('remembered_choices').selectAll().execute()
      expect(rows).toHaveLength(1)
      expect(rows[0]?.updated_at).toBe(START_MS + 5_000)

      expect(await store.choices.clear(key())).toBe(true)
      expect(await store.choices.get(key())).toBeUndefined()
      expect(await store.choices.clear(key())).toBe(false)
    })

    it('are kept apart by tenant, host, scope and requester', async () => {
      const { store } = use()
      await store.tenants.upsert(acme())
      await store.tenants.upsert(globex())
      await store.choices.set(key(), 'chosen')
      for (const other of [
        key({ tenantId: 'globex' }),
        key({ host: 'pipedrive' }),
        key({ scope: 'acme:360002' }),
        key({ scope: 'acme-eu:360001' }),
        key({ requester: 'email:someone.else@example.com' }),
        key({ requester: `userId:${EMAIL}` }),
      ])
        expect(await store.choices.get(other)).toBeUndefined()
      expect(await store.choices.clear(key({ scope: 'acme:360002' }))).toBe(false)
      expect(await store.choices.get(key())).toBe('chosen')
    })

    it('store the requester only as a keyed hash', async () => {
      const { store, db } = use()
      await store.tenants.upsert(acme())
      await store.choices.set(key(), 'chosen')
      const rows = await db.selectFrom('remembered_choices').selectAll().execute()
      expect(rows).toHaveLength(1)
      expect(JSON.stringify(rows)).not.toContain('sam.taylor')
      expect(JSON.stringify(rows)).not.toContain('example.com')
      expect(rows[0]?.requester_hmac).toMatch(/^[A-Za-z0-9_-]{43}$/)
    })

    it('are not written for a tenant that does not exist', async () => {
      const { store, db } = use()
      expect(await store.choices.set(key({ tenantId: 'ghost' }), 'chosen')).toBe(false)
      expect(await db.selectFrom('remembered_choices').selectAll().execute()).toEqual([])
    })

    it('refuse ids, scopes and hosts out of bounds, writing nothing', async () => {
      const { store, db } = use()
      await store.tenants.upsert(acme())
      for (const write of [
        () => store.choices.set(key(), ''),
        () => store.choices.set(key(), 'x'.repeat(MAX_PROFILE_ID_LENGTH + 1)),
        () => store.choices.set(key({ scope: 'x'.repeat(201) }), 'chosen'),
        () => store.choices.set(key({ scope: '' }), 'chosen'),
        () => store.choices.set(key({ host: 'Zendesk; drop table' }), 'chosen'),
      ])
        await expect(write()).rejects.toBeInstanceOf(InvalidInputError)
      expect(await db.selectFrom('remembered_choices').selectAll().execute()).toEqual([])
    })

    it('go with their tenant', async () => {
      const { store, db } = use()
      await store.tenants.upsert(acme())
      await store.tenants.upsert(globex())
      await store.choices.set(key(), 'chosen')
      await store.choices.set(key({ tenantId: 'globex', scope: 'globex:1' }), 'theirs')
      expect(await store.tenants.remove('acme')).toBe(true)
      const rows = await db.selectFrom('remembered_choices').select('tenant_id').execute()
      expect(rows).toEqual([{ tenant_id: 'globex' }])
    })
  })
}
