/**
 * @module writeback/thread/outbox-thread
 * The outbox thread's entry (a worker_threads Worker started by outbox-thread-client.ts): its own
 * connection to the relay's SQLite file, on which it picks the rows each claim takes and opens
 * and checks their payloads, off the event loop that answers sidebars. It only reads: in WAL a
 * reader neither waits for the relay's writes nor holds them up, so neither thread ever sleeps in
 * SQLite's busy wait on the other's account. The lease and every mark stay with the relay.
 *
 * It also checkpoints the write-ahead log for the relay's connection, which then never does
 * (database.ts walCheckpoints): PASSIVE, so it never waits for a reader or writer either.
 */
import { parentPort, workerData } from 'node:worker_threads'

import { sql } from 'kysely'

import { createNodeSecretBox } from '../../platform/crypto/node-secret-box.ts'
import { errorCode } from '../../platform/error-code.ts'
import { openDatabase } from '../../store/database.ts'
import { pickRows } from '../outbox-claim.ts'
import type {
  OutboxReply,
  OutboxRequest,
  OutboxThreadData,
  ThreadErrorShape,
  ThreadMessage,
} from './outbox-thread-protocol.ts'

const port = parentPort
if (port === null) throw new Error('outbox-thread.ts runs as a worker thread only')
const data = workerData as OutboxThreadData
const db = openDatabase(data.databaseUrl)
const secretBox = createNodeSecretBox(data.encryptionKey)
const post = (message: ThreadMessage) => port.postMessage(message)

function shapeOf(error: unknown): ThreadErrorShape {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) }
  return { name: error.name, message: error.message, code: errorCode(error) }
}

/** How often the log is checkpointed: it grows by at most this much of the relay's writes. */
const CHECKPOINT_EVERY_MS = 500

const checkpoint = () => sql`pragma wal_checkpoint(PASSIVE)`.execute(db)

// One piece of work at a time, in order (a close waits for the picks before it).
let queue = Promise.resolve()
let checkpointQueued = false
const checkpoints = setInterval(() => {
  // A slow checkpoint (a large log, a slow disk) is not queued behind by another.
  if (checkpointQueued) return
  checkpointQueued = true
  queue = queue.then(async () => {
    try {
      await checkpoint()
      post({ event: 'checkpointed' })
    } catch (error) {
      post({ event: 'checkpoint-failed', error: shapeOf(error) })
    } finally {
      checkpointQueued = false
    }
  })
}, CHECKPOINT_EVERY_MS)

async function answer(request: OutboxRequest): Promise<OutboxReply> {
  if (request.method === 'close') {
    clearInterval(checkpoints)
    await checkpoint()
    await db.destroy()
    return { id: request.id, ok: true, picked: [] }
  }
  return {
    id: request.id,
    ok: true,
    picked: await pickRows(db, request.at, request.options, secretBox),
  }
}

port.on('message', (request: OutboxRequest) => {
  queue = queue.then(async () => {
    try {
      post(await answer(request))
    } catch (error) {
      post({ id: request.id, ok: false, error: shapeOf(error) })
    }
  })
})
