/**
 * The store suite (tenants, keys, audit, presentation, remembered choices, the write-back outbox,
 * the hosts' tables) against a real Postgres server, through `pg` as the relay uses it in
 * production. PGlite runs the same suite in `pnpm test`; this is what PGlite cannot show: a server
 * with its own processes, a connection pool, and pg's wire protocol. `.ci/run` starts a throwaway
 * server on loopback and sets RELAY_TEST_POSTGRES_URL (see docs/testing-servers.md).
 */
import { sql } from 'kysely'
import { expect, it } from 'vitest'

import { openDatabase } from '../../src/store/database.ts'
import { registerStoreSuite } from '../../src/store/store.suite.ts'
import { serverUrl } from './server-urls.ts'

const url = serverUrl('RELAY_TEST_POSTGRES_URL')

registerStoreSuite('store on a Postgres server', { open: () => openDatabase(url) }, (use) => {
  it('talks to the Postgres server at the URL, over TCP', async () => {
    const { db } = use()
    const result = await sql<{ port: number; version: string }>`
      select inet_server_port() as port, version() as version`.execute(db)
    expect(result.rows[0]?.version).toMatch(/^PostgreSQL \d+/)
    // In-process Postgres (PGlite) has no server port; a socket connection would have none either.
    expect(result.rows[0]?.port).toBe(Number(new URL(url).port))
  })
})
