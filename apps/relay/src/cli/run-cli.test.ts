import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { relayConfigFromEnv } from '../wiring/relay-config.ts'
import { withStore } from './open-store.ts'
import { add, setup } from '../../test/cli-harness.ts'
import { CliUsageError, runCli } from './run-cli.ts'

describe('relay CLI', () => {
  it('prints the usage for --help, -h and help, without needing any configuration', async () => {
    for (const argv of [['--help'], ['-h'], ['help'], ['keys', 'create', '--help']]) {
      const out: string[] = []
      const code = await runCli(argv, { env: {}, out: (t) => out.push(t), err: () => undefined })
      expect(code).toBe(0)
      expect(out.join('')).toContain('relay keys create')
    }
  })

  it('adds, lists and removes tenants without ever printing a secret', async () => {
    const { cli } = setup()
    expect(await cli(...add)).toEqual({ code: 0, out: 'added tenant demo\n' })
    const listed = await cli('tenants', 'list')
    expect(listed.out).toBe(
      'ID    NAME  INTILERY               CLIENT/ACCOUNT/BRAND  ZENDESK  PIPEDRIVE  WRITE-BACK\n' +
        'demo  Demo  http://127.0.0.1:4010  demo/demo/DEMO        demo     -          off\n'
    )
    expect(listed.out).not.toContain('intilery-secret-token')
    expect(listed.out).not.toContain('zendesk-shared-secret')
    expect(
      await cli(
        'tenants',
        'rotate-secret',
        '--zendesk-subdomain',
        'demo',
        '--zendesk-secret-env',
        'INTILERY_TOKEN'
      )
    ).toMatchObject({ code: 0 })
    // What goes with the tenant is said first, and nothing is removed without --yes.
    await expect(cli('tenants', 'remove', '--id', 'demo')).rejects.toThrow(
      'removing tenant demo deletes its Intilery token, host links and settings, 0 active API keys, 0 sites and 0 undelivered write-back messages: add --yes to go ahead'
    )
    expect(await cli('tenants', 'remove', '--id', 'demo', '--yes')).toEqual({
      code: 0,
      out: 'removed tenant demo: its Intilery token, host links and settings, 0 active API keys, 0 sites and 0 undelivered write-back messages\n',
    })
    expect((await cli('tenants', 'remove', '--id', 'demo', '--yes')).code).toBe(1)
  })

  it('loads a tenants file, importing its declared API keys once', async () => {
    const { dir, cli } = setup()
    const file = join(dir, 'tenants.yaml')
    writeFileSync(
      file,
      'tenants:\n  - id: t1\n    name: T1\n    intilery: { baseUrl: "https://x.test", clientId: c, accountId: a, brandId: b, authToken: { env: INTILERY_TOKEN } }\n    apiKeys: [{ name: svc, key: { env: ZD_SECRET }, traits: "*" }]\n'
    )
    expect(await cli('tenants', 'load', file)).toEqual({
      code: 0,
      out: 'added tenant t1 (1 API keys imported)\n',
    })
    expect(await cli('tenants', 'load', file)).toEqual({ code: 0, out: 'updated tenant t1\n' })
    const keys = JSON.parse((await cli('keys', 'list', '--tenant', 't1', '--json')).out) as {
      name: string
    }[]
    expect(keys.map((k) => k.name)).toEqual(['svc'])
  })

  it('creates keys shown once, lists them without secrets, revokes them', async () => {
    const { cli } = setup()
    await cli(...add)
    const created = await cli(
      'keys',
      'create',
      '--tenant',
      'demo',
      '--name',
      'personalization',
      '--traits',
      'firstName,plan'
    )
    const key = /^(icr_\S+)$/m.exec(created.out)?.[1]
    const id = /^key id (\S+)$/m.exec(created.out)?.[1]
    expect(id).toMatch(/^[0-9a-f]{18}$/)
    // Shown once, whole: the id, then the secret.
    expect(key).toMatch(new RegExp(`^icr_${id ?? ''}_[A-Za-z0-9_-]{43}$`))
    const listed = await cli('keys', 'list', '--tenant', 'demo')
    expect(listed.out).toContain('personalization')
    // The whole secret (43 characters after the id); split('_') would cut it at any `_` of its own.
    expect(listed.out).not.toContain(key?.slice(`icr_${id ?? ''}_`.length) ?? 'unreachable')
    expect(await cli('keys', 'revoke', '--id', id ?? '')).toMatchObject({ code: 0 })
    expect((await cli('keys', 'revoke', '--id', id ?? '')).code).toBe(1)
  })

  it('exports the audit log as NDJSON since a date', async () => {
    const { cli, env } = setup()
    await cli(...add)
    await withStore(relayConfigFromEnv(env), async (store) => {
      for (const [i, at] of [Date.UTC(2026, 0, 1), Date.UTC(2026, 5, 1)].entries()) {
        await store.audit.record({
          tenantId: 'demo',
          channel: 'zendesk',
          caller: `agent-${i}`,
          refHmac: 'h',
          idType: 'email',
          outcome: 'ok',
          status: 200,
          requestId: `r${i}`,
          latencyMs: 5,
          at: new Date(at),
        })
      }
    })
    const exported = await cli('audit', 'export', '--since', '2026-03-01')
    expect(exported.code).toBe(0)
    const lines = exported.out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { caller: string })
    expect(lines.map((l) => l.caller)).toEqual(['agent-1'])
    await expect(cli('audit', 'export', '--since', 'yesterday')).rejects.toThrow(CliUsageError)
  })

  it.each([
    [['tenants', 'add', '--id', 'x'], '--name is required'],
    [['tenants', 'add', ...add.slice(2, -4), '--token-env', 'UNSET_VAR'], 'UNSET_VAR'],
    [['nothing', 'here'], 'unknown command'],
    [['tenants'], 'missing command'],
  ])('explains a wrong call (%#)', async (argv, message) => {
    const { cli } = setup()
    await expect(cli(...argv)).rejects.toThrow(message)
  })
})
