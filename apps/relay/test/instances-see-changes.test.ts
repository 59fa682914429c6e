// Two relay instances on one database (here one SQLite file, two connections): what one of them or
// the CLI changes about a tenant reaches the other at its next look at the change version, not
// when its caches expire. The look runs every CHANGE_WATCH_EVERY_MS (500 ms); here it is called.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { createHasher } from '../src/platform/crypto/hmac.ts'
import { createSecretBox } from '../src/platform/crypto/secret-box.ts'
import { cachedTenantDirectory } from '../src/platform/http/tenant-cache.ts'
import { openDatabase } from '../src/store/database.ts'
import { ACME_SECRET, acme, AUDIT_KEY, ENCRYPTION_KEY } from '../src/store/suite/context.ts'
import { cachedPresentations } from '../src/wiring/cached-presentations.ts'
import {
  CHANGE_WATCH_EVERY_MS,
  watchChanges,
  type ChangeWatch,
} from '../src/wiring/change-watch.ts'
import {
  createRelayStore,
  migrateRelayDatabase,
  type RelayStore,
} from '../src/wiring/relay-store.ts'

const opened: { store: RelayStore; watch?: ChangeWatch }[] = []
afterEach(async () => {
  for (const { store, watch } of opened.splice(0)) {
    watch?.stop()
    await store.close()
  }
})

async function storeAt(path: string) {
  const db = openDatabase(path)
  await migrateRelayDatabase(db)
  const store = createRelayStore({
    db,
    secretBox: await createSecretBox(ENCRYPTION_KEY),
    hasher: await createHasher(AUDIT_KEY),
  })
  opened.push({ store })
  return store
}

/**
 * An instance as server.ts wires it: a cached tenant directory and cached presentation settings,
 * forgotten when the version moves.
 */
async function instanceAt(path: string) {
  const store = await storeAt(path)
  const tenants = cachedTenantDirectory(store.tenants)
  const presentations = cachedPresentations(store.presentations, Date.now)
  const watch = watchChanges({
    read: () => store.changes.version('tenants'),
    onChange: () => {
      tenants.clear()
      presentations.clear()
    },
    everyMs: 60_000,
  })
  opened.push({ store, watch })
  await watch.check()
  return { store, tenants, presentations: presentations.reader, watch }
}

const databaseFile = () => join(mkdtempSync(join(tmpdir(), 'relay-instances-')), 'relay.db')

describe('several instances on one database', () => {
  it('looks often enough to take a change within a second', () => {
    expect(CHANGE_WATCH_EVERY_MS).toBeLessThanOrEqual(500)
  })

  it('stops honouring a removed tenant at the next look', async () => {
    const path = databaseFile()
    const one = await instanceAt(path)
    await one.store.tenants.upsert(acme())
    expect(await one.tenants.findByLink('zendesk', 'acme')).toBeDefined()
    const other = await storeAt(path)
    expect(await other.tenants.remove('acme')).toBe(true)
    // Cached: still there until the instance looks.
    expect(await one.tenants.findByLink('zendesk', 'acme')).toBeDefined()
    expect(await one.watch.check()).toBe(true)
    expect(await one.tenants.findByLink('zendesk', 'acme')).toBeUndefined()
    expect(await one.tenants.get('acme')).toBeUndefined()
  })

  it('takes a rotated Zendesk secret at the next look', async () => {
    const path = databaseFile()
    const one = await instanceAt(path)
    await one.store.tenants.upsert(acme())
    expect((await one.tenants.findByLink('zendesk', 'acme'))?.secret).toBe(ACME_SECRET)
    const other = await storeAt(path)
    expect(await other.tenants.rotateLinkSecret('zendesk', 'acme', 'rotated-secret-0123')).toBe(
      true
    )
    expect(await one.watch.check()).toBe(true)
    expect((await one.tenants.findByLink('zendesk', 'acme'))?.secret).toBe('rotated-secret-0123')
  })

  it('shows presentation settings changed elsewhere (the CLI) at the next look', async () => {
    const path = databaseFile()
    const one = await instanceAt(path)
    await one.store.tenants.upsert(acme())
    await one.watch.check() // the tenant's own write seen
    expect(await one.presentations.get('acme')).toEqual({})
    const other = await storeAt(path)
    const recordUrl = 'https://crm.acme.example/customers/{id}'
    expect(await other.presentations.set('acme', { recordUrl })).toBe(true)
    // Kept: the old settings until the instance looks.
    expect(await one.presentations.get('acme')).toEqual({})
    expect(await one.watch.check()).toBe(true)
    expect(await one.presentations.get('acme')).toMatchObject({ recordUrl })
  })

  it('refuses a revoked API key at once: keys are never cached', async () => {
    const path = databaseFile()
    const one = await instanceAt(path)
    await one.store.tenants.upsert(acme())
    const { id, key } = await one.store.apiKeys.create('acme', {
      name: 'site',
      traitAllowlist: '*',
    })
    expect(await one.store.apiKeys.verify(key)).toBeDefined()
    const other = await storeAt(path)
    expect(await other.apiKeys.revoke(id)).toBe(true)
    expect(await one.store.apiKeys.verify(key)).toBeUndefined()
  })

  it('sees no change when nothing was written, and reads do not count as one', async () => {
    const path = databaseFile()
    const one = await instanceAt(path)
    await one.store.tenants.upsert(acme())
    await one.watch.check()
    const other = await storeAt(path)
    await other.tenants.get('acme')
    await other.tenants.list()
    expect(await one.watch.check()).toBe(false)
  })
})
