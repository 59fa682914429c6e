/** API keys: issue, verify, reject, revoke, list; stored as a hash only. */
import { describe, expect, it } from 'vitest'

import { InvalidInputError, UnknownTenantError } from '../errors.ts'
import { START_MS, acme, globex, type UseContext } from './context.ts'

const KEY_SHAPE = /^icr_[0-9a-f]{18}_[A-Za-z0-9_-]{43}$/

export function registerApiKeyTests(use: UseContext): void {
  describe('api keys', () => {
    it('imports a key of another format, verifies it, stores only its hash, and revokes it', async () => {
      const { store, db } = use()
      await store.tenants.upsert(acme())
      const { id } = await store.apiKeys.import('acme', {
        key: 'demo-api-key',
        name: 'demo',
        traitAllowlist: '*',
      })
      expect(id).toMatch(/^imp_/)
      expect(await store.apiKeys.verify('demo-api-key')).toEqual({
        id,
        tenantId: 'acme',
        name: 'demo',
        traitAllowlist: '*',
        scopes: ['profiles'],
      })
      expect(await store.apiKeys.verify('demo-api-kez')).toBeUndefined()
      const rows = JSON.stringify(await db.selectFrom('api_keys').selectAll().execute())
      expect(rows).not.toContain('demo-api-key')
      expect(await store.apiKeys.revoke(id)).toBe(true)
      expect(await store.apiKeys.verify('demo-api-key')).toBeUndefined()
    })

    it('finds a key by its whole value, revoked or not, and nothing for a wrong secret', async () => {
      const { store, clock } = use()
      await store.tenants.upsert(acme())
      const { id: imported } = await store.apiKeys.import('acme', {
        key: 'demo-api-key',
        name: 'demo',
        traitAllowlist: '*',
      })
      const { id, key } = await store.apiKeys.create('acme', { name: 'svc', traitAllowlist: '*' })
      clock.ms = START_MS + 5
      await store.apiKeys.revoke(imported)
      expect(await store.apiKeys.find('demo-api-key')).toEqual({
        id: imported,
        tenantId: 'acme',
        name: 'demo',
        traitAllowlist: '*',
        scopes: ['profiles'],
        createdAt: new Date(START_MS),
        revokedAt: new Date(START_MS + 5),
      })
      expect((await store.apiKeys.find(key))?.id).toBe(id)
      expect(
        await store.apiKeys.find(`${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`)
      ).toBeUndefined()
      expect(await store.apiKeys.find('demo-api-kez')).toBeUndefined()
    })

    it('refuses to import a key of its own shape, which it could never verify', async () => {
      const { store } = use()
      await store.tenants.upsert(acme())
      const { key } = await store.apiKeys.create('acme', { name: 'svc', traitAllowlist: '*' })
      const imported = `icr_${'0'.repeat(18)}_${key.slice(-43)}`
      await expect(
        store.apiKeys.import('acme', { key: imported, name: 'x', traitAllowlist: '*' })
      ).rejects.toThrow('has the shape of a key this relay creates')
    })

    it('refuses to import a short key or one for an unknown tenant', async () => {
      const { store } = use()
      await store.tenants.upsert(acme())
      await expect(
        store.apiKeys.import('acme', { key: 'short', name: 'x', traitAllowlist: '*' })
      ).rejects.toThrow(InvalidInputError)
      await expect(
        store.apiKeys.import('nobody', { key: 'long-enough-key', name: 'x', traitAllowlist: '*' })
      ).rejects.toThrow(UnknownTenantError)
    })

    it('issues a key that verifies to its tenant, name and allowlist', async () => {
      const { store } = use()
      await store.tenants.upsert(acme())
      const issued = await store.apiKeys.create('acme', {
        name: 'personalization/prod',
        traitAllowlist: ['email', 'first_name'],
      })
      expect(issued.key).toMatch(KEY_SHAPE)
      expect(issued.key.slice(4, 22)).toBe(issued.id)
      expect(await store.apiKeys.verify(issued.key)).toEqual({
        id: issued.id,
        tenantId: 'acme',
        name: 'personalization/prod',
        traitAllowlist: ['email', 'first_name'],
        scopes: ['profiles'],
      })

      const all = await store.apiKeys.create('acme', { name: 'all traits', traitAllowlist: '*' })
      expect(all.id).not.toBe(issued.id)
      expect((await store.apiKeys.verify(all.key))?.traitAllowlist).toBe('*')
    })

    it('keeps the scopes a key is given, `profiles` by default and for keys from before scopes', async () => {
      const { store, db } = use()
      await store.tenants.upsert(acme())
      const both = await store.apiKeys.create('acme', {
        name: 'recs',
        traitAllowlist: '*',
        scopes: ['profiles', 'recommendations'],
      })
      expect((await store.apiKeys.verify(both.key))?.scopes).toEqual([
        'profiles',
        'recommendations',
      ])
      const old = await store.apiKeys.create('acme', { name: 'old', traitAllowlist: '*' })
      await db.updateTable('api_keys').set({ scopes: null }).where('id', '=', old.id).execute()
      expect((await store.apiKeys.verify(old.key))?.scopes).toEqual(['profiles'])
      expect((await store.apiKeys.list('acme')).map((k) => k.scopes).sort()).toEqual([
        ['profiles'],
        ['profiles', 'recommendations'],
      ])
      for (const scopes of [[], ['admin'], ['profiles', 'profiles']]) {
        await expect(
          store.apiKeys.create('acme', { name: 'x', traitAllowlist: '*', scopes: scopes as never })
        ).rejects.toBeInstanceOf(InvalidInputError)
      }
    })

    it('fails a request rather than guess when a stored scope list is damaged', async () => {
      const { store, db } = use()
      await store.tenants.upsert(acme())
      const { id, key } = await store.apiKeys.create('acme', { name: 'k', traitAllowlist: '*' })
      for (const damaged of ['not json', '["admin"]', '[]']) {
        await db.updateTable('api_keys').set({ scopes: damaged }).where('id', '=', id).execute()
        await expect(store.apiKeys.verify(key), damaged).rejects.toThrow(/scopes/)
      }
    })

    it('changes an unrevoked key’s traits and scopes, never a revoked one’s', async () => {
      const { store } = use()
      await store.tenants.upsert(acme())
      const { id, key } = await store.apiKeys.create('acme', { name: 'k', traitAllowlist: ['a'] })
      expect(
        await store.apiKeys.setGrant(id, { traitAllowlist: ['b'], scopes: ['recommendations'] })
      ).toBe(true)
      expect(await store.apiKeys.verify(key)).toMatchObject({
        traitAllowlist: ['b'],
        scopes: ['recommendations'],
      })
      await store.apiKeys.revoke(id)
      expect(await store.apiKeys.setGrant(id, { traitAllowlist: '*' })).toBe(false)
      expect(await store.apiKeys.setGrant('nope', { traitAllowlist: '*' })).toBe(false)
      expect((await store.apiKeys.find(key))?.traitAllowlist).toEqual(['b'])
    })

    it('rejects a wrong secret, an unknown id and anything malformed', async () => {
      const { store } = use()
      await store.tenants.upsert(acme())
      const { id, key } = await store.apiKeys.create('acme', { name: 'k', traitAllowlist: '*' })
      const secret = key.slice(23)
      const otherSecret = secret.startsWith('A') ? `B${secret.slice(1)}` : `A${secret.slice(1)}`
      const rejected = [
        `icr_${id}_${otherSecret}`,
        `icr_${'b'.repeat(18)}_${secret}`,
        '',
        'icr_',
        `${key}x`,
        key.slice(0, -1),
        `Bearer ${key}`,
        ` ${key}`,
        key.replace('icr_', 'icx_'),
        `icr_${id}.${secret}`,
        `icr_${id}_${secret.slice(0, -1)}=`,
      ]
      for (const candidate of rejected) {
        expect(await store.apiKeys.verify(candidate), candidate).toBeUndefined()
      }
      expect(await store.apiKeys.verify(key)).toBeDefined()
    })

    it('stores only a keyed hash of the secret', async () => {
      const { db, store, hasher } = use()
      await store.tenants.upsert(acme())
      const { id, key } = await store.apiKeys.create('acme', {
        name: 'k',
        traitAllowlist: ['email'],
      })
      const secret = key.slice(23)
      const row = await db
        .selectFrom('api_keys')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      expect(JSON.stringify(row)).not.toContain(secret)
      expect(row.secret_hash).toBe(await hasher(secret))
      expect(row.trait_allowlist).toBe('["email"]')
    })

    it('revokes at once, and only once', async () => {
      const { store, clock } = use()
      await store.tenants.upsert(acme())
      const revoked = await store.apiKeys.create('acme', { name: 'old', traitAllowlist: '*' })
      const kept = await store.apiKeys.create('acme', { name: 'new', traitAllowlist: '*' })
      expect(await store.apiKeys.verify(revoked.key)).toBeDefined()

      clock.ms = START_MS + 10_000
      expect(await store.apiKeys.revoke(revoked.id)).toBe(true)
      expect(await store.apiKeys.verify(revoked.key)).toBeUndefined()
      expect(await store.apiKeys.verify(kept.key)).toBeDefined()
      expect(await store.apiKeys.revoke(revoked.id)).toBe(false)
      expect(await store.apiKeys.revoke('no-such-key0')).toBe(false)
      const listed = await store.apiKeys.list('acme')
      expect(listed.find((k) => k.id === revoked.id)?.revokedAt).toEqual(
        new Date(START_MS + 10_000)
      )
    })

    it("lists a tenant's keys without secrets or hashes", async () => {
      const { store, clock } = use()
      await store.tenants.upsert(acme())
      await store.tenants.upsert(globex())
      const first = await store.apiKeys.create('acme', { name: 'first', traitAllowlist: ['email'] })
      clock.ms = START_MS + 1
      const second = await store.apiKeys.create('acme', { name: 'second', traitAllowlist: '*' })
      await store.apiKeys.create('globex', { name: 'theirs', traitAllowlist: '*' })

      const listed = await store.apiKeys.list('acme')
      expect(listed).toEqual([
        {
          id: first.id,
          tenantId: 'acme',
          name: 'first',
          traitAllowlist: ['email'],
          scopes: ['profiles'],
          createdAt: new Date(START_MS),
          revokedAt: undefined,
        },
        {
          id: second.id,
          tenantId: 'acme',
          name: 'second',
          traitAllowlist: '*',
          scopes: ['profiles'],
          createdAt: new Date(START_MS + 1),
          revokedAt: undefined,
        },
      ])
      const text = JSON.stringify(listed)
      expect(text).not.toContain(first.key.slice(23))
      expect(text).not.toContain('hash')
      expect(await store.apiKeys.list('nobody')).toEqual([])
    })

    it('refuses keys for unknown tenants and bad input', async () => {
      const { store } = use()
      await expect(
        store.apiKeys.create('ghost', { name: 'k', traitAllowlist: '*' })
      ).rejects.toBeInstanceOf(UnknownTenantError)
      await store.tenants.upsert(acme())
      await expect(
        store.apiKeys.create('acme', { name: '', traitAllowlist: '*' })
      ).rejects.toBeInstanceOf(InvalidInputError)
      await expect(
        store.apiKeys.create('acme', { name: 'k', traitAllowlist: ['email', 'email'] })
      ).rejects.toBeInstanceOf(InvalidInputError)
      expect(await store.apiKeys.list('acme')).toEqual([])
    })

    it('fails closed on a stored allowlist it cannot read', async () => {
      const { db, store } = use()
      await store.tenants.upsert(acme())
      const { id, key } = await store.apiKeys.create('acme', {
        name: 'k',
        traitAllowlist: ['email'],
        scopes: ['profiles'],
      })
      await db
        .updateTable('api_keys')
        .set({ trait_allowlist: '"everything"' })
        .where('id', '=', id)
        .execute()
      await expect(store.apiKeys.verify(key)).rejects.toMatchObject({ code: 'internal' })
    })
  })
}
