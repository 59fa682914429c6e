/**
 * @module writeback/thread/outbox-thread-protocol
 * What the relay's event loop and the outbox thread (outbox-thread.ts) say to each other: a pick
 * of the rows a claim would take (outbox-claim.ts pickRows) per request, answered once.
 */
import type { ClaimOptions, PickedRow } from '../outbox-store.ts'

/** Started with this (workerData): the database, and the key the payloads are sealed with. */
export interface OutboxThreadData {
  readonly databasePath: string
  readonly encryptionKey: string
}

export type PickOptions = Pick<ClaimOptions, 'limit' | 'maxBytes' | 'perCustomer'>

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

/** A reply to request `id`; id 0 is the thread's own work (a checkpoint) failing. */
export type OutboxReply =
  | { readonly id: number; readonly ok: true; readonly picked: PickedRow[] }
  | { readonly id: number; readonly ok: false; readonly error: ThreadErrorShape }
