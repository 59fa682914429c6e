/**
 * @module writeback/thread/outbox-thread-protocol
 * What the relay's event loop and the outbox thread (outbox-thread.ts) say to each other: a pick
 * of the rows a claim would take (outbox-claim.ts pickRows) per request, answered once; and, from
 * the thread unasked, how its checkpoints of the relay's log go.
 */
import type { PickedRow, PickOptions } from '../outbox-store.ts'

/** Started with this (workerData): the relay's database, and the key the payloads are sealed with. */
export interface OutboxThreadData {
  /** DATABASE_URL as the relay was given it (an SQLite file): read the same way (store/database.ts). */
  readonly databaseUrl: string
  readonly encryptionKey: string
}

export type OutboxRequest =
  | {
      readonly id: number
      readonly method: 'pick'
      readonly at: number
      readonly options: PickOptions
    }
  | { readonly id: number; readonly method: 'close' }

/** An error as it crosses back: its name, message and (SQLite's) code. */
export interface ThreadErrorShape {
  readonly name: string
  readonly message: string
  readonly code?: string | undefined
}

export type OutboxReply =
  | { readonly id: number; readonly ok: true; readonly picked: PickedRow[] }
  | { readonly id: number; readonly ok: false; readonly error: ThreadErrorShape }

/** The thread's own work: a checkpoint done, or failed. */
export type ThreadEvent =
  | { readonly event: 'checkpointed' }
  | { readonly event: 'checkpoint-failed'; readonly error: ThreadErrorShape }

export type ThreadMessage = OutboxReply | ThreadEvent
