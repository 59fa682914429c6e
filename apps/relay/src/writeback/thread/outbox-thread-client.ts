/**
 * @module writeback/thread/outbox-thread-client
 * Claims' picks on a thread of their own (outbox-thread.ts): the outbox store's claimDue asks it
 * for the rows to take, their payloads opened and checked, and leases them itself. On one SQLite
 * connection every statement runs synchronously, and a drain's candidate SELECTs and payload
 * opening kept the event loop that answers sidebars busy, which bench:writeback measured in the
 * reads' p95 (docs/benchmarks.md). The thread also checkpoints the relay's log.
 *
 * For an SQLite file only (a second connection to `:memory:` would be another database).
 */
import { Worker } from 'node:worker_threads'

import type { OutboxPicker, PickedRow } from '../outbox-store.ts'
import type {
  OutboxRequest,
  OutboxThreadData,
  ThreadErrorShape,
  ThreadMessage,
} from './outbox-thread-protocol.ts'

export interface OutboxThreadOptions extends OutboxThreadData {
  /** outbox-thread.ts, or its build (dist/outbox-thread.js). */
  readonly entry: URL
  /** The thread failed: it ended (and is started again), or a checkpoint failed. */
  readonly onError: (error: OutboxThreadError) => void
  /**
   * A PASSIVE checkpoint on the relay's own connection: run while the thread has not checkpointed
   * for `checkpointOverdueMs`, so the log never grows without bound while the thread is down.
   */
  readonly checkpointHere: () => Promise<void>
  /** Defaults: 5 s; a restart 1 s after the thread ends, doubling to a minute while it keeps failing. */
  readonly checkpointOverdueMs?: number | undefined
  readonly restartAfterMs?: number | undefined
}

/** An error the outbox thread met (its name, message and code kept), or the thread's own end. */
export class OutboxThreadError extends Error {
  readonly code: string | undefined
  constructor(shape: ThreadErrorShape) {
    super(shape.message)
    // The original's name: the log says which failure it was (a SqliteError, say).
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

const threadError = (message: string, code?: string) =>
  new OutboxThreadError({ name: 'OutboxThreadError', message, code })

const asThreadError = (error: unknown) =>
  error instanceof OutboxThreadError
    ? error
    : error instanceof Error
      ? new OutboxThreadError(error)
      : threadError(String(error))

/**
 * Starts the thread at once, not at the first claim: it also checkpoints the relay's log, which
 * must not wait for write-back. Started again if it ends before close().
 */
export function startOutboxThread(options: OutboxThreadOptions): OutboxThread {
  const { entry, onError, checkpointHere, checkpointOverdueMs = 5_000 } = options
  const firstRestartMs = options.restartAfterMs ?? 1_000
  const data: OutboxThreadData = {
    databaseUrl: options.databaseUrl,
    encryptionKey: options.encryptionKey,
  }
  const pending = new Map<
    number,
    { resolve: (picked: PickedRow[]) => void; reject: (error: Error) => void }
  >()
  let nextId = 1
  let thread: Worker | undefined
  let restartMs = firstRestartMs
  let stopping = false
  let closing: Promise<void> | undefined
  let lastCheckpointAt = performance.now()
  let checkpointFailing = false

  function ended(error: OutboxThreadError) {
    thread = undefined
    for (const { reject } of pending.values()) reject(error)
    pending.clear()
    if (stopping) return
    onError(error)
    setTimeout(() => {
      if (!stopping) tryStart()
    }, restartMs).unref()
    restartMs = Math.min(restartMs * 2, 60_000)
  }

  function onMessage(message: ThreadMessage) {
    if ('event' in message) {
      if (message.event === 'checkpointed') {
        lastCheckpointAt = performance.now()
        restartMs = firstRestartMs
        checkpointFailing = false
      } else if (!checkpointFailing) {
        // Once, not every half second, until a checkpoint succeeds again.
        checkpointFailing = true
        onError(new OutboxThreadError(message.error))
      }
      return
    }
    const call = pending.get(message.id)
    pending.delete(message.id)
    if (message.ok) call?.resolve(message.picked)
    else call?.reject(new OutboxThreadError(message.error))
  }

  function tryStart() {
    try {
      const started = startThread(entry, data)
      started.on('message', onMessage)
      // 'error' (an uncaught exception) is followed by 'exit': the restart waits for that.
      let failure: OutboxThreadError | undefined
      started.on('error', (error) => (failure = asThreadError(error)))
      started.on('exit', (code) =>
        ended(failure ?? threadError('the outbox thread exited', `OUTBOX_THREAD_EXIT_${code}`))
      )
      thread = started
    } catch (error) {
      ended(asThreadError(error))
    }
  }

  const watchdog = setInterval(() => {
    if (performance.now() - lastCheckpointAt < checkpointOverdueMs) return
    lastCheckpointAt = performance.now()
    checkpointHere().catch((error: unknown) => onError(asThreadError(error)))
  }, checkpointOverdueMs).unref()

  tryStart()

  function send(request: (id: number) => OutboxRequest): Promise<PickedRow[]> {
    const running = thread
    if (running === undefined || stopping)
      return Promise.reject(threadError('the outbox thread is not running'))
    const id = nextId++
    return new Promise<PickedRow[]>((resolve, reject) => {
      pending.set(id, { resolve, reject })
      running.postMessage(request(id))
    })
  }

  return {
    pick: (at, { limit, maxBytes, perCustomer, inFlight, skipTenants, onlyTenant }) =>
      send((id) => ({
        id,
        method: 'pick',
        at,
        options: { limit, maxBytes, perCustomer, inFlight, skipTenants, onlyTenant },
      })),
    close() {
      closing ??= (async () => {
        clearInterval(watchdog)
        const running = thread
        if (running === undefined) {
          stopping = true
          return
        }
        const closed = send((id) => ({ id, method: 'close' }))
        stopping = true
        await closed.catch((error: unknown) => onError(asThreadError(error)))
        await running.terminate()
      })()
      return closing
    },
  }
}
