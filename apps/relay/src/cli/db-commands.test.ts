import { existsSync, mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { add, setup } from '../../test/cli-harness.ts'
import { relayMigrations } from '../wiring/relay-store.ts'
import { DbCommandError } from './db-commands.ts'

describe('relay db migrate', () => {
  it('applies every pending migration once, naming each, then says the database is current', async () => {
    const { cli } = setup()
    const first = await cli('db', 'migrate')
    expect(first.code).toBe(0)
    expect(first.out).toBe(
      Object.keys(relayMigrations)
        .sort()
        .map((name) => `applied ${name}\n`)
        .join('')
    )
    expect(await cli('db', 'migrate')).toEqual({ code: 0, out: 'the database is up to date\n' })
  })
})

describe('relay db backup', () => {
  it('writes a copy the relay opens with every tenant and secret, under the same key', async () => {
    const { cli, run, dir, store } = setup()
    await cli(...add)
    const to = join(dir, 'backup.db')
    const backup = await run(['db', 'backup', '--to', to])
    expect(backup.code).toBe(0)
    expect(backup.out).toMatch(/^backed up .*relay\.db to .*backup\.db \(\d+ bytes\)\n$/)
    expect(backup.err).toContain('keep the key backed up too, but apart from it')
    // The copy is a whole relay database: listed, and its sealed token opens under the same key.
    const tenants = await store((copy) => copy.tenants.findByLink('zendesk', 'demo'), {
      DATABASE_URL: `file:${to}`,
    })
    expect(tenants).toMatchObject({
      tenant: { id: 'demo', intilery: { authToken: 'intilery-secret-token' } },
      secret: 'zendesk-shared-secret',
    })
  })

  it('is readable by its owner only: it holds sealed secrets and the audit log', async () => {
    const { cli, run, dir } = setup()
    await cli(...add)
    const to = join(dir, 'backup.db')
    expect((await run(['db', 'backup', '--to', to])).code).toBe(0)
    expect(statSync(to).mode & 0o777).toBe(0o600)
  })

  it('puts a relative --to where the command was typed (INIT_CWD under pnpm), naming it whole', async () => {
    const { run, dir } = setup()
    const typedIn = mkdtempSync(join(tmpdir(), 'relay-backup-cwd-'))
    const backup = await run(['db', 'backup', '--to', 'backup.db'], { INIT_CWD: typedIn })
    expect(backup.code).toBe(0)
    expect(backup.out).toContain(` to ${join(typedIn, 'backup.db')} (`)
    expect(existsSync(join(typedIn, 'backup.db'))).toBe(true)
    expect(existsSync(join(dir, 'backup.db'))).toBe(false)
  })

  it('refuses to overwrite a file, and leaves Postgres to pg_dump', async () => {
    const { run, dir } = setup()
    const to = join(dir, 'backup.db')
    expect((await run(['db', 'backup', '--to', to])).code).toBe(0)
    await expect(run(['db', 'backup', '--to', to])).rejects.toThrow(
      new DbCommandError(`${to} exists; choose a new file`)
    )
    await expect(
      run(['db', 'backup', '--to', to], { DATABASE_URL: 'postgres://relay@127.0.0.1:1/relay' })
    ).rejects.toThrow(/pg_dump/)
  })
})
