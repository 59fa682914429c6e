// The mistakes an operator makes at the `relay` command, each told plainly: a mistyped tenant id
// fails instead of listing or moving nothing, a key pasted where its id goes is not repeated back,
// a key imported twice is named, a plain-http Intilery address is refused, and a wrong call shows
// the usage of its own command group.
import { describe, expect, it } from 'vitest'

import { add, setup } from '../../test/cli-harness.ts'
import { UnknownTenantError, WrongAuditKeyError } from '../store/errors.ts'
import { NoSuchTenantError } from './known-tenant.ts'
import { CliUsageError, exitCodeOf, messageOf, usageFor } from './run-cli.ts'

describe('a tenant id the database does not hold', () => {
  it.each([
    ['keys', 'list', '--tenant', 'ghost'],
    ['keys', 'create', '--tenant', 'ghost', '--name', 'x', '--all-traits'],
    ['sites', 'list', '--tenant', 'ghost'],
    ['sites', 'add', '--tenant', 'ghost', '--origin', 'https://shop.example', '--traits', 'name'],
    ['outbox', 'list', '--tenant', 'ghost'],
    ['outbox', 'retry', '--tenant', 'ghost'],
    ['outbox', 'purge', '--tenant', 'ghost', '--yes'],
  ])('fails %s %s with its name, exit 1', async (...argv) => {
    const { cli } = setup()
    await cli(...add)
    const error = await cli(...argv).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NoSuchTenantError)
    expect(messageOf(error)).toBe('no tenant ghost (relay tenants list shows the tenants)')
    expect(exitCodeOf(error)).toBe(1)
  })

  it('is named the same way when the store refuses it', () => {
    expect(messageOf(new UnknownTenantError('ghost'))).toBe(
      'no tenant ghost (relay tenants list shows the tenants)'
    )
  })
})

describe('keys', () => {
  it('refuses a key pasted where its id goes, without printing it', async () => {
    const { cli, run } = setup()
    await cli(...add)
    const key = (await cli('keys', 'create', '--tenant', 'demo', '--name', 'x', '--all-traits')).out
      .trim()
      .split('\n')[1]
    expect(key).toMatch(/^icr_/)
    const error = await cli('keys', 'revoke', '--id', String(key)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CliUsageError)
    expect(messageOf(error)).not.toContain(String(key).slice(4))
    expect(messageOf(error)).toContain('relay keys list')
    expect(await run(['keys', 'revoke', '--id', '0123456789abcdef01'])).toEqual({
      code: 1,
      out: '',
      err: 'relay: no active key 0123456789abcdef01 (relay keys list --tenant <id> shows the keys)\n',
    })
  })

  it('names the key a second import of the same key would duplicate', async () => {
    const { cli, run } = setup()
    await cli(...add)
    const importIt = () =>
      run(
        ['keys', 'import', '--tenant', 'demo', '--name', 'crm', '--all-traits', '--key-env', 'K'],
        {
          K: 'an-existing-key-of-the-crm',
        }
      )
    const first = await importIt()
    const id = /imported key (imp_[0-9a-f]+)/.exec(first.out)?.[1]
    expect(id).toBeDefined()
    await expect(importIt()).rejects.toThrow(`is imported already, as key ${String(id)}`)
  })

  it('asks for traits or all of them', async () => {
    const { cli } = setup()
    await cli(...add)
    await expect(cli('keys', 'create', '--tenant', 'demo', '--name', 'x')).rejects.toThrow(
      '--traits <a,b,c> or --all-traits is required'
    )
  })
})

describe('another RELAY_AUDIT_KEY than the database was set up with', () => {
  it('is refused by every command, exit 3, before a key is hashed under it', async () => {
    const { cli, run } = setup()
    await cli(...add)
    const other = { RELAY_AUDIT_KEY: 'another-audit-key-0123456789abcdef0123' }
    // A read-only command from a shell with another key does not decide the database's key...
    expect((await run(['tenants', 'list'], other)).code).toBe(0)
    // ...the first command that hashes a key does.
    await cli('keys', 'create', '--tenant', 'demo', '--name', 'first', '--all-traits')
    for (const argv of [
      ['tenants', 'list'],
      ['keys', 'create', '--tenant', 'demo', '--name', 'x', '--all-traits'],
    ]) {
      const failure = await run(argv, other).catch((error: unknown) => error)
      expect(failure, argv.join(' ')).toBeInstanceOf(WrongAuditKeyError)
      expect(messageOf(failure)).toMatch(/^RELAY_AUDIT_KEY is not the key this database was set up/)
      expect(exitCodeOf(failure)).toBe(3)
    }
    expect(
      (
        JSON.parse((await cli('keys', 'list', '--tenant', 'demo', '--json')).out) as {
          name: string
        }[]
      ).map((k) => k.name)
    ).toEqual(['first'])
  })
})

describe('tenants', () => {
  it('refuses a plain-http Intilery address anywhere but this machine', async () => {
    const { cli } = setup()
    const http = add.map((arg) =>
      arg === 'http://127.0.0.1:4010' ? 'http://intilery.example' : arg
    )
    await expect(cli(...http)).rejects.toThrow(
      'must be https (plain http only for 127.0.0.1 or localhost)'
    )
    expect((await cli(...add)).code).toBe(0)
  })
})

