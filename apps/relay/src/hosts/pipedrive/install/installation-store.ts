/**
 * @module hosts/pipedrive/install/installation-store
 * Pipedrive OAuth installations: tokens sealed per (company, user), our own expiry, and whether the
 * installation still works. Deleting one (uninstall) removes its tokens; nothing else is kept
 * about it.
 */
import type { Generated, Kysely, Selectable } from 'kysely'

import type { SecretBox } from '../../../platform/crypto/secret-box.ts'
import type { Schema } from '../../../store/schema.ts'
import type { SealedColumn } from '../../../store/sealed-columns.ts'

export interface PipedriveInstallationsTable {
  company_id: string
  user_id: string
  /** `https://{company}.pipedrive.com`, from the token answer: where this install's API calls go. */
  api_domain: string
  /** SecretBox output bound to the installation; never the token. */
  access_token_sealed: string
  refresh_token_sealed: string
  /** Our own record of when the access token ends (the client's would restart on reload). */
  access_expires_at: number
  /** `connected`, or `disconnected` once the refresh token stopped working. */
  status: string
  /** 1 once this user shared the panels company-wide (Pipedrive's visibility POST), else 0. */
  shared: Generated<number>
  created_at: number
  updated_at: number
}

/** The Pipedrive app's own tables (migrations in pipedrive-migrations.ts). */
export type PipedriveTables = {
  pipedrive_installations: PipedriveInstallationsTable
}

export type InstallationStatus = 'connected' | 'disconnected'

export interface PipedriveTokens {
  readonly accessToken: string
  readonly refreshToken: string
  /** Epoch milliseconds. */
  readonly accessExpiresAt: number
  readonly apiDomain: string
}

export interface PipedriveInstallation extends PipedriveTokens {
  readonly companyId: string
  readonly userId: string
  readonly status: InstallationStatus
}

export interface PipedriveInstallationStore {
  /** Saves a fresh install (or reinstall) as connected. */
  save(companyId: string, userId: string, tokens: PipedriveTokens): Promise<void>
  /** @throws SecretBoxError when a sealed token does not open (wrong key or tampered row). */
  get(companyId: string, userId: string): Promise<PipedriveInstallation | undefined>
  /** The company's oldest connected installation, whoever installed it. */
  anyConnected(companyId: string): Promise<PipedriveInstallation | undefined>
  /**
   * anyConnected's API domain alone, its tokens left sealed: what a webhook needs for its links, on
   * every delivery.
   */
  apiDomainOf(companyId: string): Promise<string | undefined>
  /** A connected installation whose user shared the panels, for viewers who never installed. */
  anyShared(companyId: string): Promise<PipedriveInstallation | undefined>
  /** Records Pipedrive's visibility notice; false when the user has no installation. */
  setShared(companyId: string, userId: string, shared: boolean): Promise<boolean>
  markDisconnected(companyId: string, userId: string): Promise<void>
  /** @returns false when there was no such installation. */
  remove(companyId: string, userId: string): Promise<boolean>
}

const context = (companyId: string, userId: string, which: 'access' | 'refresh') =>
  `pipedrive:${companyId}:${userId}:${which}-token`

/** Both tokens of every installation, for the encryption key's check and rotation. */
export const installationSealedColumns: readonly SealedColumn[] = (
  ['access', 'refresh'] as const
).map((which) => ({
  table: 'pipedrive_installations',
  column: `${which}_token_sealed`,
  key: ['company_id', 'user_id'],
  context: (row) => context(row.company_id ?? '', row.user_id ?? '', which),
}))

export function createPipedriveInstallationStore(deps: {
  readonly db: Kysely<Schema>
  readonly secretBox: SecretBox
  readonly now: () => number
}): PipedriveInstallationStore {
  const { secretBox, now } = deps
  const db = deps.db.withTables<PipedriveTables>()

  async function open(
    row: Selectable<PipedriveInstallationsTable>
  ): Promise<PipedriveInstallation> {
    const [accessToken, refreshToken] = await Promise.all([
      secretBox.open(row.access_token_sealed, context(row.company_id, row.user_id, 'access')),
      secretBox.open(row.refresh_token_sealed, context(row.company_id, row.user_id, 'refresh')),
    ])
    return {
      companyId: row.company_id,
      userId: row.user_id,
      apiDomain: row.api_domain,
      accessToken,
      refreshToken,
      accessExpiresAt: row.access_expires_at,
      status: row.status === 'connected' ? 'connected' : 'disconnected',
    }
  }

  /** The company's oldest connected installation, of a user who shares the panels if asked. */
  async function firstConnected(
    companyId: string,
    sharedOnly: boolean
  ): Promise<PipedriveInstallation | undefined> {
    let query = db
      .selectFrom('pipedrive_installations')
      .selectAll()
      .where('company_id', '=', companyId)
      .where('status', '=', 'connected')
    if (sharedOnly) query = query.where('shared', '=', 1)
    const row = await query.orderBy('created_at').executeTakeFirst()
    return row === undefined ? undefined : open(row)
  }

  return {
    async save(companyId, userId, tokens) {
      const at = now()
      const [access, refresh] = await Promise.all([
        secretBox.seal(tokens.accessToken, context(companyId, userId, 'access')),
        secretBox.seal(tokens.refreshToken, context(companyId, userId, 'refresh')),
      ])
      const values = {
        api_domain: tokens.apiDomain,
        access_token_sealed: access,
        refresh_token_sealed: refresh,
        access_expires_at: tokens.accessExpiresAt,
        status: 'connected',
        updated_at: at,
      }
      await db
        .insertInto('pipedrive_installations')
        .values({ company_id: companyId, user_id: userId, created_at: at, ...values })
        .onConflict((oc) => oc.columns(['company_id', 'user_id']).doUpdateSet(values))
        .execute()
    },

    async get(companyId, userId) {
      const row = await db
        .selectFrom('pipedrive_installations')
        .selectAll()
        .where('company_id', '=', companyId)
        .where('user_id', '=', userId)
        .executeTakeFirst()
      return row === undefined ? undefined : open(row)
    },

    anyConnected: (companyId) => firstConnected(companyId, false),
    async apiDomainOf(companyId) {
      const row = await db
        .selectFrom('pipedrive_installations')
        .select('api_domain')
        .where('company_id', '=', companyId)
        .where('status', '=', 'connected')
        .orderBy('created_at')
        .executeTakeFirst()
      return row?.api_domain
    },
    anyShared: (companyId) => firstConnected(companyId, true),

    async setShared(companyId, userId, shared) {
      const result = await db
        .updateTable('pipedrive_installations')
        .set({ shared: shared ? 1 : 0, updated_at: now() })
        .where('company_id', '=', companyId)
        .where('user_id', '=', userId)
        .executeTakeFirst()
      return result.numUpdatedRows > 0n
    },

    async markDisconnected(companyId, userId) {
      await db
        .updateTable('pipedrive_installations')
        .set({ status: 'disconnected', updated_at: now() })
        .where('company_id', '=', companyId)
        .where('user_id', '=', userId)
        .execute()
    },

    async remove(companyId, userId) {
      const result = await db
        .deleteFrom('pipedrive_installations')
        .where('company_id', '=', companyId)
        .where('user_id', '=', userId)
        .executeTakeFirst()
      return result.numDeletedRows > 0n
    },
  }
}
