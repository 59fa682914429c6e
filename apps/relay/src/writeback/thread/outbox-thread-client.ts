/**
 * @module writeback/thread/outbox-thread-client
 * Claims' picks on a thread of their own (outbox-thread.ts): the outbox store's claimDue asks it
 * for the rows to take, their payloads opened and checked, and leases them itself. On one SQLite
 * connection every statement runs synchronously, and a drain's candidate SELECTs and payload
 * opening kept the event loop that answers sidebars busy, which bench:writeback measured in the
 * reads' p95 (docs/benchmarks.md).
 *
 * For an SQLite file only (a second connection to `:memory:` would be another database).
 */
import { Worker } from 'node:worker_threads'

import type { OutboxPicker, PickedRow } from '../outbox-store.ts'
import type {
  OutboxReply,
  OutboxRequest,
  OutboxThreadData,
  ThreadErrorShape,
} from './outbox-thread-protocol.ts'

export interface OutboxThreadOptions extends OutboxThreadData {
  /** outbox-thread.ts, or its build (dist/outbox-thread.js). */
  readonly entry: URL
  /** The thread failed (a checkpoint, or the thread itself, which is started again). */
  readonly onError: (error: OutboxThreadError) => void
}

/** How long after the thread ends unexpectedly a new one starts. */
const RESTART_AFTER_MS = 1_000

/** An error the outbox thread met (its name, message and code kept), or the thread's own end. */
export class OutboxThreadError extends Error {
  readonly code: string | undefined
  constructor(shape: ThreadErrorShape) {
    super(shape.message)
    // The original's name: the worker's log says which failure it was (a SqliteError, say).
    this.name = shape.name
    this.code = shape.code
  }
}

export interface OutboxThread {
  readonly pick: OutboxPicker
  /** Closes the thread's connection and ends it; picks after this fail. */
  close(): Promise<void>
}

/**
 * A thread started from TypeScript source (tsx, the tests) loads tsx's ESM hooks first: a worker
 * does not inherit the `--import tsx` its process was started with.
 */
function startThread(entry: URL, data: OutboxThreadData): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData: data })
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'))
  const source = `import(${tsx}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}) })`
  return new Worker(source, { eval: true, workerData: data })
}

const threadError = (message: string) =>
  new OutboxThreadError({ name: 'OutboxThreadError', message })

/**
 * Starts the thread at once, not at the first claim: it also checkpoints the relay's log, which
 * must not wait for write-back. Started again if it ends before close().
 */
export function startOutboxThread({ entry, onError, ...data }: OutboxThreadOptions): OutboxThread {
  const pending = new Map<
    number,
    { resolve: (picked: PickedRow[]) => void; reject: (error: Error) => void }
  >()
  let nextId = 1
  let closed = false

  function ended(error: OutboxThreadError) {
    for (const { reject } of pending.values()) reject(error)
    pending.clear()
    if (closed) return
    onError(error)
    setTimeout(() => {
      if (!closed) thread = start()
    }, RESTART_AFTER_MS).unref()
  }

  function start(): Worker {
    const started = startThread(entry, data)
    started.on('message', (reply: OutboxReply) => {
      if (reply.id === 0 && !reply.ok) return onError(new OutboxThreadError(reply.error))
      const call = pending.get(reply.id)
      pending.delete(reply.id)
      if (reply.ok) call?.resolve(reply.picked)
      else call?.reject(new OutboxThreadError(reply.error))
    })
    // 'error' (an uncaught exception) is followed by 'exit': the restart waits for that.
    let failure: OutboxThreadError | undefined
    started.on('error', (error) => (failure = new OutboxThreadError(error)))
    started.on('exit', (code) =>
      ended(failure ?? threadError(`the outbox thread exited (code ${code})`))
    )
    return started
  }

  let thread = start()

  function send(request: (id: number) => OutboxRequest) {
    const id = nextId++
    return new Promise<PickedRow[]>((resolve, reject) => {
      pending.set(id, { resolve, reject })
      thread.postMessage(request(id))
    })
  }

  return {
    pick: (at, { limit, maxBytes, perCustomer }) =>
      closed
        ? Promise.reject(threadError('the outbox thread is closed'))
        : send((id) => ({ id, method: 'pick', at, options: { limit, maxBytes, perCustomer } })),
    async close() {
      if (closed) return
      await send((id) => ({ id, method: 'close' })).catch(() => undefined)
      closed = true
      await thread.terminate()
    },
  }
}
