// `relay zendesk webhook-secret` and `relay zendesk webhook-setup`, run in-process on a fresh
// SQLite file: the secret is kept sealed (webhook-outbox.test.ts shows deliveries are checked with
// it), and the setup steps carry the endpoint, the triggers' bodies and the write-back command.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { zendeskTriggerBody, ZENDESK_TRIGGER_EVENTS } from '@intilery-connect/core'
import { describe, expect, it } from 'vitest'

import { add, setup } from '../../../../test/cli-harness.ts'
import { CliUsageError } from '../../../cli/cli-usage-error.ts'
import { withStore } from '../../../cli/open-store.ts'
import { relayConfigFromEnv } from '../../../wiring/relay-config.ts'
import { createZendeskWebhookSecrets } from './webhook-secrets.ts'

const SIGNING = 'zendesk-webhook-SIGNING-secret-0123456789'

/** The secret the store keeps for a subdomain, read as the relay reads it. */
const keptSecret = (env: Record<string, string>, tenantId: string, subdomain: string) =>
  withStore(relayConfigFromEnv(env), (_store, tables) =>
    createZendeskWebhookSecrets(tables).find(tenantId, subdomain)
  )

describe('relay zendesk webhook-secret', () => {
  it('keeps the secret from an environment variable, sealed, for the subdomain’s tenant', async () => {
    const { cli, run, env, dir } = setup()
    await cli(...add)
    expect(
      await run(
        ['zendesk', 'webhook-secret', '--zendesk-subdomain', 'Demo', '--secret-env', 'ZD_SIGNING'],
        { ZD_SIGNING: SIGNING }
      )
    ).toEqual({
      code: 0,
      out: 'kept the webhook signing secret of demo (tenant demo); deliveries signed with it are accepted now\n',
      err: '',
    })
    expect(await keptSecret(env, 'demo', 'demo')).toBe(SIGNING)
    expect(readFileSync(join(dir, 'relay.db')).includes(SIGNING)).toBe(false)
  })

  it('takes it from standard input, and replaces the one kept', async () => {
    const { cli, run, env } = setup()
    await cli(...add)
    await run(['zendesk', 'webhook-secret', '--zendesk-subdomain', 'demo', '--secret-env', 'S'], {
      S: 'old-secret',
    })
    const piped = await run(
      ['zendesk', 'webhook-secret', '--zendesk-subdomain', 'demo', '--secret-file', '-'],
      {},
      `${SIGNING}\n`
    )
    expect(piped.code).toBe(0)
    expect(await keptSecret(env, 'demo', 'demo')).toBe(SIGNING)
  })

  it('refuses a subdomain no tenant has, keeping nothing', async () => {
    const { cli, run, env } = setup()
    await cli(...add)
    const answer = await run(
      ['zendesk', 'webhook-secret', '--zendesk-subdomain', 'other', '--secret-env', 'S'],
      { S: SIGNING }
    )
    expect(answer).toMatchObject({ code: 1, out: '' })
    expect(answer.err).toContain('no Zendesk install other')
    expect(await keptSecret(env, 'demo', 'other')).toBeUndefined()
  })

  it.each([
    ['no subdomain', ['--secret-env', 'S']],
    ['no secret', ['--zendesk-subdomain', 'demo']],
    ['a secret over 1,024 characters', ['--zendesk-subdomain', 'demo', '--secret-env', 'LONG']],
  ])('is a usage error with %s', async (_label, flags) => {
    const { cli, run } = setup()
    await cli(...add)
    await expect(
      run(['zendesk', 'webhook-secret', ...flags], { S: SIGNING, LONG: 'x'.repeat(1_025) })
    ).rejects.toBeInstanceOf(CliUsageError)
  })
})

describe('relay zendesk webhook-setup', () => {
  const setupFor = (...flags: string[]) => [
    'zendesk',
    'webhook-setup',
    '--tenant',
    'demo',
    ...flags,
  ]

  it('prints the webhook, the secret step, four triggers with their bodies, and write-back on', async () => {
    const { cli, run } = setup()
    await cli(...add)
    const { code, out, err } = await run(setupFor('--relay-url', 'https://relay.example.com/'))
    expect({ code, err }).toEqual({ code: 0, err: '' })
    expect(out).toContain(
      'Endpoint URL:    https://relay.example.com/zendesk/v1/webhooks?subdomain=demo'
    )
    expect(out).toMatch(/Request method: +POST/)
    expect(out).toMatch(/Request format: +JSON/)
    expect(out).toMatch(/Authentication: +None/)
    expect(out).toContain('relay zendesk webhook-secret --zendesk-subdomain demo --secret-file -')
    expect(out).toContain('The relay has no signing secret for demo yet')
    for (const event of ZENDESK_TRIGGER_EVENTS) {
      const body = zendeskTriggerBody(event)
        .split('\n')
        .map((line) => `         ${line}`)
        .join('\n')
      expect(out).toContain(body)
    }
    expect(out).toContain('Ticket status | Changed to | Solved')
    expect(out).toContain('relay tenants writeback --tenant demo --on')
    expect(out).not.toContain('zendesk-shared-secret')
  })

  it('takes the relay’s public URL from RELAY_PUBLIC_URL, and says when the secret is there', async () => {
    const { cli, run } = setup()
    await cli(...add)
    await run(['zendesk', 'webhook-secret', '--zendesk-subdomain', 'demo', '--secret-env', 'S'], {
      S: SIGNING,
    })
    const { out } = await run(setupFor(), { RELAY_PUBLIC_URL: 'https://connect.acme.example' })
    expect(out).toContain('https://connect.acme.example/zendesk/v1/webhooks?subdomain=demo')
    expect(out).toContain('The relay has a signing secret for demo')
    expect(out).not.toContain(SIGNING)
  })

  it('asks which subdomain when the tenant has several, and refuses one it does not have', async () => {
    const { cli, run } = setup()
    await cli(...add)
    await run(
      [
        'tenants',
        'update',
        '--id',
        'demo',
        '--zendesk-subdomain',
        'demo-eu',
        '--zendesk-secret-env',
        'ZD_SECRET',
      ],
      {}
    )
    const url = ['--relay-url', 'https://relay.example.com']
    await expect(run(setupFor(...url))).rejects.toThrow(
      /several Zendesk subdomains \(demo, demo-eu\)/
    )
    expect((await run(setupFor(...url, '--zendesk-subdomain', 'DEMO-EU'))).out).toContain(
      'webhooks?subdomain=demo-eu'
    )
    const other = await run(setupFor(...url, '--zendesk-subdomain', 'globex'))
    expect(other.code).toBe(1)
    expect(other.err).toContain('globex is not a Zendesk subdomain of tenant demo')
  })

  it('refuses without a relay URL, and for a tenant without Zendesk', async () => {
    const { cli, run } = setup()
    await cli(...add)
    await expect(run(setupFor())).rejects.toThrow(/--relay-url/)
    await expect(run(setupFor('--relay-url', 'ftp://relay'))).rejects.toBeInstanceOf(CliUsageError)
    const unknown = await run([
      'zendesk',
      'webhook-setup',
      '--tenant',
      'nobody',
      '--relay-url',
      'https://relay.example.com',
    ])
    expect(unknown.code).toBe(1)
    expect(unknown.err).toContain('tenant nobody has no Zendesk subdomain')
  })
})
