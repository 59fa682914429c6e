/** What the delivery worker's test files share: a fixture per test, and messages by customer. */
import { afterEach } from 'vitest'

import { message } from './outbox-message.ts'
import { startWorkerFixture, type WorkerFixture } from './worker-fixture.ts'

/**
 * Registers the closing of each test's fixture. @returns the start of one, with the fixture's
 * options (startWorkerFixture).
 */
export function workerFixtures(): (
  ...args: Parameters<typeof startWorkerFixture>
) => Promise<WorkerFixture> {
  let fixture: WorkerFixture | undefined
  afterEach(async () => {
    await fixture?.close()
    fixture = undefined
  })
  return async (...args) => (fixture = await startWorkerFixture(...args))
}

/** A message of `customer`, who is known to Intilery by userId (no lookup). */
export const byUser = (id: string, customer: string) =>
  message(id, customer, { identity: { userId: `user-${customer}` } })

/** Enqueues messages named customer-letter then number (`a1`: customer a's first). */
export const enqueueNamed = (f: WorkerFixture, ...ids: string[]) =>
  f.store.outbox.enqueue(
    'acme',
    ids.map((id) => byUser(id, id.slice(0, 1)))
  )

/** acme's message `messageId` as `relay outbox list` shows it. */
export const stateOf = async (f: WorkerFixture, messageId: string) =>
  (await f.store.outboxAdmin.list({ tenantId: 'acme', limit: 1_000 })).find(
    (m) => m.messageId === messageId
  )
