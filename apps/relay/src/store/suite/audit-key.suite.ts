/**
 * RELAY_AUDIT_KEY's check on every dialect: stored on first use, the same key passes after, and
 * another key is refused before anything is hashed under it (store/audit-key-check.ts).
 */
import { describe, expect, it } from 'vitest'

import { createHasher } from '../../platform/crypto/hmac.ts'
import { checkAuditKey } from '../audit-key-check.ts'
import { WrongAuditKeyError } from '../errors.ts'
import { AUDIT_KEY, type UseContext } from './context.ts'

export function registerAuditKeyTests(use: UseContext): void {
  describe('the audit key', () => {
    it('is taken on first use, and only it is accepted after', async () => {
      const { db, store } = use()
      await store.auditKey.check()
      await store.auditKey.check()
      const other = await createHasher(`${AUDIT_KEY}-another`)
      await expect(checkAuditKey(db, other, { pin: true })).rejects.toBeInstanceOf(
        WrongAuditKeyError
      )
      // The stored check names nothing of the key: it is the key's hash of a fixed text.
      const rows = await db
        .withTables<{ key_checks: { name: string; value: string } }>()
        .selectFrom('key_checks')
        .selectAll()
        .execute()
      expect(rows).toHaveLength(1)
      expect(rows[0]?.value).not.toContain(AUDIT_KEY)
      await expect(
        checkAuditKey(db, await createHasher(AUDIT_KEY), { pin: false })
      ).resolves.toBeUndefined()
    })

    it('is not stored by a check that does not pin it (a read-only command)', async () => {
      const { db, store } = use()
      const other = await createHasher(`${AUDIT_KEY}-another`)
      await expect(checkAuditKey(db, other, { pin: false })).resolves.toBeUndefined()
      await store.auditKey.check()
      await expect(checkAuditKey(db, other, { pin: false })).rejects.toBeInstanceOf(
        WrongAuditKeyError
      )
    })

    it('is decided once when instances start together', async () => {
      const { db } = use()
      const [one, other] = [await createHasher(AUDIT_KEY), await createHasher(`${AUDIT_KEY}-x`)]
      const results = await Promise.allSettled([
        checkAuditKey(db, one, { pin: true }),
        checkAuditKey(db, other, { pin: true }),
      ])
      // Whichever stored its check first, the other is refused.
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
    })
  })
}
