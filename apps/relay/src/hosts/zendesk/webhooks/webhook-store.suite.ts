/**
 * The Zendesk webhook's tables on every dialect (registered by store/store.suite.ts): signing
 * secrets sealed per tenant and subdomain, reached by the encryption key's rotation, gone with
 * their tenant; handled invocations kept for their retention window only.
 */
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'

import { toBase64Url } from '../../../platform/crypto/encoding.ts'
import { createSecretBox, SecretBoxError } from '../../../platform/crypto/secret-box.ts'
import { acme, globex, type SuiteContext, type UseContext } from '../../../store/suite/context.ts'
import { createRelayStore } from '../../../wiring/relay-store.ts'
import { createWebhookInvocations, INVOCATION_RETENTION_MS } from './webhook-invocations.ts'
import { createZendeskWebhookSecrets, type ZendeskWebhookTables } from './webhook-secrets.ts'

const SIGNING = 'zendesk-SIGNING-secret-do-not-store-in-clear'

const secretsOf = ({ db, secretBox, clock }: SuiteContext) =>
  createZendeskWebhookSecrets({ db, secretBox, now: () => clock.ms })

const tablesOf = ({ db }: SuiteContext) => db.withTables<ZendeskWebhookTables>()

export function registerZendeskWebhookTests(use: UseContext): void {
  describe('zendesk webhook signing secrets', () => {
    it('keeps the secret sealed at rest and opens it only for its own tenant', async () => {
      const context = use()
      await context.store.tenants.upsert(acme())
      await context.store.tenants.upsert(globex())
      const secrets = secretsOf(context)
      await secrets.set('acme', ' ACME-EU ', `  ${SIGNING}  `)
      const raw = await sql`select * from zendesk_webhook_secrets`.execute(context.db)
      expect(JSON.stringify(raw.rows)).not.toContain(SIGNING)
      expect(await secrets.find('acme', 'acme-eu')).toBe(SIGNING)
      expect(await secrets.find('globex', 'acme-eu')).toBeUndefined()
      expect(await secrets.find('acme', 'acme')).toBeUndefined()
    })

    it('replaces a secret, and lists each of the tenant’s subdomains with whether it has one', async () => {
      const context = use()
      await context.store.tenants.upsert(acme())
      const secrets = secretsOf(context)
      await secrets.set('acme', 'acme', 'first-secret')
      context.clock.ms += 1_000
      await secrets.set('acme', 'acme', 'second-secret')
      expect(await secrets.find('acme', 'acme')).toBe('second-secret')
      const row = await tablesOf(context)
        .selectFrom('zendesk_webhook_secrets')
        .select(['created_at', 'updated_at'])
        .executeTakeFirstOrThrow()
      expect(row.updated_at - row.created_at).toBe(1_000)
      expect(await secrets.subdomainsOf('acme')).toEqual([
        { subdomain: 'acme', hasSecret: true },
        { subdomain: 'acme-eu', hasSecret: false },
      ])
      expect(await secrets.subdomainsOf('globex')).toEqual([])
    })

    it('will not open a sealed secret copied onto another subdomain’s row', async () => {
      const context = use()
      await context.store.tenants.upsert(acme())
      const secrets = secretsOf(context)
      await secrets.set('acme', 'acme', SIGNING)
      await secrets.set('acme', 'acme-eu', 'eu-secret')
      const tables = tablesOf(context)
      const { secret_sealed } = await tables
        .selectFrom('zendesk_webhook_secrets')
        .select(['secret_sealed'])
        .where('subdomain', '=', 'acme')
        .executeTakeFirstOrThrow()
      await tables
        .updateTable('zendesk_webhook_secrets')
        .set({ secret_sealed })
        .where('subdomain', '=', 'acme-eu')
        .execute()
      await expect(secrets.find('acme', 'acme-eu')).rejects.toBeInstanceOf(SecretBoxError)
    })

    it('goes with its tenant', async () => {
      const context = use()
      await context.store.tenants.upsert(acme())
      await secretsOf(context).set('acme', 'acme', SIGNING)
      await context.store.tenants.remove('acme')
      const rows = await tablesOf(context)
        .selectFrom('zendesk_webhook_secrets')
        .selectAll()
        .execute()
      expect(rows).toEqual([])
    })

    it('is re-sealed by the encryption key’s rotation, and opens under the new key', async () => {
      const context = use()
      await context.store.tenants.upsert(acme())
      await secretsOf(context).set('acme', 'acme', SIGNING)
      const newBox = await createSecretBox(toBase64Url(new Uint8Array(32).fill(9)))
      const rotated = await context.store.encryption.rotate(newBox)
      expect(rotated).toContainEqual({
        table: 'zendesk_webhook_secrets',
        column: 'secret_sealed',
        count: 1,
      })
      const reopened = createZendeskWebhookSecrets({
        db: context.db,
        secretBox: newBox,
        now: () => context.clock.ms,
      })
      expect(await reopened.find('acme', 'acme')).toBe(SIGNING)
      const withNewKey = createRelayStore({ ...context, secretBox: newBox })
      await expect(withNewKey.encryption.check()).resolves.toBeUndefined()
      await expect(secretsOf(context).find('acme', 'acme')).rejects.toBeInstanceOf(SecretBoxError)
    })
  })

  describe('zendesk webhook invocations', () => {
    const invocationsOf = (context: SuiteContext) =>
      createWebhookInvocations({ db: context.db, now: () => context.clock.ms })

    it('knows a handled invocation for a day, per subdomain, and then forgets it', async () => {
      const context = use()
      await tablesOf(context).deleteFrom('zendesk_webhook_invocations').execute()
      const invocations = invocationsOf(context)
      expect(await invocations.seen('acme', '8350205582')).toBe(false)
      await invocations.record('acme', '8350205582')
      await invocations.record('acme', '8350205582')
      expect(await invocations.seen('acme', '8350205582')).toBe(true)
      expect(await invocations.seen('acme-eu', '8350205582')).toBe(false)
      context.clock.ms += INVOCATION_RETENTION_MS
      expect(await invocations.seen('acme', '8350205582')).toBe(false)
    })

    it('deletes expired rows as it records new ones', async () => {
      const context = use()
      const tables = tablesOf(context)
      await tables.deleteFrom('zendesk_webhook_invocations').execute()
      const invocations = invocationsOf(context)
      await invocations.record('acme', 'old')
      context.clock.ms += INVOCATION_RETENTION_MS + 1
      // A new store (as after a restart) prunes on its first record.
      await invocationsOf(context).record('acme', 'new')
      const ids = await tables
        .selectFrom('zendesk_webhook_invocations')
        .select(['invocation_id'])
        .execute()
      expect(ids).toEqual([{ invocation_id: 'new' }])
    })
  })
}
