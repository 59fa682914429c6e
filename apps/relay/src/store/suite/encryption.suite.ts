/**
 * The encryption key: the check that refuses a wrong one, and `relay encryption rotate`'s
 * re-sealing of every secret (tenants' tokens, link secrets, Zendesk webhook signing secrets,
 * Pipedrive's OAuth tokens), all or nothing.
 */
import { describe, expect, it } from 'vitest'

import {
  createPipedriveInstallationStore,
  type PipedriveTables,
} from '../../hosts/pipedrive/install/installation-store.ts'
import { createZendeskWebhookSecrets } from '../../hosts/zendesk/webhooks/webhook-secrets.ts'
import { toBase64Url } from '../../platform/crypto/encoding.ts'
import {
  createSecretBox,
  SecretBoxError,
  type SecretBox,
} from '../../platform/crypto/secret-box.ts'
import { createRelayStore, sealedColumns } from '../../wiring/relay-store.ts'
import { outboxPayloadContext } from '../../writeback/outbox-sealing.ts'
import type { WritebackTables } from '../../writeback/outbox-schema.ts'
import { UnopenedSecretError, WrongEncryptionKeyError } from '../errors.ts'
import type { UntypedDb } from '../migrations.ts'
import {
  ACME_EU_SECRET,
  ACME_SECRET,
  ACME_TOKEN,
  acme,
  globex,
  type SuiteContext,
  type UseContext,
} from './context.ts'

const NEW_KEY = toBase64Url(new Uint8Array(32).fill(8))
const ACCESS = 'pipedrive-access-ROTATE-do-not-store-in-clear'
const REFRESH = 'pipedrive-refresh-ROTATE-do-not-store-in-clear'
const WEBHOOK = 'zendesk-webhook-signing-ROTATE-do-not-store-in-clear'

/**
 * Two tenants with Zendesk secrets, two Pipedrive installations and one Zendesk webhook signing
 * secret, an outbox message and a site's signing secret: 12 sealed values.
 */
async function fill({ store, db, secretBox }: SuiteContext): Promise<void> {
  await store.tenants.upsert(acme({ writeback: { enabled: true } }))
  await store.tenants.upsert(globex())
  const installations = createPipedriveInstallationStore({ db, secretBox, now: () => 1 })
  for (const user of ['2001', '2002'])
    await installations.save('1001', user, {
      accessToken: ACCESS,
      refreshToken: REFRESH,
      accessExpiresAt: 5_000,
      apiDomain: 'https://acme.pipedrive.com',
    })
  await createZendeskWebhookSecrets({ db, secretBox, now: () => 1 }).set('acme', 'acme', WEBHOOK)
  await store.outbox.enqueue('acme', [OUTBOX_MESSAGE])
  await store.sites.declare('acme', { ...SITE, id: 'shop', secret: SITE_SECRET })
}

const SITE_SECRET = 'site-signing-ROTATE-do-not-store-in-clear-0123'
const SITE = { name: 'Shop', origins: ['https://shop.example'] }

const OUTBOX_MESSAGE = {
  messageId: 'zendesk:acme:ticket:7:solved:1',
  source: 'zendesk',
  event: 'Ticket Solved',
  properties: { ticket_id: '7' },
  timestamp: '2027-01-01T10:00:00.000Z',
  identity: { emails: ['outbox-customer@example.com'] },
}

/** The outbox message's payload, opened under `box` as the delivery worker opens it. */
async function outboxEmail(db: SuiteContext['db'], box: SecretBox): Promise<unknown> {
  const row = await db
    .withTables<WritebackTables>()
    .selectFrom('writeback_outbox_payloads')
    .select('payload_sealed')
    .where('message_id', '=', OUTBOX_MESSAGE.messageId)
    .executeTakeFirstOrThrow()
  const json = await box.open(
    row.payload_sealed ?? '',
    outboxPayloadContext('acme', OUTBOX_MESSAGE.messageId)
  )
  return (JSON.parse(json) as { identity: { emails: string[] } }).identity.emails[0]
}

/** Every sealed value in the database, by table, column and row. */
async function sealedValues(db: SuiteContext['db']): Promise<string[]> {
  const values: string[] = []
  for (const sealed of sealedColumns) {
    const rows = (await (db as UntypedDb)
      .selectFrom(sealed.table)
      .select([...sealed.key, sealed.column])
      .execute()) as Record<string, unknown>[]
    for (const row of rows)
      values.push(
        `${sealed.table}.${sealed.column}:${sealed.key.map((k) => String(row[k])).join('/')}=${String(row[sealed.column])}`
      )
  }
  return values.sort()
}

/** Opens everything the store holds under `box`, as the relay would. */
async function openAll(context: SuiteContext, box: SecretBox) {
  const store = createRelayStore({ db: context.db, secretBox: box, hasher: context.hasher })
  const installations = createPipedriveInstallationStore({
    db: context.db,
    secretBox: box,
    now: () => 1,
  })
  await store.encryption.check()
  const tenant = await store.tenants.get('acme')
  const install = await installations.get('1001', '2002')
  const webhooks = createZendeskWebhookSecrets({ db: context.db, secretBox: box, now: () => 1 })
  return {
    webhook: await webhooks.find('acme', 'acme'),
    token: tenant?.intilery.authToken,
    zendesk: tenant?.zendesk.map((z) => z.sharedSecret),
    globex: (await store.tenants.get('globex'))?.intilery.authToken,
    pipedrive: [install?.accessToken, install?.refreshToken],
    outbox: await outboxEmail(context.db, box),
    site: (await store.sites.get('shop'))?.secret,
  }
}