describe('outbox', () => {
  it('shows a tenant with write-back on and nothing waiting as zeros', async () => {
    const { cli } = setup()
    await cli(...add)
    expect((await cli('outbox', 'status')).out).not.toContain('demo')
    await cli('tenants', 'writeback', '--tenant', 'demo', '--on')
    expect(JSON.parse((await cli('outbox', 'status', '--json')).out)).toEqual([
      {
        tenantId: 'demo',
        pending: 0,
        delivered: 0,
        dead: 0,
        oldestPendingAt: null,
        lastError: null,
      },
    ])
  })

  it('says when purge finds no dead message by that id', async () => {
    const { cli, run } = setup()
    await cli(...add)
    const purged = await run(['outbox', 'purge', '--tenant', 'demo', '--message-id', 'm9', '--yes'])
    expect(purged).toEqual({
      code: 0,
      out: 'deleted 0 dead messages of tenant demo\n',
      err: 'relay: tenant demo has no dead message m9\n',
    })
  })
})

describe('a wrong flag or argument', () => {
  it('names the flags a mistyped one may have meant', async () => {
    const { cli } = setup()
    await expect(cli('tenants', 'rotate-token', '--id', 'demo', '--token', 'x')).rejects.toThrow(
      'unknown option --token; did you mean --token-env or --token-file?'
    )
    await expect(cli('keys', 'create', '--scope', 'profiles')).rejects.toThrow(
      'unknown option --scope; did you mean --scopes?'
    )
    await expect(cli('keys', 'list', '--frobnicate')).rejects.toThrow(
      /^unknown option --frobnicate$/
    )
  })

  it('refuses an argument no command takes, without printing it (it may be a secret)', async () => {
    const { cli } = setup()
    const pasted = 'icr_0123456789abcdef01_pasted-key-pasted-key-pasted-key-pasted-k'
    const error = await cli('keys', 'revoke', pasted).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CliUsageError)
    expect(messageOf(error)).toMatch(/^keys revoke takes no argument there \(not printed/)
    expect(messageOf(error)).not.toContain('pasted')
    await expect(cli('keys', 'list', '--tenant', 'demo', 'extra')).rejects.toThrow(
      'keys list takes no argument there'
    )
  })
})

describe('a command it does not know', () => {
  it('names what a mistyped one may have meant, and what its group has', async () => {
    const { cli } = setup()
    await expect(cli('tenant', 'list')).rejects.toThrow(
      /^unknown command group: tenant; did you mean tenants\? \(the groups are: audit, db, .*tenants/
    )
    await expect(cli('outbox', 'purg')).rejects.toThrow(
      'unknown command: outbox purg; did you mean outbox purge? (outbox has: list, purge, retry, status)'
    )
    await expect(cli('keys')).rejects.toThrow(
      'missing command (keys has: create, import, list, revoke)'
    )
    await expect(cli('tenants', 'lst', 'extra')).rejects.toThrow(
      /^unknown command: tenants lst; did you mean tenants list\?/
    )
  })

  it.each([
    [['icr_0123456789abcdef01_pasted-key'], 'unknown command group: (not printed'],
    [['icr_0123456789abcdef01_pasted-key', 'list'], 'unknown command group: (not printed'],
    [['tenants', 'Pasted-Token-0123'], 'unknown command: tenants (not printed'],
    [['Pasted-Token-0123', 'pasted', 'more'], 'unknown command group: (not printed'],
    [['correct-horse-battery-pasted'], 'unknown command group: (not printed'],
    [['keys', 'pasted-passphrase'], 'unknown command: keys (not printed'],
    [['export', 'icr_0123456789abcdef01_pasted-key'], 'export takes no argument there'],
  ])('does not print words that are not command words (%#)', async (argv, message) => {
    const { cli } = setup()
    const error = await cli(...argv).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CliUsageError)
    expect(messageOf(error)).toContain(message)
    expect(messageOf(error)).not.toMatch(/pasted/i)
    expect(usageFor(argv)).not.toMatch(/pasted/i)
  })
})

describe('the usage after a wrong call', () => {
  it('is its command group’s, with a pointer to the rest', () => {
    const usage = usageFor(['outbox', 'list', '--state', 'sent'])
    expect(usage.split('\n').filter((line) => line.startsWith('  relay '))).toEqual([
      expect.stringMatching(/^ {2}relay outbox status/),
      expect.stringMatching(/^ {2}relay outbox list/),
      expect.stringMatching(/^ {2}relay outbox retry/),
      expect.stringMatching(/^ {2}relay outbox purge/),
    ])
    expect(usage).toContain('relay --help lists every command')
    expect(usageFor(['tenants', 'add'])).toContain('(--token-env <VAR> | --token-file <path|->)')
  })

  it('is all of it for a group it does not know, or none', () => {
    expect(usageFor(['nothing'])).toContain('relay db backup')
    expect(usageFor([])).toContain('relay keys create')
  })
})
