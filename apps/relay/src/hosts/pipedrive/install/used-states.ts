/**
 * @module hosts/pipedrive/install/used-states
 * OAuth `state` values the callback has already accepted. A state is signed and expires (10
 * minutes), but within that time a replayed callback URL (browser history, a shared link, a proxy
 * log) would otherwise run the code exchange again with the same browser cookie. Each state's id
 * is recorded in the database when first accepted, so a replay is refused even after a restart or
 * on another relay instance; rows are deleted once their state could no longer verify anyway.
 */
import type { Kysely } from 'kysely'

import type { Schema } from '../../../store/schema.ts'

export interface PipedriveOAuthStatesTable {
  /** The state's random id (its `nonce` claim). */
  nonce: string
  /** Epoch ms after which the state no longer verifies, so the row can go. */
  expires_at: number
}

export type PipedriveOAuthStateTables = {
  pipedrive_oauth_states: PipedriveOAuthStatesTable
}

export interface UsedStateStore {
  /**
   * Records the state as used.
   * @returns false when it already was: a replay.
   */
  claim(nonce: string, expiresAt: number): Promise<boolean>
}

export function createUsedStateStore(deps: {
  readonly db: Kysely<Schema>
  readonly now: () => number
}): UsedStateStore {
  const db = deps.db.withTables<PipedriveOAuthStateTables>()
  return {
    async claim(nonce, expiresAt) {
      // Expired ids go first: their states fail verification before they get here.
      await db.deleteFrom('pipedrive_oauth_states').where('expires_at', '<=', deps.now()).execute()
      // One statement, so two callbacks racing with the same state cannot both win.
      const result = await db
        .insertInto('pipedrive_oauth_states')
        .values({ nonce, expires_at: expiresAt })
        .onConflict((conflict) => conflict.column('nonce').doNothing())
        .executeTakeFirst()
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1
    },
  }
}
