import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { WrongEncryptionKeyError } from '../store/errors.ts'
import { add, setup } from '../../test/cli-harness.ts'
import { CliUsageError, exitCodeOf } from './run-cli.ts'

const otherKey = Buffer.alloc(32, 4).toString('base64')

describe('relay tenants add', () => {
  it('refuses an existing id, leaving the tenant, its token and its Zendesk link as they were', async () => {
    const { cli, run, store } = setup()
    expect((await cli(...add)).code).toBe(0)
    const again = await run([...add.slice(0, 5), 'Renamed', ...add.slice(6, -4)], {
      INTILERY_TOKEN: 'another-token',
    })
    expect(again).toEqual({
      code: 1,
      out: '',
      err: 'relay: tenant demo exists already; change it with relay tenants update --id demo (only the flags given) or relay tenants rotate-token --id demo\n',
    })
    await store(async (s) => {
      const tenant = await s.tenants.get('demo')
      expect(tenant?.name).toBe('Demo')
      expect(tenant?.intilery.authToken).toBe('intilery-secret-token')
      expect(tenant?.zendesk).toEqual([
        { subdomain: 'demo', sharedSecret: 'zendesk-shared-secret' },
      ])
    })
  })
})

describe('relay tenants update', () => {
  it('changes only the flags given, keeping links, their secrets and the token', async () => {
    const { cli, run, store } = setup()
    await cli(...add, '--pipedrive-company', '1001')
    expect(await cli('tenants', 'update', '--id', 'demo', '--name', 'Demo brand')).toEqual({
      code: 0,
      out: 'updated tenant demo: --name\n',
    })
    expect(
      await run(
        [
          'tenants',
          'update',
          '--id',
          'demo',
          '--brand-id',
          'DEMO2',
          '--zendesk-subdomain',
          'Demo-EU',
          '--zendesk-secret-env',
          'EU_SECRET',
          '--pipedrive-company',
          '2002',
        ],
        { EU_SECRET: 'zendesk-eu-secret' }
      )
    ).toMatchObject({ code: 0 })
    await store(async (s) => {
      const tenant = await s.tenants.get('demo')
      expect(tenant).toMatchObject({
        name: 'Demo brand',
        intilery: {
          baseUrl: 'http://127.0.0.1:4010',
          clientId: 'demo',
          accountId: 'demo',
          brandId: 'DEMO2',
          authToken: 'intilery-secret-token',
        },
        zendesk: [
          { subdomain: 'demo', sharedSecret: 'zendesk-shared-secret' },
          { subdomain: 'demo-eu', sharedSecret: 'zendesk-eu-secret' },
        ],
        pipedriveCompanyIds: ['1001', '2002'],
      })
    })
  })

  it('refuses a call that changes nothing, the token, or a tenant that does not exist', async () => {
    const { cli, run } = setup()
    await cli(...add)
    await expect(cli('tenants', 'update', '--id', 'demo')).rejects.toThrow('nothing to update')
    await expect(
      cli('tenants', 'update', '--id', 'demo', '--token-env', 'INTILERY_TOKEN')
    ).rejects.toThrow('relay tenants rotate-token')
    expect(await run(['tenants', 'update', '--id', 'ghost', '--name', 'G'])).toEqual({
      code: 1,
      out: '',
      err: 'relay: no tenant ghost (relay tenants list shows the tenants)\n',
    })
  })

  it('refuses a host account that belongs to another tenant, changing nothing', async () => {
    const { cli, store } = setup()
    await cli(...add)
    await cli(...add.slice(0, 3), 'other', ...add.slice(4, -4))
    await expect(
      cli(
        'tenants',
        'update',
        '--id',
        'other',
        '--name',
        'X',
        '--zendesk-subdomain',
        'demo',
        '--zendesk-secret-env',
        'ZD_SECRET'
      )
    ).rejects.toThrow('belongs to another tenant')
    await store(async (s) => {
      expect((await s.tenants.get('other'))?.name).toBe('Demo')
      expect((await s.tenants.findByLink('zendesk', 'demo'))?.tenant.id).toBe('demo')
    })
  })
})

describe('relay tenants rotate-token', () => {
  it('reads the new token from standard input or a file, never from the arguments', async () => {
    const { dir, cli, run, store } = setup()
    await cli(...add)
    expect(
      await run(
        ['tenants', 'rotate-token', '--id', 'demo', '--token-file', '-'],
        {},
        'from-stdin\n'
      )
    ).toEqual({ code: 0, out: 'rotated the Intilery token of tenant demo\n', err: '' })
    await store(async (s) =>
      expect((await s.tenants.get('demo'))?.intilery.authToken).toBe('from-stdin')
    )
    const file = join(dir, 'token')
    writeFileSync(file, 'from-file\n')
    await cli('tenants', 'rotate-token', '--id', 'demo', '--token-file', file)
    await store(async (s) => {
      const tenant = await s.tenants.get('demo')
      expect(tenant?.intilery.authToken).toBe('from-file')
      expect(tenant?.zendesk).toEqual([
        { subdomain: 'demo', sharedSecret: 'zendesk-shared-secret' },
      ])
    })
    await expect(cli('tenants', 'rotate-token', '--id', 'demo', 'plain-token')).rejects.toThrow(
      CliUsageError
    )
    await expect(
      run(['tenants', 'rotate-token', '--id', 'demo', '--token-file', '-'], {}, '\n')
    ).rejects.toThrow('is empty')
    expect(
      (await run(['tenants', 'rotate-token', '--id', 'ghost', '--token-file', file])).code
    ).toBe(1)
  })
})

