/** Tenants: round trip, validation, sealing at rest, atomic replacement, host lookups. */
import { describe, expect, it } from 'vitest'

import { SecretBoxError } from '../../platform/crypto/secret-box.ts'
import { InvalidInputError, OwnershipConflictError } from '../errors.ts'
import type { TenantInput } from '../../wiring/relay-store.ts'
import {
  ACME_EU_SECRET,
  ACME_SECRET,
  ACME_TOKEN,
  START_MS,
  acme,
  globex,
  type UseContext,
} from './context.ts'

export function registerTenantTests(use: UseContext): void {
  describe('tenants', () => {
    it('round-trips upsert, get, list and remove', async () => {
      const { store, clock } = use()
      expect(await store.tenants.upsert(acme())).toEqual({ created: true })
      const created = new Date(START_MS)
      expect(await store.tenants.get('acme')).toEqual({
        id: 'acme',
        name: 'Acme Ltd',
        intilery: {
          baseUrl: 'https://api.intilery.example',
          clientId: 'client-acme',
          accountId: 'account-acme',
          brandId: 'brand-acme',
          authToken: ACME_TOKEN,
        },
        zendesk: [
          { subdomain: 'acme', sharedSecret: ACME_SECRET },
          { subdomain: 'acme-eu', sharedSecret: ACME_EU_SECRET },
        ],
        pipedriveCompanyIds: ['1001'],
        writeback: { enabled: false },
        createdAt: created,
        updatedAt: created,
      })

      clock.ms = START_MS + 60_000
      expect(await store.tenants.upsert(acme({ name: 'Acme Group' }))).toEqual({ created: false })
      await store.tenants.upsert(globex())
      const listed = await store.tenants.list()
      expect(listed).toEqual([
        {
          id: 'acme',
          name: 'Acme Group',
          intilery: {
            baseUrl: 'https://api.intilery.example',
            clientId: 'client-acme',
            accountId: 'account-acme',
            brandId: 'brand-acme',
          },
          zendeskSubdomains: ['acme', 'acme-eu'],
          pipedriveCompanyIds: ['1001'],
          writeback: { enabled: false },
          createdAt: created,
          updatedAt: new Date(START_MS + 60_000),
        },
        expect.objectContaining({ id: 'globex', zendeskSubdomains: ['globex'] }),
      ])
      const listedText = JSON.stringify(listed)
      for (const secret of [ACME_TOKEN, ACME_SECRET, ACME_EU_SECRET, 'v1.']) {
        expect(listedText).not.toContain(secret)
      }

      expect(await store.tenants.remove('acme')).toBe(true)
      expect(await store.tenants.get('acme')).toBeUndefined()
      expect(await store.tenants.remove('acme')).toBe(false)
      expect((await store.tenants.list()).map((t) => t.id)).toEqual(['globex'])
    })

    it.each<[string, (input: TenantInput) => unknown, string]>([
      [
        'a non-http base URL',
        (t) => ({ ...t, intilery: { ...t.intilery, baseUrl: 'ftp://x' } }),
        'intilery.baseUrl',
      ],
      [
        'a subdomain that is not a DNS label',
        (t) => ({ ...t, zendesk: [{ subdomain: 'a.b', sharedSecret: 's' }] }),
        'zendesk.0.subdomain',
      ],
      [
        'the same subdomain twice in different case',
        (t) => ({
          ...t,
          zendesk: [
            { subdomain: 'Acme', sharedSecret: 's' },
            { subdomain: 'acme', sharedSecret: 't' },
          ],
        }),
        'zendesk',
      ],
      ['an id that would break the sealing context', (t) => ({ ...t, id: 'acme:evil' }), 'id'],
      [
        'an empty auth token',
        (t) => ({ ...t, intilery: { ...t.intilery, authToken: '' } }),
        'intilery.authToken',
      ],
      [
        'a non-numeric Pipedrive company',
        (t) => ({ ...t, pipedriveCompanyIds: ['abc'] }),
        'pipedriveCompanyIds.0',
      ],
      ['an unknown field', (t) => ({ ...t, extra: true }), ''],
    ])('rejects %s and writes nothing', async (_, mutate, path) => {
      const { store } = use()
      const error = await store.tenants
        .upsert(mutate(acme()) as TenantInput)
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(InvalidInputError)
      expect((error as InvalidInputError).issues.map((issue) => issue.path)).toContain(path)
      expect((error as InvalidInputError).message).not.toContain(ACME_TOKEN)
      expect(await store.tenants.list()).toEqual([])
    })

    it('stores secrets sealed, bound to their own row', async () => {
      const { db, store } = use()
      await store.tenants.upsert(acme())
      await store.tenants.upsert(globex())
      const row = await db
        .selectFrom('tenants')
        .selectAll()
        .where('id', '=', 'acme')
        .executeTakeFirstOrThrow()
      expect(JSON.stringify(row)).not.toContain(ACME_TOKEN)
      expect(row.intilery_token_sealed).toMatch(/^v1\./)
      const installs = await db.selectFrom('tenant_links').selectAll().execute()
      const installText = JSON.stringify(installs)
      expect(installText).not.toContain(ACME_SECRET)
      expect(installText).not.toContain(ACME_EU_SECRET)

      // The same sealed token under another tenant id does not open.
      await db
        .insertInto('tenants')
        .values({ ...row, id: 'copycat' })
        .execute()
      await expect(store.tenants.get('copycat')).rejects.toBeInstanceOf(SecretBoxError)
      // Nor does an install moved to another tenant.
      await db
        .updateTable('tenant_links')
        .set({ tenant_id: 'globex' })
        .where('host', '=', 'zendesk')
        .where('account_id', '=', 'acme')
        .execute()
      await expect(store.tenants.findByLink('zendesk', 'acme')).rejects.toBeInstanceOf(
        SecretBoxError
      )
    })

    it('replaces installs and companies as a whole', async () => {
      const { db, store, clock } = use()
      await store.tenants.upsert(acme())
      clock.ms = START_MS + 1_000
      await store.tenants.upsert(
        acme({
          zendesk: [
            { subdomain: 'acme-eu', sharedSecret: 'rotated-eu' },
            { subdomain: 'acme-us', sharedSecret: 'new-us' },
          ],
          pipedriveCompanyIds: ['1002', '1003'],
        })
      )
      const tenant = await store.tenants.get('acme')
      expect(tenant?.zendesk).toEqual([
        { subdomain: 'acme-eu', sharedSecret: 'rotated-eu' },
        { subdomain: 'acme-us', sharedSecret: 'new-us' },
      ])
      expect(tenant?.pipedriveCompanyIds).toEqual(['1002', '1003'])
      expect(await store.tenants.findByLink('zendesk', 'acme')).toBeUndefined()
      expect(await store.tenants.findByLink('pipedrive', '1001')).toBeUndefined()
      expect((await store.tenants.findByLink('pipedrive', '1003'))?.tenant.id).toBe('acme')
      const added = await db
        .selectFrom('tenant_links')
        .select(['account_id as subdomain', 'created_at'])
        .where('host', '=', 'zendesk')
        .orderBy('account_id')
        .execute()
      expect(added).toEqual([
        { subdomain: 'acme-eu', created_at: START_MS },
        { subdomain: 'acme-us', created_at: START_MS + 1_000 },
      ])
    })

    it('rolls the whole upsert back when a subdomain or company belongs to another tenant', async () => {
      const { store } = use()
      await store.tenants.upsert(acme())
      await store.tenants.upsert(globex())
      const before = await store.tenants.get('acme')

      const subdomainClash = acme({
        name: 'Renamed',
        zendesk: [
          { subdomain: 'acme-new', sharedSecret: 'x' },
          { subdomain: 'GLOBEX', sharedSecret: 'y' },
        ],
      })
      const error = await store.tenants.upsert(subdomainClash).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(OwnershipConflictError)
      expect(error).toMatchObject({
        kind: 'zendesk subdomain',
        value: 'globex',
        ownerTenantId: 'globex',
      })
      await expect(
        store.tenants.upsert(acme({ pipedriveCompanyIds: ['2002'] }))
      ).rejects.toMatchObject({
        kind: 'pipedrive company',
        ownerTenantId: 'globex',
      })

      expect(await store.tenants.get('acme')).toEqual(before)
      expect((await store.tenants.findByLink('zendesk', 'globex'))?.tenant.id).toBe('globex')
      expect((await store.tenants.findByLink('pipedrive', '2002'))?.tenant.id).toBe('globex')
    })

    it('finds a tenant by Zendesk subdomain whatever its case', async () => {
      const { db, store } = use()
      await store.tenants.upsert(
        acme({ zendesk: [{ subdomain: 'Acme-Support', sharedSecret: ACME_SECRET }] })
      )
      const stored = await db
        .selectFrom('tenant_links')
        .select('account_id as subdomain')
        .where('host', '=', 'zendesk')
        .execute()
      expect(stored).toEqual([{ subdomain: 'acme-support' }])
      for (const asked of ['acme-support', 'ACME-SUPPORT', 'Acme-Support']) {
        const found = await store.tenants.findByLink('zendesk', asked)
        expect(found?.tenant.id).toBe('acme')
        expect(found?.secret).toBe(ACME_SECRET)
      }
      for (const asked of ['acme', 'acme-support.zendesk.com', '', 'acme%2dsupport']) {
        expect(await store.tenants.findByLink('zendesk', asked)).toBeUndefined()
      }
    })

    it('finds a tenant by Pipedrive company', async () => {
      const { store } = use()
      await store.tenants.upsert(acme())
      await store.tenants.upsert(globex())
      expect((await store.tenants.findByLink('pipedrive', '1001'))?.tenant.intilery.authToken).toBe(
        ACME_TOKEN
      )
      expect((await store.tenants.findByLink('pipedrive', '2002'))?.tenant.id).toBe('globex')
      expect(await store.tenants.findByLink('pipedrive', '9999')).toBeUndefined()
      expect(await store.tenants.findByLink('pipedrive', 'not-a-number')).toBeUndefined()
    })

    it('rotates a Zendesk shared secret', async () => {
      const { db, store, clock } = use()
      await store.tenants.upsert(acme())
      clock.ms = START_MS + 5_000
      expect(
        await store.tenants.rotateLinkSecret('zendesk', 'ACME', 'rotated-secret-PLAINTEXT')
      ).toBe(true)
      expect((await store.tenants.findByLink('zendesk', 'acme'))?.secret).toBe(
        'rotated-secret-PLAINTEXT'
      )
      expect((await store.tenants.findByLink('zendesk', 'acme-eu'))?.secret).toBe(ACME_EU_SECRET)
      expect((await store.tenants.get('acme'))?.updatedAt).toEqual(new Date(START_MS + 5_000))
      const rows = await db.selectFrom('tenant_links').selectAll().execute()
      expect(JSON.stringify(rows)).not.toContain('rotated-secret-PLAINTEXT')

      expect(await store.tenants.rotateLinkSecret('zendesk', 'nobody', 'x')).toBe(false)
      expect(await store.tenants.rotateLinkSecret('zendesk', 'not a subdomain', 'x')).toBe(false)
      await expect(store.tenants.rotateLinkSecret('zendesk', 'acme', '')).rejects.toBeInstanceOf(
        InvalidInputError
      )
      expect((await store.tenants.findByLink('zendesk', 'acme'))?.secret).toBe(
        'rotated-secret-PLAINTEXT'
      )
    })

    it('links a Pipedrive company to a tenant once, never to a second tenant', async () => {
      const { store } = use()
      await store.tenants.upsert(acme())
      await store.tenants.upsert(globex())
      expect(await store.tenants.link('pipedrive', 'globex', '3003')).toBe(true)
      expect((await store.tenants.findByLink('pipedrive', '3003'))?.tenant.id).toBe('globex')
      expect(await store.tenants.link('pipedrive', 'globex', '3003')).toBe(true)
      await expect(store.tenants.link('pipedrive', 'acme', '3003')).rejects.toBeInstanceOf(
        OwnershipConflictError
      )
      expect(await store.tenants.link('pipedrive', 'nobody', '4004')).toBe(false)
      expect(await store.tenants.findByLink('pipedrive', '4004')).toBeUndefined()
    })
  })
}
