// A tenants file declares a Zendesk install's webhook signing secret beside its shared secret
// (`webhookSigningSecret`, a SecretRef); loading the file keeps it sealed in the webhook's table,
// and an install declared without one keeps the secret the CLI gave it.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { add, setup } from '../../../../test/cli-harness.ts'
import { withStore } from '../../../cli/open-store.ts'
import { relayConfigFromEnv } from '../../../wiring/relay-config.ts'
import { parseTenantsFile, TenantsFileError } from '../../../wiring/tenants-file.ts'
import { createZendeskWebhookSecrets } from './webhook-secrets.ts'

const SIGNING = 'declared-SIGNING-secret-0123456789'

const tenantsYaml = (webhookSigningSecret?: string) => `
tenants:
  - id: demo
    name: Demo
    intilery:
      baseUrl: http://127.0.0.1:4010
      clientId: demo
      accountId: demo
      brandId: DEMO
      authToken: { env: INTILERY_TOKEN }
    zendesk:
      - subdomain: Demo
        sharedSecret: { env: ZD_SECRET }
${webhookSigningSecret === undefined ? '' : `        webhookSigningSecret: ${webhookSigningSecret}\n`}`

const keptSecret = (env: Record<string, string>, subdomain: string) =>
  withStore(relayConfigFromEnv(env), (_store, tables) =>
    createZendeskWebhookSecrets(tables).find('demo', subdomain)
  )

describe('webhookSigningSecret in a tenants file', () => {
  it('is opened like any secret of the file, and names its field when it cannot be', () => {
    const env = { INTILERY_TOKEN: 't', ZD_SECRET: 's', ZD_SIGNING: SIGNING }
    const [tenant] = parseTenantsFile(tenantsYaml('{ env: ZD_SIGNING }'), env)
    expect(tenant?.zendesk).toEqual([
      { subdomain: 'demo', sharedSecret: 's', webhookSigningSecret: SIGNING },
    ])
    expect(() => parseTenantsFile(tenantsYaml('{ env: NOT_SET }'), env)).toThrow(
      new TenantsFileError(
        'tenants file: tenants.0.zendesk.0.webhookSigningSecret: environment variable NOT_SET is not set'
      )
    )
  })

  it('is kept sealed by relay tenants load, for the install’s subdomain', async () => {
    const { run, env, dir } = setup()
    const file = join(dir, 'tenants.yaml')
    writeFileSync(file, tenantsYaml('{ env: ZD_SIGNING }'))
    const loaded = await run(['tenants', 'load', file], { ZD_SIGNING: SIGNING })
    expect(loaded.code).toBe(0)
    expect(await keptSecret(env, 'demo')).toBe(SIGNING)
  })

  it('left out, keeps the secret relay zendesk webhook-secret gave', async () => {
    const { cli, run, env, dir } = setup()
    await cli(...add)
    await run(['zendesk', 'webhook-secret', '--zendesk-subdomain', 'demo', '--secret-env', 'S'], {
      S: SIGNING,
    })
    const file = join(dir, 'tenants.yaml')
    writeFileSync(file, tenantsYaml())
    expect((await run(['tenants', 'load', file])).code).toBe(0)
    expect(await keptSecret(env, 'demo')).toBe(SIGNING)
  })
})
