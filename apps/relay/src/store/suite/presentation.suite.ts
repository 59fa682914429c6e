/**
 * Presentation settings: set, read back, cleared, refused when wrong (nothing written), replaced
 * by a whole-tenant write (a tenants file) and kept by a partial one (`tenants update`).
 */
import type { Presentation } from '@intilery-connect/core'
import { describe, expect, it } from 'vitest'

import { InvalidInputError, StoreIntegrityError } from '../errors.ts'
import { START_MS, acme, type UseContext } from './context.ts'

export const PRESENTATION: Presentation = {
  header: [
    {
      trait: 'lifetime_value',
      label: { en: 'Lifetime value', de: 'Kundenwert' },
      format: 'money',
      currency: 'GBP',
    },
    { trait: 'orders_count', format: 'number' },
  ],
  pinned: ['plan'],
  audienceNames: { audience_124516e8: 'Recent openers' },
}
const RECORD_URL = 'https://crm.example.com/customers/{id}'

export function registerPresentationTests(use: UseContext): void {
  describe('presentation settings', () => {
    it('are empty for a new tenant, and undefined for a tenant that does not exist', async () => {
      const { store } = use()
      await store.tenants.upsert(acme())
      expect(await store.presentations.get('acme')).toEqual({})
      expect(await store.presentations.get('ghost')).toBeUndefined()
      expect(await store.presentations.set('ghost', { presentation: PRESENTATION })).toBe(false)
    })

    it('round-trip, change one part at a time, and clear with null', async () => {
      const { store, clock } = use()
      await store.tenants.upsert(acme())
      clock.ms = START_MS + 1_000
      expect(await store.presentations.set('acme', { presentation: PRESENTATION })).toBe(true)
      expect(await store.presentations.get('acme')).toEqual({ presentation: PRESENTATION })
      expect((await store.tenants.get('acme'))?.updatedAt).toEqual(new Date(START_MS + 1_000))

      await store.presentations.set('acme', { recordUrl: RECORD_URL })
      expect(await store.presentations.get('acme')).toEqual({
        presentation: PRESENTATION,
        recordUrl: RECORD_URL,
      })
      await store.presentations.set('acme', { presentation: null })
      expect(await store.presentations.get('acme')).toEqual({ recordUrl: RECORD_URL })
      await store.presentations.set('acme', { recordUrl: null })
      expect(await store.presentations.get('acme')).toEqual({})
    })

    it('answer the same object while unchanged (its JSON is then encoded once)', async () => {
      const { store } = use()
      await store.tenants.upsert(acme({ presentation: PRESENTATION }))
      const first = await store.presentations.get('acme')
      expect(await store.presentations.get('acme')).toBe(first)
      await store.presentations.set('acme', { presentation: { pinned: ['plan'] } })
      expect(await store.presentations.get('acme')).not.toBe(first)
    })

    it('refuse a wrong presentation or record link in words, writing nothing', async () => {
      const { store } = use()
      await store.tenants.upsert(acme({ presentation: PRESENTATION }))
      const wrong = { header: [{ trait: 'ltv', format: 'cash' }], extra: true }
      const error = await store.presentations
        .set('acme', { presentation: wrong })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(InvalidInputError)
      expect((error as InvalidInputError).issues).toEqual([
        {
          path: 'header field 1, format',
          message: 'must be one of money, date, number, percent, text, list, product-ids',
        },
        { path: '', message: 'unknown setting extra (known: header, pinned, audienceNames)' },
      ])
      await expect(
        store.presentations.set('acme', { recordUrl: 'https://crm.example.com/no-id' })
      ).rejects.toBeInstanceOf(InvalidInputError)
      await expect(store.tenants.upsert(acme({ recordUrl: 'javascript:{id}' }))).rejects.toThrow(
        /Invalid record URL/
      )
      expect(await store.presentations.get('acme')).toEqual({ presentation: PRESENTATION })
    })

    it('are replaced by a whole-tenant write and kept by tenants.update', async () => {
      const { store } = use()
      await store.tenants.upsert(acme({ presentation: PRESENTATION, recordUrl: RECORD_URL }))
      expect(await store.presentations.get('acme')).toEqual({
        presentation: PRESENTATION,
        recordUrl: RECORD_URL,
      })
      await store.tenants.update('acme', { name: 'Acme Group' })
      expect((await store.presentations.get('acme'))?.presentation).toEqual(PRESENTATION)
      // A tenants file that no longer declares them: the file is what the tenant is.
      await store.tenants.upsert(acme())
      expect(await store.presentations.get('acme')).toEqual({})
    })

    it('a stored value this store did not write is an integrity error, not an empty answer', async () => {
      const { db, store } = use()
      await store.tenants.upsert(acme())
      await db.updateTable('tenants').set({ presentation_json: '{"header":"x"}' }).execute()
      await expect(store.presentations.get('acme')).rejects.toBeInstanceOf(StoreIntegrityError)
      await db
        .updateTable('tenants')
        .set({ presentation_json: null, record_url: 'http://x/{id}' })
        .execute()
      await expect(store.presentations.get('acme')).rejects.toThrow(/tenants\.record_url/)
    })
  })
}
