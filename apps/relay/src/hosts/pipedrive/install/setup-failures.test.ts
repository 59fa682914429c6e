// Wrong keys per setup link are counted in the database, so two instances behind one load
// balancer share one limit (and a restart forgives nothing).
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { openDatabase } from '../../../store/database.ts'
import { openPgliteDatabase } from '../../../store/pglite-dialect.ts'
import { migrateRelayDatabase } from '../../../wiring/relay-store.ts'
import { createSetupFailureStore } from './setup-failures.ts'

const closing: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closing.splice(0)) await close()
})

async function instanceAt(path: string, clock: { ms: number }) {
  const db = openDatabase(path)
  await migrateRelayDatabase(db)
  closing.push(() => db.destroy())
  return createSetupFailureStore({ db, now: () => clock.ms, keepMs: 15 * 60_000 })
}

describe('setup link failures', () => {
  it('counts the wrong keys of one link across instances, and nothing of other links', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'relay-setup-')), 'relay.db')
    const clock = { ms: 1_000 }
    const [one, two] = [await instanceAt(path, clock), await instanceAt(path, clock)]
    expect(await one.add('link-a')).toBe(1)
    expect(await two.add('link-a')).toBe(2)
    expect(await one.add('link-a')).toBe(3)
    expect(await two.count('link-a')).toBe(3)
    expect(await one.count('link-b')).toBe(0)
  })

  it('forgives an attempt that was a right key', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'relay-setup-')), 'relay.db')
    const store = await instanceAt(path, { ms: 1_000 })
    await store.add('link-a')
    await store.add('link-a')
    await store.forgive('link-a')
    expect(await store.count('link-a')).toBe(1)
  })

  it('forgets a link once it has expired', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'relay-setup-')), 'relay.db')
    const clock = { ms: 1_000 }
    const store = await instanceAt(path, clock)
    await store.add('link-a')
    clock.ms += 15 * 60_000
    expect(await store.count('link-a')).toBe(0)
    expect(await store.add('link-a')).toBe(1)
  })
})

describe('setup link failures on Postgres (PGlite)', () => {
  it('counts with the same single statement', async () => {
    const db = openPgliteDatabase()
    await migrateRelayDatabase(db)
    closing.push(() => db.destroy())
    const clock = { ms: 1_000 }
    const store = createSetupFailureStore({ db, now: () => clock.ms, keepMs: 60_000 })
    expect(await store.add('link-a')).toBe(1)
    expect(await store.add('link-a')).toBe(2)
    expect(await store.count('link-a')).toBe(2)
  })
})
