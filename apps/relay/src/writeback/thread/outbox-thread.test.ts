/**
 * The outbox with its claims' picks made by the outbox thread (a real worker thread over its own
 * connection to an SQLite file): the whole outbox suite, and that a pick leaves the relay's own
 * connection alone.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { sql, type KyselyPlugin } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { createHasher } from '../../platform/crypto/hmac.ts'
import { createSecretBox } from '../../platform/crypto/secret-box.ts'
import { openDatabase } from '../../store/database.ts'
import {
  AUDIT_KEY,
  ENCRYPTION_KEY,
  START_MS,
  acme,
  emptyTables,
  type SuiteContext,
} from '../../store/suite/context.ts'
import { createRelayStore, migrateRelayDatabase } from '../../wiring/relay-store.ts'
import { registerOutboxTests } from '../outbox-store.suite.ts'
import { message } from '../testing/outbox-message.ts'
import { OutboxThreadError, startOutboxThread, type OutboxThread } from './outbox-thread-client.ts'

const CLAIM = { limit: 100, maxBytes: 400_000, leaseMs: 30_000 }
const dir = mkdtempSync(join(tmpdir(), 'outbox-thread-'))
const databasePath = join(dir, 'relay.db')
/** Statements the relay's own connection ran (the thread's connection is not counted). */
const onRelayConnection = { count: 0 }
const counting: KyselyPlugin = {
  transformQuery: (args) => {
    onRelayConnection.count += 1
    return args.node
  },
  transformResult: (args) => Promise.resolve(args.result),
}

let context: SuiteContext | undefined
let thread: OutboxThread | undefined
const threadErrors: Error[] = []
const use = () => {
  if (context === undefined) throw new Error('beforeAll has not opened the database')
  return context
}

beforeAll(async () => {
  const db = openDatabase(databasePath, { walCheckpoints: 'elsewhere' }).withPlugin(counting)
  await migrateRelayDatabase(db)
  const secretBox = await createSecretBox(ENCRYPTION_KEY)
  const hasher = await createHasher(AUDIT_KEY)
  const clock = { ms: START_MS }
  const now = () => clock.ms
  thread = startOutboxThread({
    entry: new URL('./outbox-thread.ts', import.meta.url),
    databaseUrl: databasePath,
    encryptionKey: ENCRYPTION_KEY,
    onError: (error) => threadErrors.push(error),
    checkpointHere: () => Promise.reject(new Error('the thread checkpoints here')),
  })
  const store = createRelayStore({ db, secretBox, hasher, now, pickOutbox: thread.pick })
  context = { db, store, secretBox, hasher, clock }
})

beforeEach(async () => {
  const { db, clock } = use()
  clock.ms = START_MS
  await emptyTables(db)
})

afterAll(async () => {
  await thread?.close()
  await context?.store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the outbox thread', () => {
  registerOutboxTests(use)

  it("picks on its own connection: a claim's only statements here are the lease's", async () => {
    const { store } = use()
    await store.tenants.upsert(acme({ writeback: { enabled: true } }))
    await store.outbox.enqueue('acme', [message('m1'), message('m2', 'ann')])
    const before = onRelayConnection.count

    const claimed = await store.outbox.claimDue(CLAIM)

    expect(claimed.map((m) => [m.messageId, m.payload.identity])).toEqual([
      ['m1', { emails: ['joe@example.com'] }],
      ['m2', { emails: ['ann@example.com'] }],
    ])
    // One UPDATE for the lease of the tenant's rows; the SELECT and the payloads were the thread's.
    expect(onRelayConnection.count - before).toBe(1)
    expect(await store.outbox.claimDue(CLAIM)).toEqual([])
  })

  it("fails a claim with the thread's error, by name and code, and the next claim works", async () => {
    const { store } = use()
    await store.tenants.upsert(acme({ writeback: { enabled: true } }))
    await store.outbox.enqueue('acme', [message('m1')])
    // A limit SQLite cannot take: the thread's statement fails in the driver.
    const error = await store.outbox
      .claimDue({ ...CLAIM, limit: 'none' as unknown as number })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(Error)
    expect(error).toMatchObject({ name: 'SqliteError', code: 'SQLITE_MISMATCH' })
    expect((await store.outbox.claimDue(CLAIM)).map((m) => m.messageId)).toEqual(['m1'])
  })

  it('stops answering once closed', async () => {
    const closing = startOutboxThread({
      entry: new URL('./outbox-thread.ts', import.meta.url),
      databaseUrl: databasePath,
      encryptionKey: ENCRYPTION_KEY,
      onError: (error) => threadErrors.push(error),
      checkpointHere: () => Promise.resolve(),
    })
    expect(await closing.pick(START_MS, CLAIM)).toEqual([])
    await closing.close()
    await expect(closing.pick(START_MS, CLAIM)).rejects.toMatchObject({
      name: 'OutboxThreadError',
    })
  })

  it("checkpoints the relay's log, which the relay's own commits no longer do", async () => {
    const { db } = use()
    await sql`create table if not exists filler (text text not null)`.execute(db)
    const fileBytes = () => statSync(databasePath).size
    const before = fileBytes()
    // ~5 MB of commits, past SQLite's own threshold (1,000 pages of 4 KB) several times over.
    const row = 'x'.repeat(1_000)
    for (let i = 0; i < 50; i++)
      await sql`insert into filler select ${row} from (select 1 from (values (1),(2),(3),(4),(5),(6),(7),(8),(9),(10)) a, (values (1),(2),(3),(4),(5),(6),(7),(8),(9),(10)) b)`.execute(
        db
      )
    // Still only in the log: none of those commits copied it into the file.
    expect(fileBytes()).toBe(before)
    // The thread's next checkpoint (every 500 ms) does.
    await expect
      .poll(fileBytes, { timeout: 10_000, interval: 50 })
      .toBeGreaterThan(before + 4_000_000)
    expect(threadErrors).toEqual([])
  })

  it('a thread that cannot start: picks fail rather than wait, the relay checkpoints itself', async () => {
    const errors: Error[] = []
    let checkpointsHere = 0
    const broken = startOutboxThread({
      entry: new URL('./no-such-thread.ts', import.meta.url),
      databaseUrl: databasePath,
      encryptionKey: ENCRYPTION_KEY,
      onError: (error) => errors.push(error),
      checkpointHere: () => {
        checkpointsHere += 1
        return Promise.resolve()
      },
      checkpointOverdueMs: 50,
      restartAfterMs: 20,
    })
    // Started again after it ended, and ended again.
    await expect.poll(() => errors.length, { timeout: 20_000 }).toBeGreaterThan(1)
    expect(errors[0]).toBeInstanceOf(OutboxThreadError)
    await expect(broken.pick(START_MS, CLAIM)).rejects.toBeInstanceOf(OutboxThreadError)
    await expect.poll(() => checkpointsHere, { timeout: 20_000 }).toBeGreaterThan(0)
    await broken.close()
    await expect(broken.pick(START_MS, CLAIM)).rejects.toMatchObject({
      message: 'the outbox thread is not running',
    })
  })
})
