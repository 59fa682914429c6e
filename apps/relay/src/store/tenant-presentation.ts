/**
 * @module store/tenant-presentation
 * A tenant's presentation settings (which traits lead the header, labels, formats, audience names)
 * and its record link template, in two nullable columns of its row. Read on every host app's
 * context answer rather than with the cached tenant, so a change made by the CLI (another process)
 * or another relay instance shows on the very next request.
 */
import type { Presentation } from '@intilery-connect/core'
import { LRUCache } from 'lru-cache'

import { StoreIntegrityError } from './errors.ts'
import { parsePresentation, parseRecordUrl } from './presentation-schema.ts'
import type { Executor, TenantsTable } from './schema.ts'

export interface PresentationSettings {
  /** Unset: the formatters' defaults apply. */
  readonly presentation?: Presentation | undefined
  /** Unset: the link is built from the tenant's Intilery ids (customers/record-url.ts). */
  readonly recordUrl?: string | undefined
}

/** What to change: a value sets it, `null` clears it, absent keeps it. */
export interface PresentationChange {
  readonly presentation?: unknown
  readonly recordUrl?: string | null | undefined
}

export interface PresentationStore {
  /** @returns undefined when there is no such tenant. @throws StoreIntegrityError */
  get(tenantId: string): Promise<PresentationSettings | undefined>
  /**
   * @returns false when there is no such tenant.
   * @throws InvalidInputError naming the wrong fields in words; nothing is written.
   */
  set(tenantId: string, change: PresentationChange): Promise<boolean>
}

/**
 * The columns for settings given whole (a tenants file, `tenants add`): unset ones are null.
 * @throws InvalidInputError
 */
export function presentationColumns(
  settings: PresentationSettings
): Pick<TenantsTable, 'presentation_json' | 'record_url'> {
  return {
    presentation_json:
      settings.presentation === undefined
        ? null
        : JSON.stringify(parsePresentation(settings.presentation)),
    record_url: settings.recordUrl === undefined ? null : parseRecordUrl(settings.recordUrl),
  }
}

/** A stored value that does not parse was not written by this store (see StoreIntegrityError). */
function stored<T>(column: keyof TenantsTable, parse: () => T): T {
  try {
    return parse()
  } catch (cause) {
    throw new StoreIntegrityError('tenants', column, { cause })
  }
}

export function createPresentationStore({
  db,
  now,
}: {
  readonly db: Executor
  readonly now: () => number
}): PresentationStore {
  // By stored text: while a tenant's settings stay the same, every read answers the same object,
  // whose JSON the context answers then encode once (customers/display-json.ts).
  const known = new LRUCache<string, PresentationSettings>({ max: 1_000 })
  const settingsOf = (row: Pick<TenantsTable, 'presentation_json' | 'record_url'>) => {
    const key = JSON.stringify([row.presentation_json, row.record_url])
    const hit = known.get(key)
    if (hit !== undefined) return hit
    const { presentation_json: json, record_url: url } = row
    const settings: PresentationSettings = {
      ...(json === null
        ? {}
        : { presentation: stored('presentation_json', () => parsePresentation(JSON.parse(json))) }),
      ...(url === null ? {} : { recordUrl: stored('record_url', () => parseRecordUrl(url)) }),
    }
    known.set(key, settings)
    return settings
  }

  return {
    async get(tenantId) {
      const row = await db
        .selectFrom('tenants')
        .select(['presentation_json', 'record_url'])
        .where('id', '=', tenantId)
        .executeTakeFirst()
      return row === undefined ? undefined : settingsOf(row)
    },

    async set(tenantId, change) {
      const columns: Partial<TenantsTable> = {}
      if (change.presentation !== undefined)
        columns.presentation_json =
          change.presentation === null
            ? null
            : JSON.stringify(parsePresentation(change.presentation))
      if (change.recordUrl !== undefined)
        columns.record_url = change.recordUrl === null ? null : parseRecordUrl(change.recordUrl)
      const result = await db
        .updateTable('tenants')
        .set({ ...columns, updated_at: now() })
        .where('id', '=', tenantId)
        .executeTakeFirst()
      return result.numUpdatedRows > 0n
    },
  }
}