describe('relay tenants load', () => {
  it('keeps a revoked declared key revoked, warning on stderr without the key', async () => {
    const { dir, cli, run } = setup()
    const file = join(dir, 'tenants.yaml')
    writeFileSync(
      file,
      'tenants:\n  - id: t1\n    name: T1\n    intilery: { baseUrl: "https://x.test", clientId: c, accountId: a, brandId: b, authToken: { env: INTILERY_TOKEN } }\n    apiKeys: [{ name: svc, key: { env: ZD_SECRET }, traits: "*" }]\n'
    )
    await cli('tenants', 'load', file)
    const [key] = JSON.parse((await cli('keys', 'list', '--tenant', 't1', '--json')).out) as {
      id: string
    }[]
    await cli('keys', 'revoke', '--id', key?.id ?? '')

    const loaded = await run(['tenants', 'load', file])
    expect(loaded).toEqual({
      code: 0,
      out: 'updated tenant t1\n',
      err: `relay: warning: declared API key svc (${key?.id ?? ''}) of tenant t1 is revoked; it stays revoked (remove it from the tenants file)\n`,
    })
    expect(loaded.err).not.toContain('zendesk-shared-secret')
    const keys = JSON.parse((await cli('keys', 'list', '--tenant', 't1', '--json')).out) as {
      revokedAt: string | null
    }[]
    expect(keys).toHaveLength(1)
    expect(keys[0]?.revokedAt).toMatch(/^\d{4}-\d\d-\d\dT/)
  })
})

describe('listings', () => {
  it('print one JSON array with --json, and the same table format without', async () => {
    const { cli } = setup()
    await cli(...add, '--pipedrive-company', '1001')
    const tenants = JSON.parse((await cli('tenants', 'list', '--json')).out) as unknown
    expect(tenants).toEqual([
      {
        id: 'demo',
        name: 'Demo',
        intilery: {
          baseUrl: 'http://127.0.0.1:4010',
          clientId: 'demo',
          accountId: 'demo',
          brandId: 'DEMO',
        },
        zendeskSubdomains: ['demo'],
        pipedriveCompanyIds: ['1001'],
        writeback: { enabled: false },
        createdAt: expect.stringMatching(/Z$/) as unknown,
        updatedAt: expect.stringMatching(/Z$/) as unknown,
      },
    ])
    await cli('keys', 'create', '--tenant', 'demo', '--name', 'svc', '--traits', 'email,plan')
    const keys = JSON.parse((await cli('keys', 'list', '--tenant', 'demo', '--json')).out) as {
      id: string
      createdAt: string
    }[]
    expect(keys).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f]{18}$/) as unknown,
        tenantId: 'demo',
        name: 'svc',
        traitAllowlist: ['email', 'plan'],
        scopes: ['profiles'],
        createdAt: expect.stringMatching(/Z$/) as unknown,
        revokedAt: null,
      },
    ])
    const [key] = keys
    expect((await cli('keys', 'list', '--tenant', 'demo')).out).toBe(
      `ID                  NAME  TRAITS      SCOPES    CREATED                   REVOKED\n${key?.id ?? ''}  svc   email,plan  profiles  ${key?.createdAt ?? ''}  -\n`
    )
    await cli(
      'keys',
      'create',
      '--tenant',
      'demo',
      '--name',
      'recs',
      '--all-traits',
      '--scopes',
      'profiles,recommendations'
    )
    const listed = JSON.parse((await cli('keys', 'list', '--tenant', 'demo', '--json')).out) as {
      name: string
      scopes: string[]
    }[]
    expect(listed.find((k) => k.name === 'recs')?.scopes).toEqual(['profiles', 'recommendations'])
    await expect(
      cli('keys', 'create', '--tenant', 'demo', '--name', 'x', '--all-traits', '--scopes', 'admin')
    ).rejects.toThrow(/scopes are profiles, recommendations/)
    await expect(cli('keys', 'list', '--tenant', 'ghost', '--json')).rejects.toThrow(
      'no tenant ghost (relay tenants list shows the tenants)'
    )
  })
})

describe('a wrong RELAY_ENCRYPTION_KEY', () => {
  it('is refused by every command, before it reads or seals a secret (exit code 3)', async () => {
    const { cli, run, store, dir } = setup()
    await cli(...add)
    const file = join(dir, 'tenants.yaml')
    writeFileSync(file, 'tenants: []\n')
    const wrong = { RELAY_ENCRYPTION_KEY: otherKey }
    for (const argv of [
      ['tenants', 'list'],
      [...add.slice(0, 3), 'second', ...add.slice(4, -4)],
      ['tenants', 'update', '--id', 'demo', '--name', 'X'],
      ['tenants', 'rotate-token', '--id', 'demo', '--token-env', 'INTILERY_TOKEN'],
      [
        'tenants',
        'rotate-secret',
        '--zendesk-subdomain',
        'demo',
        '--zendesk-secret-env',
        'ZD_SECRET',
      ],
      ['tenants', 'load', file],
      ['keys', 'list', '--tenant', 'demo'],
    ]) {
      const failure = await run(argv, wrong).catch((error: unknown) => error)
      expect(failure, argv.join(' ')).toBeInstanceOf(WrongEncryptionKeyError)
      expect((failure as Error).message).toBe(
        'RELAY_ENCRYPTION_KEY does not open the secrets in this database; was it rotated?'
      )
      expect(exitCodeOf(failure)).toBe(3)
    }
    await store(async (s) => {
      expect((await s.tenants.list()).map((t) => [t.id, t.name])).toEqual([['demo', 'Demo']])
    })
  })

  it('is any key while the database holds no secret yet', async () => {
    const { run } = setup()
    expect(await run(['tenants', 'list'], { RELAY_ENCRYPTION_KEY: otherKey })).toMatchObject({
      code: 0,
    })
  })
})
