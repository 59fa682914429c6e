/**
 * @module cli/outbox-commands
 * `relay outbox status|list|retry|purge`: what write-back's outbox holds, per tenant, and what to
 * do with dead letters (messages Intilery refused for good, or that failed every retry). Listings
 * name events and messageIds only: never who the customer is or the event's properties.
 */
import { OUTBOX_STATES, type OutboxState } from '../writeback/outbox-schema.ts'
import type { Values } from './cli-args.ts'
import { printListing } from './cli-table.ts'
import { CliUsageError } from './cli-usage-error.ts'
import { knownTenant } from './known-tenant.ts'
import type { CommandContext } from './tenant-commands.ts'

export const OUTBOX_USAGE = `  relay outbox status [--json]                    (per tenant: pending, delivered, dead, oldest pending, last error)
  relay outbox list --tenant <id> [--state pending|delivered|dead] [--limit <n>] [--json]
  relay outbox retry --tenant <id> [--message-id <id>]       (dead messages back to pending)
  relay outbox purge --tenant <id> [--message-id <id>] --yes (deletes dead messages)`

const DEFAULT_LIMIT = 50
const MAX_LIMIT = 1_000

const iso = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString())

/** `3d4h`, `2h5m`, `4m10s`, `12s`: how long the oldest message has waited, at a glance. */
export function age(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000))
  const [d, h, m] = [Math.floor(s / 86_400), Math.floor(s / 3_600) % 24, Math.floor(s / 60) % 60]
  if (d > 0) return `${d}d${h}h`
  if (h > 0) return `${h}h${m}m`
  if (m > 0) return `${m}m${s % 60}s`
  return `${s}s`
}

function stateOf(values: Values): OutboxState | undefined {
  const state = values.state
  if (state === undefined) return undefined
  if (!(OUTBOX_STATES as readonly string[]).includes(state))
    throw new CliUsageError(`--state must be one of ${OUTBOX_STATES.join(', ')}`)
  return state as OutboxState
}

function limitOf(values: Values): number {
  if (values.limit === undefined) return DEFAULT_LIMIT
  const limit = Number(values.limit)
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    throw new CliUsageError(`--limit must be a whole number from 1 to ${MAX_LIMIT}`)
  return limit
}

type Command = (context: CommandContext) => Promise<number>

export const outboxCommands: Readonly<Record<string, Command>> = {
  async 'outbox status'({ values, io, store }) {
    const now = Date.now()
    printListing(io, values.json === true, {
      columns: ['TENANT', 'PENDING', 'DELIVERED', 'DEAD', 'OLDEST PENDING', 'LAST ERROR'],
      items: await store.outboxAdmin.status(),
      row: (t) => [
        t.tenantId,
        String(t.pending),
        String(t.delivered),
        String(t.dead),
        t.oldestPendingAt === undefined ? '' : age(now - t.oldestPendingAt),
        t.lastError === undefined ? '' : `${iso(t.lastError.at)} ${t.lastError.error}`,
      ],
      json: (t) => ({
        tenantId: t.tenantId,
        pending: t.pending,
        delivered: t.delivered,
        dead: t.dead,
        oldestPendingAt: t.oldestPendingAt === undefined ? null : iso(t.oldestPendingAt),
        lastError:
          t.lastError === undefined ? null : { at: iso(t.lastError.at), error: t.lastError.error },
      }),
    })
    return 0
  },

  async 'outbox list'({ values, io, store }) {
    const messages = await store.outboxAdmin.list({
      tenantId: await knownTenant(values, store),
      state: stateOf(values),
      limit: limitOf(values),
    })
    printListing(io, values.json === true, {
      columns: [
        'MESSAGE ID',
        'EVENT',
        'STATE',
        'ATTEMPTS',
        'NEXT ATTEMPT',
        'LAST ERROR',
        'CREATED',
      ],
      items: messages,
      row: (m) => [
        m.messageId,
        m.event,
        m.state,
        String(m.attempts),
        iso(m.nextAttemptAt),
        m.lastError ?? '',
        iso(m.createdAt),
      ],
      json: (m) => ({
        messageId: m.messageId,
        source: m.source,
        event: m.event,
        state: m.state,
        attempts: m.attempts,
        nextAttemptAt: m.nextAttemptAt === undefined ? null : iso(m.nextAttemptAt),
        lastError: m.lastError ?? null,
        createdAt: iso(m.createdAt),
        deliveredAt: m.deliveredAt === undefined ? null : iso(m.deliveredAt),
      }),
    })
    return 0
  },

  async 'outbox retry'({ values, io, store }) {
    const tenantId = await knownTenant(values, store)
    const moved = await store.outboxAdmin.retry(tenantId, values['message-id'])
    io.out(
      `moved ${moved} dead message${moved === 1 ? '' : 's'} of tenant ${tenantId} back to pending\n`
    )
    if (moved === 0 && values['message-id'] !== undefined)
      io.err(`relay: tenant ${tenantId} has no dead message ${values['message-id']}\n`)
    return 0
  },

  async 'outbox purge'({ values, io, store }) {
    if (values.yes !== true)
      throw new CliUsageError('purge deletes dead messages for good: add --yes to go ahead')
    const tenantId = await knownTenant(values, store)
    const deleted = await store.outboxAdmin.purge(tenantId, values['message-id'])
    io.out(`deleted ${deleted} dead message${deleted === 1 ? '' : 's'} of tenant ${tenantId}\n`)
    if (deleted === 0 && values['message-id'] !== undefined)
      io.err(`relay: tenant ${tenantId} has no dead message ${values['message-id']}\n`)
    return 0
  },
}
