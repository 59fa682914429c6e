/**
 * @module store/audit-log
 * Append-only record of every profile read: who (tenant, channel, caller), what (an HMAC of the
 * looked-up ref and its id type, never the ref), how it went (outcome, status, latency) and the
 * request ids that tie it to logs on both sides. Exports stream in time order, one keyset page at
 * a time, so exporting a year of reads neither loads it into memory nor holds a lock for long.
 */
import type { Insertable, Kysely, Selectable } from 'kysely'
import { z } from 'zod'

import { InvalidInputError, StoreIntegrityError } from './errors.ts'
import { groupCommit } from './group-commit.ts'
import { hostNameSchema } from './tenant-schema.ts'
import type { AuditLogTable, Schema } from './schema.ts'

/** A host module's name (`zendesk`…), `api` for API keys or `cli`: same syntax as host names. */
const channelSchema = hostNameSchema
export const auditOutcomes = ['ok', 'not_found', 'error', 'denied'] as const
export type AuditChannel = string
export type AuditOutcome = (typeof auditOutcomes)[number]

const id = (max: number) => z.string().min(1).max(max)

/**
 * Checked on the way in although the caller is the relay itself: a bad value would otherwise fail
 * on Postgres only (an integer column refuses 12.5) or be stored unreadable.
 */
const auditRecordSchema = z.object({
  tenantId: id(200),
  channel: channelSchema,
  caller: id(500),
  refHmac: id(200),
  idType: id(100),
  outcome: z.enum(auditOutcomes),
  status: z.number().int().min(0).max(999),
  requestId: id(200),
  upstreamRequestId: id(200).optional(),
  /** Durations measured with performance.now() are fractional; the column is whole ms. */
  latencyMs: z.number().nonnegative().max(2_147_483_647).transform(Math.round),
  at: z.date().optional(),
})

export type AuditRecordInput = z.input<typeof auditRecordSchema>

export interface AuditEntry {
  readonly id: string
  readonly at: Date
  readonly tenantId: string
  readonly channel: AuditChannel
  readonly caller: string
  readonly refHmac: string
  readonly idType: string
  readonly outcome: AuditOutcome
  readonly status: number
  readonly requestId: string
  readonly upstreamRequestId?: string
  readonly latencyMs: number
}

export interface AuditLog {
  /**
   * @throws InvalidInputError when the entry is malformed; nothing is written. The HTTP layer
   * fails the read then: a read that cannot be accounted for is not served.
   */
  record(entry: AuditRecordInput): Promise<void>
  /** Entries at or after `since`, oldest first (same-millisecond entries by id). */
  export(since: Date): AsyncIterable<AuditEntry>
}

export interface AuditLogDeps {
  readonly db: Kysely<Schema>
  readonly now: () => number
  /**
   * Channels a read may come through: each host's name, `api`, `cli`. Anything else is a bug in
   * the caller, refused rather than stored. (Rows already stored are read whatever their channel:
   * the trail outlives a host that is no longer registered.)
   */
  readonly channels: readonly string[]
}

/** Rows per export query: small enough to keep each query short, large enough to be cheap. */
export const EXPORT_PAGE_SIZE = 500

const outcomeSchema = z.enum(auditOutcomes)

function toEntry(row: Selectable<AuditLogTable>): AuditEntry {
  const channel = channelSchema.safeParse(row.channel)
  if (!channel.success) throw new StoreIntegrityError('audit_log', 'channel')
  const outcome = outcomeSchema.safeParse(row.outcome)
  if (!outcome.success) throw new StoreIntegrityError('audit_log', 'outcome')
  return {
    id: row.id,
    at: new Date(row.at),
    tenantId: row.tenant_id,
    channel: channel.data,
    caller: row.caller,
    refHmac: row.ref_hmac,
    idType: row.id_type,
    outcome: outcome.data,
    status: row.status,
    requestId: row.request_id,
    ...(row.upstream_request_id === null ? {} : { upstreamRequestId: row.upstream_request_id }),
    latencyMs: row.latency_ms,
  }
}

/** 12 columns a row: 500 rows are 6,000 bound parameters, well inside SQLite's and Postgres' limits. */
const MAX_ROWS_PER_INSERT = 500

type AuditRow = Insertable<AuditLogTable>

export function createAuditLog({ db, now, channels }: AuditLogDeps): AuditLog {
  const insert = groupCommit(
    async (rows: readonly AuditRow[]) => {
      await db
        .insertInto('audit_log')
        .values([...rows])
        .execute()
    },
    { maxBatch: MAX_ROWS_PER_INSERT }
  )
  return {
    async record(input) {
      const parsed = auditRecordSchema.safeParse(input)
      if (!parsed.success) throw InvalidInputError.fromZod('audit entry', parsed.error)
      const entry = parsed.data
      if (!channels.includes(entry.channel))
        throw new InvalidInputError('audit entry', [
          { path: 'channel', message: `not one of ${channels.join(', ')}` },
        ])
      await insert({
        id: crypto.randomUUID(),
        at: entry.at?.getTime() ?? now(),
        tenant_id: entry.tenantId,
        channel: entry.channel,
        caller: entry.caller,
        ref_hmac: entry.refHmac,
        id_type: entry.idType,
        outcome: entry.outcome,
        status: entry.status,
        request_id: entry.requestId,
        upstream_request_id: entry.upstreamRequestId ?? null,
        latency_ms: entry.latencyMs,
      })
    },

    export(since) {
      const sinceMs = since.getTime()
      if (Number.isNaN(sinceMs)) {
        throw new InvalidInputError('audit export', [{ path: 'since', message: 'Invalid Date' }])
      }
      return exportPages(db, sinceMs)
    },
  }
}

async function* exportPages(db: Kysely<Schema>, sinceMs: number): AsyncGenerator<AuditEntry> {
  let cursor: { at: number; id: string } | undefined
  for (;;) {
    const after = cursor
    // Keyset, not OFFSET: each page starts where the last ended via the (at, id) index, so
    // page 1,000 costs what page 1 does, and rows appended meanwhile neither shift nor repeat.
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where((eb) =>
        after === undefined
          ? eb('at', '>=', sinceMs)
          : eb.or([
              eb('at', '>', after.at),
              eb.and([eb('at', '=', after.at), eb('id', '>', after.id)]),
            ])
      )
      .orderBy('at')
      .orderBy('id')
      .limit(EXPORT_PAGE_SIZE)
      .execute()
    for (const row of rows) yield toEntry(row)
    const last = rows.at(-1)
    if (last === undefined || rows.length < EXPORT_PAGE_SIZE) return
    cursor = { at: last.at, id: last.id }
  }
}