const everything = {
  webhook: WEBHOOK,
  token: ACME_TOKEN,
  zendesk: [ACME_SECRET, ACME_EU_SECRET],
  globex: 'intilery-token-GLOBEX',
  pipedrive: [ACCESS, REFRESH],
  outbox: 'outbox-customer@example.com',
  site: SITE_SECRET,
}

/** Seals like `box` until the `failAt`th call, which throws as a broken key would. */
function failingBox(box: SecretBox, failAt: number): SecretBox {
  let calls = 0
  return {
    open: (sealed, context) => box.open(sealed, context),
    seal: (plaintext, context) => {
      calls += 1
      if (calls === failAt) return Promise.reject(new Error('injected failure mid-rotation'))
      return box.seal(plaintext, context)
    },
  }
}

export function registerEncryptionTests(use: UseContext): void {
  describe('the encryption key', () => {
    it('is any key while no secret is stored, and refused when it opens none of them', async () => {
      const context = use()
      const other = await createSecretBox(NEW_KEY)
      const under = (box: SecretBox) =>
        createRelayStore({ db: context.db, secretBox: box, hasher: context.hasher })
      await expect(under(other).encryption.check()).resolves.toBeUndefined()
      await fill(context)
      await expect(context.store.encryption.check()).resolves.toBeUndefined()
      await expect(under(other).encryption.check()).rejects.toBeInstanceOf(WrongEncryptionKeyError)
    })

    it('is still the right key when one tampered row does not open', async () => {
      const context = use()
      await fill(context)
      await (context.db as UntypedDb)
        .updateTable('tenants')
        .set({ intilery_token_sealed: 'v1.AAAAAAAAAAAAAAAA.AAAA' })
        .where('id', '=', 'acme')
        .execute()
      await expect(context.store.encryption.check()).resolves.toBeUndefined()
    })

    it('rotates: every secret of every table opens under the new key and not the old', async () => {
      const context = use()
      await fill(context)
      expect(await openAll(context, context.secretBox)).toEqual(everything)
      const before = await sealedValues(context.db)

      const counts = await context.store.encryption.rotate(await createSecretBox(NEW_KEY))
      expect(counts).toEqual([
        { table: 'tenants', column: 'intilery_token_sealed', count: 2 },
        { table: 'tenant_links', column: 'secret_sealed', count: 3 },
        { table: 'personalization_sites', column: 'signing_secret_sealed', count: 1 },
        { table: 'zendesk_webhook_secrets', column: 'secret_sealed', count: 1 },
        { table: 'pipedrive_installations', column: 'access_token_sealed', count: 2 },
        { table: 'pipedrive_installations', column: 'refresh_token_sealed', count: 2 },
        { table: 'writeback_outbox_payloads', column: 'payload_sealed', count: 1 },
      ])

      expect(await openAll(context, await createSecretBox(NEW_KEY))).toEqual(everything)
      await expect(openAll(context, context.secretBox)).rejects.toBeInstanceOf(
        WrongEncryptionKeyError
      )
      await expect(context.store.tenants.get('acme')).rejects.toBeInstanceOf(SecretBoxError)
      // Every value was sealed again (links without a secret stay null).
      const after = await sealedValues(context.db)
      const changed = after.filter((value) => !before.includes(value))
      expect(changed).toHaveLength(12)
      expect(after.filter((value) => value.endsWith('=null'))).toHaveLength(2)
    })

    it('changes nothing when it fails midway: the old key still opens everything', async () => {
      const context = use()
      await fill(context)
      const before = await sealedValues(context.db)
      const to = failingBox(await createSecretBox(NEW_KEY), 5)
      await expect(context.store.encryption.rotate(to)).rejects.toThrow(
        'injected failure mid-rotation'
      )
      expect(await sealedValues(context.db)).toEqual(before)
      expect(await openAll(context, context.secretBox)).toEqual(everything)
    })

    it('stops at a value the old key does not open, naming its row, and changes nothing', async () => {
      const context = use()
      await fill(context)
      const tables = context.db.withTables<PipedriveTables>()
      const copied = await tables
        .selectFrom('pipedrive_installations')
        .select('access_token_sealed')
        .where('user_id', '=', '2001')
        .executeTakeFirstOrThrow()
      await tables
        .updateTable('pipedrive_installations')
        .set({ refresh_token_sealed: copied.access_token_sealed })
        .where('user_id', '=', '2002')
        .execute()
      const before = await sealedValues(context.db)
      const failure = await context.store.encryption
        .rotate(await createSecretBox(NEW_KEY))
        .catch((error: unknown) => error)
      expect(failure).toBeInstanceOf(UnopenedSecretError)
      expect((failure as Error).message).toBe(
        'pipedrive_installations.refresh_token_sealed of (1001, 2002) does not open under the current key'
      )
      expect(await sealedValues(context.db)).toEqual(before)
    })

    it('refuses to start from a key that is not the one the secrets are sealed under', async () => {
      const context = use()
      await fill(context)
      const before = await sealedValues(context.db)
      const wrong = createRelayStore({
        db: context.db,
        secretBox: await createSecretBox(NEW_KEY),
        hasher: context.hasher,
      })
      await expect(wrong.encryption.rotate(context.secretBox)).rejects.toBeInstanceOf(
        WrongEncryptionKeyError
      )
      expect(await sealedValues(context.db)).toEqual(before)
    })
  })
}
