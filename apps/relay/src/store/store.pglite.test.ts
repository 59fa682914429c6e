/**
 * The store suite on Postgres, in-process (PGlite), through the same Kysely code the relay uses
 * with `pg` in production. One PGlite instance for the whole file: each costs a 2-8 s cold start
 * and ~0.8 GB.
 */
import { sql } from 'kysely'
import { expect, it } from 'vitest'

import { openPgliteDatabase } from './pglite-dialect.ts'
import { registerStoreSuite } from './store.suite.ts'
import { acme } from './suite/context.ts'

registerStoreSuite(
  'store on Postgres (PGlite)',
  { open: () => openPgliteDatabase(), hookTimeoutMs: 120_000 },
  (use) => {
    it('returns int8 columns and counts as numbers', async () => {
      const { db, store } = use()
      await store.tenants.upsert(acme())
      const row = await db
        .selectFrom('tenants')
        .select(['created_at', (eb) => eb.fn.countAll().as('n')])
        .groupBy('created_at')
        .executeTakeFirstOrThrow()
      expect(typeof row.created_at).toBe('number')
      expect(row.n).toBe(1)
    })

    it('rolls back to a savepoint inside a transaction', async () => {
      const { db, store } = use()
      await store.tenants.upsert(acme())
      const trx = await db.startTransaction().execute()
      try {
        await trx.updateTable('tenants').set({ name: 'kept' }).execute()
        const inner = await trx.savepoint('inner').execute()
        await inner.updateTable('tenants').set({ name: 'discarded' }).execute()
        await inner.rollbackToSavepoint('inner').execute()
        await trx.commit().execute()
      } catch (error) {
        await trx.rollback().execute()
        throw error
      }
      const names = await sql<{ name: string }>`select name from tenants`.execute(db)
      expect(names.rows).toEqual([{ name: 'kept' }])
    })
  }
)
