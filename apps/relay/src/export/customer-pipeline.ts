/**
 * @module export/customer-pipeline
 * Reads the roster's customers several at a time and commits them in roster order, so the
 * checkpoint is one number: how many roster customers are in the staged files. A customer with
 * thousands of events scrolls its pages while the next ones are read; their results wait (at most
 * WINDOW customers) until it is committed.
 */
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'

import {
  NotFoundError,
  profileSummarySchema,
  type ProfileClient,
  type ProfileSummary,
} from '@intilery-connect/core'

import { readCustomer, type CustomerData } from './read-customer.ts'
import { stagedPath } from './staging.ts'

/** Customers read at once: enough to keep the budget's tokens in use while each waits for its own. */
const READERS = 8
/** Customers read ahead of the oldest one not yet committed. */
const WINDOW = 32

export type CustomerOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly customerId: string; readonly reason: string }

/** The roster's customers from position `from` on. */
async function* rosterFrom(out: string, from: number): AsyncGenerator<ProfileSummary> {
  const lines = createInterface({
    input: createReadStream(stagedPath(out, 'roster')),
    crlfDelay: Infinity,
  })
  let index = 0
  for await (const line of lines) {
    if (index++ < from || line === '') continue
    yield profileSummarySchema.parse(JSON.parse(line))
  }
}

/** Why a customer could not be read, in words for the manifest (never a token: core redacts). */
function reasonOf(error: unknown): string {
  if (error instanceof NotFoundError) return 'not found: deleted or merged since it was listed'
  return error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error'
}

/**
 * Reads every customer from `from` on and hands each outcome to `commit`, in roster order.
 * @throws the abort reason when `signal` aborts (committed customers stay committed).
 */
export async function readCustomers<T>(
  client: ProfileClient,
  options: {
    /**
     * What a customer's data becomes as soon as it is read (rows as text, features): only this
     * waits for its turn to commit, so the parsed events are garbage at once, not kept for a while.
     */
    readonly prepare: (data: CustomerData) => T
    readonly out: string
    readonly from: number
    readonly since: string | undefined
    readonly signal: AbortSignal
    readonly commit: (outcome: CustomerOutcome<T>) => void
  }
): Promise<void> {
  const { signal } = options
  let active = 0
  const waiting: (() => void)[] = []
  const slot = async () => {
    while (active >= READERS) await new Promise<void>((resolve) => waiting.push(resolve))
    active += 1
  }
  const release = () => {
    active -= 1
    waiting.shift()?.()
  }
  const read = async (summary: ProfileSummary): Promise<CustomerOutcome<T>> => {
    await slot()
    try {
      const data = await readCustomer(client, summary, { since: options.since, signal })
      return { ok: true, value: options.prepare(data) }
    } catch (error) {
      if (signal.aborted) throw signal.reason
      return { ok: false, customerId: summary.id, reason: reasonOf(error) }
    } finally {
      release()
    }
  }
  const queue: { readonly outcome: Promise<CustomerOutcome<T>>; settled: boolean }[] = []
  const commitHead = async () => {
    const head = queue.shift() as (typeof queue)[number]
    options.commit(await head.outcome)
  }
  try {
    for await (const summary of rosterFrom(options.out, options.from)) {
      signal.throwIfAborted()
      const entry = { outcome: read(summary), settled: false }
      // Marked when done; awaited when its turn comes (so a failure is never left unhandled).
      entry.outcome.then(
        () => (entry.settled = true),
        () => (entry.settled = true)
      )
      queue.push(entry)
      while (queue.length >= WINDOW || queue[0]?.settled === true) await commitHead()
    }
    while (queue.length > 0) await commitHead()
  } finally {
    // Stop waiting readers from starting: an abort leaves them to reject on the signal.
    for (const wake of waiting.splice(0)) wake()
  }
}
