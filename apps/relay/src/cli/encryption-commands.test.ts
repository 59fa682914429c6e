import { describe, expect, it } from 'vitest'

import { WrongEncryptionKeyError } from '../store/errors.ts'
import { add, setup } from '../../test/cli-harness.ts'

const NEW_KEY = Buffer.alloc(32, 11).toString('base64')

describe('relay encryption rotate', () => {
  it('re-seals every secret under the new key, printing the counts', async () => {
    const { cli, run, store } = setup()
    await cli(...add, '--pipedrive-company', '1001')
    await run(['zendesk', 'webhook-secret', '--zendesk-subdomain', 'demo', '--secret-env', 'S'], {
      S: 'zendesk-webhook-signing-secret',
    })
    const rotated = await run(['encryption', 'rotate'], { RELAY_NEW_ENCRYPTION_KEY: NEW_KEY })
    expect(rotated).toEqual({
      code: 0,
      out:
        'COLUMN                                        SECRETS\n' +
        'tenants.intilery_token_sealed                 1\n' +
        'tenant_links.secret_sealed                    1\n' +
        'personalization_sites.signing_secret_sealed   0\n' +
        'zendesk_webhook_secrets.secret_sealed         1\n' +
        'pipedrive_installations.access_token_sealed   0\n' +
        'pipedrive_installations.refresh_token_sealed  0\n' +
        'writeback_outbox_payloads.payload_sealed      0\n',
      err: 're-sealed 3 secrets under the new key: set RELAY_ENCRYPTION_KEY to it and restart every relay instance\n',
    })
    await expect(cli('tenants', 'list')).rejects.toBeInstanceOf(WrongEncryptionKeyError)
    await store(
      async (s) => {
        const tenant = await s.tenants.get('demo')
        expect(tenant?.intilery.authToken).toBe('intilery-secret-token')
        expect(tenant?.zendesk).toEqual([
          { subdomain: 'demo', sharedSecret: 'zendesk-shared-secret' },
        ])
      },
      { RELAY_ENCRYPTION_KEY: NEW_KEY }
    )
  })

  it('reads the new key from --new-key-file - (standard input) too', async () => {
    const { cli, run, store } = setup()
    await cli(...add)
    expect(
      await run(['encryption', 'rotate', '--new-key-file', '-'], {}, `${NEW_KEY}\n`)
    ).toMatchObject({ code: 0 })
    await store(
      async (s) =>
        expect((await s.tenants.get('demo'))?.intilery.authToken).toBe('intilery-secret-token'),
      { RELAY_ENCRYPTION_KEY: NEW_KEY }
    )
  })

  it.each([
    [{}, 'give the new key in RELAY_NEW_ENCRYPTION_KEY'],
    [{ RELAY_NEW_ENCRYPTION_KEY: 'c2hvcnQ=' }, 'new key: The encryption key must be 32 bytes'],
    [
      { RELAY_NEW_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64') },
      'the new key is RELAY_ENCRYPTION_KEY itself',
    ],
  ])(
    'refuses a missing, malformed or unchanged new key (%#), changing nothing',
    async (env, message) => {
      const { cli, run, store } = setup()
      await cli(...add)
      await expect(run(['encryption', 'rotate'], env)).rejects.toThrow(message)
      await store(async (s) =>
        expect((await s.tenants.get('demo'))?.intilery.authToken).toBe('intilery-secret-token')
      )
    }
  )
})
