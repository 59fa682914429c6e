/** Personalization sites: created with a secret shown once and sealed, declared, listed, removed. */
import { describe, expect, it } from 'vitest'

import { InvalidInputError, UnknownTenantError } from '../errors.ts'
import { acme, globex, type UseContext } from './context.ts'

const SHOP = {
  name: 'Shop',
  origins: ['https://shop.example'],
  traits: ['first_name', 'favorite_blog_category'],
  audiences: { 'aud-1': 'VIP shoppers' },
  recommendations: true,
}
const DECLARED_SECRET = 'declared-site-secret-do-not-store-in-clear-0123'

export function registerSiteTests(use: UseContext): void {
  describe('personalization sites', () => {
    it('creates a site whose secret is shown once, sealed at rest, and opened for checking', async () => {
      const { store, db } = use()
      await store.tenants.upsert(acme())
      const { id, secret } = await store.sites.create('acme', SHOP)
      expect(id).toMatch(/^site_[0-9a-f]{12}$/)
      expect(secret.length).toBeGreaterThanOrEqual(43)
      expect(await store.sites.get(id)).toEqual({
        id,
        tenantId: 'acme',
        ...SHOP,
        declared: false,
        secret,
      })
      const rows = JSON.stringify(
        await db.selectFrom('personalization_sites').selectAll().execute()
      )
      expect(rows).not.toContain(secret)
      expect(await store.sites.list('acme')).toEqual([
        { id, tenantId: 'acme', ...SHOP, declared: false },
      ])
      expect(JSON.stringify(await store.sites.list('acme'))).not.toContain(secret)
    })

    it('answers which origins any site allows, and forgets a removed site', async () => {
      const { store } = use()
      await store.tenants.upsert(acme())
      const { id } = await store.sites.create('acme', { ...SHOP, id: 'shop' })
      expect(id).toBe('shop')
      expect((await store.sites.allOrigins()).has('https://shop.example')).toBe(true)
      expect((await store.sites.allOrigins()).has('https://evil.example')).toBe(false)
      expect(await store.sites.remove('shop')).toBe(true)
      expect(await store.sites.remove('shop')).toBe(false)
      expect(await store.sites.get('shop')).toBeUndefined()
      expect((await store.sites.allOrigins()).has('https://shop.example')).toBe(false)
    })

    it('declares a site from a tenants file, and brings it up to date', async () => {
      const { store } = use()
      await store.tenants.upsert(acme())
      const declared = { ...SHOP, id: 'demo-shop', secret: DECLARED_SECRET }
      expect(await store.sites.declare('acme', declared)).toEqual({ created: true })
      expect(
        await store.sites.declare('acme', {
          ...declared,
          traits: ['first_name'],
          recommendations: false,
        })
      ).toEqual({ created: false })
      expect(await store.sites.get('demo-shop')).toMatchObject({
        traits: ['first_name'],
        recommendations: false,
        secret: DECLARED_SECRET,
      })
      await store.tenants.upsert(globex())
      await expect(store.sites.declare('globex', declared)).rejects.toThrow(/another tenant/)
      await expect(
        store.sites.declare('acme', { ...declared, secret: 'short' })
      ).rejects.toBeInstanceOf(InvalidInputError)
    })

    it('retires declared sites the file no longer lists, never a site made by hand', async () => {
      const { store } = use()
      await store.tenants.upsert(acme())
      await store.tenants.upsert(globex())
      for (const id of ['kept', 'dropped'])
        await store.sites.declare('acme', { ...SHOP, id, secret: DECLARED_SECRET })
      await store.sites.declare('globex', { ...SHOP, id: 'theirs', secret: DECLARED_SECRET })
      const { id: byHand } = await store.sites.create('acme', SHOP)
      expect((await store.sites.get('kept'))?.declared).toBe(true)
      expect(await store.sites.retireDeclared('acme', ['kept'])).toEqual(['dropped'])
      expect((await store.sites.list('acme')).map((s) => s.id).sort()).toEqual(
        [byHand, 'kept'].sort()
      )
      expect(await store.sites.get('theirs')).toBeDefined()
      expect(await store.sites.retireDeclared('acme', [])).toEqual(['kept'])
    })

    it.each([
      ['no origin', { origins: [] }],
      ['a path in an origin', { origins: ['https://shop.example/'] }],
      ['plain http', { origins: ['http://shop.example'] }],
      ['a wildcard origin', { origins: ['*'] }],
      ['every trait', { traits: ['*'] }],
      ['an origin twice', { origins: ['https://a.example', 'https://a.example'] }],
    ])('refuses %s', async (_, change) => {
      const { store } = use()
      await store.tenants.upsert(acme())
      await expect(store.sites.create('acme', { ...SHOP, ...change })).rejects.toBeInstanceOf(
        InvalidInputError
      )
    })

    it('allows http only for this machine, refuses bad ids, unknown tenants and taken ids', async () => {
      const { store } = use()
      await store.tenants.upsert(acme())
      await store.sites.create('acme', { ...SHOP, id: 'local', origins: ['http://127.0.0.1:4800'] })
      await expect(store.sites.create('acme', { ...SHOP, id: 'local' })).rejects.toThrow(/exists/)
      await expect(store.sites.create('acme', { ...SHOP, id: '-x' })).rejects.toBeInstanceOf(
        InvalidInputError
      )
      await expect(store.sites.create('ghost', SHOP)).rejects.toBeInstanceOf(UnknownTenantError)
    })

    it('goes with its tenant', async () => {
      const { store } = use()
      await store.tenants.upsert(acme())
      const { id } = await store.sites.create('acme', SHOP)
      await store.tenants.remove('acme')
      expect(await store.sites.get(id)).toBeUndefined()
    })

    it('fails a request rather than widen what a visitor sees when a row is damaged', async () => {
      const { store, db } = use()
      await store.tenants.upsert(acme())
      const { id } = await store.sites.create('acme', SHOP)
      await db
        .updateTable('personalization_sites')
        .set({ traits: '"*"' })
        .where('id', '=', id)
        .execute()
      await expect(store.sites.get(id)).rejects.toThrow(/personalization_sites/)
    })
  })
}
