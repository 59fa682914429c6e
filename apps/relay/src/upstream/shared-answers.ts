/**
 * @module upstream/shared-answers
 * Upstream answers shared by several relay instances (#15): a second cache level behind each
 * instance's own (read-through-cache.ts), and one load per key across the instances. When an
 * instance misses, it takes the shared answer if one is fresh; otherwise the first instance to
 * take the key's lock loads it from Intilery and stores it, and the others wait for that answer
 * instead of asking Intilery too. So 1,000 agents opening one customer through three instances
 * cost one read per endpoint, as they do through one.
 *
 * Only answers are shared (never a 404 or a failure), and whatever the shared store cannot do
 * (Redis down, a lock holder that died) ends in this instance loading for itself: sharing saves
 * requests, it is never needed to answer. The Redis implementation is
 * platform/redis/redis-answers.ts; this side has no driver.
 */
import type { Loaded } from './read-through-cache.ts'

export interface SharedAnswer {
  readonly value: unknown
  readonly requestId: string | undefined
  /** When upstream produced it (epoch ms). */
  readonly fetchedAt: number
}

export interface SharedAnswerStore {
  get(key: string): Promise<SharedAnswer | undefined>
  /** Stores the answer for `ttlMs` and wakes the instances waiting for it. */
  set(key: string, answer: SharedAnswer, ttlMs: number): Promise<void>
  /** @returns true when this instance now loads the key for everyone, for at most `ttlMs`. */
  tryLock(key: string, ttlMs: number): Promise<boolean>
  /** Gives the lock up and wakes the waiters (they load for themselves if nothing was stored). */
  unlock(key: string): Promise<void>
  /**
   * An answer newer than `newerThan` (epoch ms) once another instance stored it, or undefined when
   * it gave up (the lock is free) or `waitMs` passed.
   */
  waitFor(
    key: string,
    newerThan: number,
    waitMs: number,
    signal: AbortSignal
  ): Promise<SharedAnswer | undefined>
}

export interface SharedLoadOptions {
  readonly store: SharedAnswerStore
  readonly now: () => number
  /** How long an answer may be used by any instance (the guard's max stale age). */
  readonly keepMs: number
  /** How long a lock holder may take: the read's deadline. */
  readonly loadMs: number
  /**
   * How long the others wait for it before loading for themselves: part of the deadline, so a
   * holder that died or a wake-up lost while Redis reconnected still leaves time to answer.
   */
  readonly waitMs: number
  /** A shared-store failure: counted and logged by the caller; this read loads for itself. */
  readonly onStoreError: (error: unknown) => void
}

/** `load`, preceded by the shared answer when fresh and shared with the other instances. */
export function sharedLoad(
  options: SharedLoadOptions,
  key: string,
  freshMs: number,
  load: (signal: AbortSignal) => Promise<Loaded>
): (signal: AbortSignal) => Promise<Loaded> {
  const { store, now } = options
  const attempt = async <T>(step: () => Promise<T>): Promise<T | typeof FAILED> => {
    try {
      return await step()
    } catch (error) {
      options.onStoreError(error)
      return FAILED
    }
  }
  return async (signal) => {
    const stored = await attempt(() => store.get(key))
    if (stored === FAILED) return load(signal)
    if (stored !== undefined && now() - stored.fetchedAt < freshMs) return stored
    const locked = await attempt(() => store.tryLock(key, options.loadMs))
    if (locked === FAILED) {
      // The lock may have been taken after all (an answer lost on the way): give it back after.
      try {
        return await load(signal)
      } finally {
        await attempt(() => store.unlock(key))
      }
    }
    if (!locked) {
      const seen = stored?.fetchedAt ?? Number.NEGATIVE_INFINITY
      const answer = await attempt(() => store.waitFor(key, seen, options.waitMs, signal))
      if (answer !== FAILED && answer !== undefined) return answer
      return load(signal)
    }
    try {
      const loaded = await load(signal)
      const answer = { value: loaded.value, requestId: loaded.requestId, fetchedAt: now() }
      await attempt(() => store.set(key, answer, options.keepMs))
      return answer
    } finally {
      await attempt(() => store.unlock(key))
    }
  }
}

const FAILED = Symbol('shared store failed')
