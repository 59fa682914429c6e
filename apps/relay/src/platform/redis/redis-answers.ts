/**
 * @module platform/redis/redis-answers
 * Upstream answers shared by several relay instances (upstream/shared-answers.ts), in Redis or
 * Valkey through ioredis.
 *
 * What reaches Redis is customer data, so it is kept as the relay keeps secrets: each answer
 * sealed with the relay's encryption key (AES-256-GCM, bound to its key), under a key that is an
 * HMAC of the cache key (which holds the customer's email or id), never the key itself.
 *
 * Locks are `SET NX PX` with a token of this instance's own, given up only by their holder (a
 * compare-and-delete script), so a slow holder whose lock ran out cannot release a newer one.
 * Waiters are woken through one pub/sub channel (one subscriber connection per instance) when an
 * answer is stored or a lock given up, instead of polling Redis.
 */
import { randomUUID } from 'node:crypto'

import type { Redis } from 'ioredis'
import { z } from 'zod'

import type { SharedAnswer, SharedAnswerStore } from '../../upstream/shared-answers.ts'
import type { Hasher } from '../crypto/hmac.ts'
import type { SecretBox } from '../crypto/secret-box.ts'
import { openRedis, openRedisSubscriber, whenReady } from './redis-connection.ts'

const CHANNEL = 'intilery-connect:answers'
const UNLOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`

/** What an answer opens to: checked, since Redis is outside the relay's trust. */
const storedAnswer = z.object({
  value: z.unknown(),
  requestId: z.string().optional(),
  fetchedAt: z.number(),
})

type UnlockRedis = Redis & { unlockIfOwn(key: string, token: string): Promise<number> }

export interface RedisAnswersOptions {
  readonly url: string
  readonly secretBox: SecretBox
  /** Keyed hash of the cache key (the audit HMAC): Redis never sees an email or id. */
  readonly hasher: Hasher
  readonly commandTimeoutMs?: number
}

export interface RedisAnswers extends SharedAnswerStore {
  /** Resolves once both connections are up (subscribed too), or rejects after `timeoutMs`. */
  ready(timeoutMs: number): Promise<void>
  close(): Promise<void>
}

export function createRedisAnswers(options: RedisAnswersOptions): RedisAnswers {
  const client = openRedis(options.url, options.commandTimeoutMs) as UnlockRedis
  client.defineCommand('unlockIfOwn', { numberOfKeys: 1, lua: UNLOCK })
  const subscriber = openRedisSubscriber(options.url)
  const waiters = new Map<string, Set<() => void>>()
  const subscribed = subscriber.subscribe(CHANNEL)
  subscribed.catch(() => undefined)
  subscriber.on('message', (_channel: string, hashed: string) => {
    for (const wake of waiters.get(hashed) ?? []) wake()
  })
  const tokens = new Map<string, string>()

  const hashed = (key: string) => options.hasher(`upstream-answer\u0000${key}`)
  const answerKey = (h: string) => `intilery-connect:answer:${h}`
  const lockKey = (h: string) => `intilery-connect:lock:${h}`
  const context = (h: string) => `upstream-answer:${h}`

  async function read(h: string): Promise<SharedAnswer | undefined> {
    const sealed = await client.get(answerKey(h))
    if (sealed === null) return undefined
    const parsed = storedAnswer.parse(JSON.parse(await options.secretBox.open(sealed, context(h))))
    return { value: parsed.value, requestId: parsed.requestId, fetchedAt: parsed.fetchedAt }
  }

  return {
    get: async (key) => read(await hashed(key)),

    async set(key, answer, ttlMs) {
      const h = await hashed(key)
      const sealed = await options.secretBox.seal(JSON.stringify(answer), context(h))
      await client.set(answerKey(h), sealed, 'PX', Math.max(1, Math.ceil(ttlMs)))
      await client.publish(CHANNEL, h)
    },

    async tryLock(key, ttlMs) {
      const h = await hashed(key)
      const token = randomUUID()
      // Kept before asking, so that a lock taken whose answer was lost can still be given back.
      tokens.set(h, token)
      const set = await client.set(lockKey(h), token, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX')
      if (set === 'OK') return true
      tokens.delete(h)
      return false
    },

    async unlock(key) {
      const h = await hashed(key)
      const token = tokens.get(h)
      if (token === undefined) return
      tokens.delete(h)
      await client.unlockIfOwn(lockKey(h), token)
      await client.publish(CHANNEL, h)
    },

    async waitFor(key, newerThan, waitMs, signal) {
      const h = await hashed(key)
      let wake = () => {}
      const woken = new Promise<void>((resolve) => (wake = resolve))
      const mine = waiters.get(h) ?? new Set()
      mine.add(wake)
      waiters.set(h, mine)
      const timer = setTimeout(wake, waitMs)
      signal.addEventListener('abort', wake, { once: true })
      // Only an answer newer than the one the caller already found (and found stale).
      const newer = async () => {
        const answer = await read(h)
        return answer !== undefined && answer.fetchedAt > newerThan ? answer : undefined
      }
      try {
        // Registered before looking, so an answer stored meanwhile wakes us rather than slipping by.
        const [answer, locked] = await Promise.all([newer(), client.exists(lockKey(h))])
        if (answer !== undefined) return answer
        // The lock is free: its holder gave up, or stored the answer and let go between the two
        // commands above. One more look tells which, instead of loading the answer a second time.
        if (locked === 0) return await newer()
        await woken
        return signal.aborted ? undefined : await newer()
      } finally {
        clearTimeout(timer)
        signal.removeEventListener('abort', wake)
        mine.delete(wake)
        if (mine.size === 0) waiters.delete(h)
      }
    },

    async ready(timeoutMs) {
      let timer: ReturnType<typeof setTimeout> | undefined
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`not subscribed within ${timeoutMs} ms`)),
          timeoutMs
        )
      })
      try {
        await Promise.all([whenReady(client, timeoutMs), Promise.race([subscribed, late])])
      } finally {
        clearTimeout(timer)
      }
    },

    async close() {
      subscriber.disconnect()
      await client.quit().catch(() => client.disconnect())
    },
  }
}
