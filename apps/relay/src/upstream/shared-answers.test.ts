// Guards of several instances sharing answers: one upstream load per key among them, a fresh
// shared answer used as it is (its age kept), and the shared store never needed to answer.
import { createProfileRef } from '@intilery-connect/core'
import { describe, expect, it } from 'vitest'

import { createUpstream } from './upstream.ts'
import { memoryAnswers } from './testing/memory-answers.ts'
import { CREDENTIALS, deferred, fakeIntilery, ok, type Handler } from './testing/fake-intilery.ts'
import type { SharedAnswerStore } from './shared-answers.ts'

/** The value, which the test knows is there (the lint forbids `!`). */
function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('expected a value')
  return value
}

const joe = createProfileRef('email', 'joe@example.com')

function instances(count: number, store: SharedAnswerStore, handler: Handler = ok) {
  const fake = fakeIntilery(handler)
  const storeErrors: unknown[] = []
  const guards = Array.from({ length: count }, () =>
    createUpstream(
      CREDENTIALS,
      {},
      { fetch: fake.fetch, sharedAnswers: { store, onStoreError: (e) => storeErrors.push(e) } }
    )
  )
  return { guards, fake, storeErrors }
}

describe('shared answers', () => {
  it('loads a key once among instances reading it at the same time', async () => {
    const gate = deferred<void>()
    const { guards, fake } = instances(3, memoryAnswers(), async (call) => {
      await gate.promise
      return ok(call)
    })
    const reads = Array.from({ length: 300 }, (_, i) => must(guards[i % 3]).meta(joe))
    await expect.poll(() => fake.calls.length).toBe(1)
    gate.resolve()
    const answers = await Promise.all(reads)
    expect(fake.calls).toHaveLength(1)
    expect(new Set(answers.map((a) => a.requestId)).size).toBe(1)
  })

  it('uses another instance’s fresh answer with its age, and asks upstream once it is not fresh', async () => {
    const store = memoryAnswers()
    const { guards, fake } = instances(2, store)
    await must(guards[0]).traits(joe)
    const [, second] = guards
    const key = must([...store.answers.keys()][0])
    const stored = must(store.answers.get(key))
    store.answers.set(key, { ...stored, fetchedAt: stored.fetchedAt - 20_000 })
    const read = await must(second).traits(joe)
    expect(fake.calls).toHaveLength(1)
    expect(read.ageMs).toBeGreaterThanOrEqual(20_000)
    store.answers.set(key, { ...stored, fetchedAt: stored.fetchedAt - 40_000 })
    const third = must(instances(1, store).guards[0])
    await third.traits(joe)
    expect(must(store.answers.get(key)).fetchedAt).toBeGreaterThan(stored.fetchedAt - 1)
  })

  it('answers from upstream when the shared store fails, and reports the failure', async () => {
    const failing: SharedAnswerStore = {
      get: () => Promise.reject(new Error('ECONNREFUSED')),
      set: () => Promise.reject(new Error('ECONNREFUSED')),
      tryLock: () => Promise.reject(new Error('ECONNREFUSED')),
      unlock: () => Promise.reject(new Error('ECONNREFUSED')),
      waitFor: () => Promise.reject(new Error('ECONNREFUSED')),
    }
    const { guards, fake, storeErrors } = instances(1, failing)
    expect((await must(guards[0]).meta(joe)).value).toBeDefined()
    expect(fake.calls).toHaveLength(1)
    expect(storeErrors.length).toBeGreaterThan(0)
  })

  it('loads for itself when the instance holding the lock gives up without an answer', async () => {
    const store = memoryAnswers()
    const { guards, fake } = instances(2, store, (call) =>
      // The first load fails for good (400 is not retried); the waiter must not wait forever.
      fake.calls.length === 1 ? new Response('{}', { status: 400 }) : ok(call)
    )
    const [first, second] = guards
    const failed = must(first)
      .meta(joe)
      .catch((e: unknown) => e)
    await expect.poll(() => fake.calls.length).toBe(1)
    const answered = await must(second).meta(joe)
    expect(answered.value).toBeDefined()
    expect(await failed).toBeInstanceOf(Error)
  })

  it('waits for the refresh instead of taking the stale shared answer it already saw', async () => {
    const store = memoryAnswers()
    const gate = deferred<void>()
    const { guards, fake } = instances(2, store)
    const [first, second] = [must(guards[0]), must(guards[1])]
    await first.traits(joe)
    const key = must([...store.answers.keys()][0])
    const stored = must(store.answers.get(key))
    // Stale everywhere: the first instance refreshes it, the second must wait for that.
    store.answers.set(key, { ...stored, fetchedAt: stored.fetchedAt - 40_000 })
    const refresher = instances(1, store, async (call) => {
      await gate.promise
      return ok(call)
    })
    const refreshing = must(refresher.guards[0]).traits(joe)
    // It holds the key's lock and is loading.
    await expect.poll(() => refresher.fake.calls.length).toBe(1)
    const waiting = second.traits(joe)
    gate.resolve()
    const [fresh, waited] = await Promise.all([refreshing, waiting])
    expect(waited.ageMs).toBeLessThan(30_000)
    expect(waited.requestId).toBe(fresh.requestId)
    expect(fake.calls).toHaveLength(1)
  })
})
