/**
 * @module platform/redis/redis-budget
 * The shared budget (upstream/shared-budget.ts) in Redis or Valkey, through ioredis.
 *
 * Why our own Lua rather than rate-limiter-flexible: its Redis limiters count points per fixed
 * window, which lets up to twice the points through across a window's edge (so "never above 100 in
 * a second" would cost half the budget), and its queue waits per process. What the guard needs is
 * a token bucket (a rate and a burst) whose reservations also say when a token will come, so that
 * readers queue fairly across instances and a read that would come too late is shed at once. GCRA
 * (the generic cell rate algorithm) is exactly that, with one key per credential and one round trip
 * per token, and in a script it is atomic for every instance. The time is Redis's own (`TIME`),
 * so instances whose clocks differ still share one schedule.
 *
 * The connection (redis-connection.ts) fails a reservation at once while Redis is away, and the
 * guard falls back to its own share.
 */
import { createHash } from 'node:crypto'

import type { Redis } from 'ioredis'

import type {
  Reservation,
  ReservationRequest,
  SharedBudgetBackend,
  SharedBudgetMode,
} from '../../upstream/shared-budget.ts'
import { openRedis, whenReady } from './redis-connection.ts'

/**
 * KEYS[1]: the credential's theoretical arrival time (ms, Redis time). ARGV: the interval between
 * tokens (ms), the burst, the longest wait granted (ms), the tokens to leave in the bucket, the
 * tokens to reserve together (all or none; the wait is the last one's).
 * Returns {granted 0/1, wait ms, tokens left}, as strings: Redis would truncate Lua's numbers.
 */
const GCRA = `
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local max_wait = tonumber(ARGV[3])
local keep = tonumber(ARGV[4])
local tokens = tonumber(ARGV[5])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local new_tat = tat + tokens * interval
local wait = new_tat - burst * interval - now
if wait < 0 then wait = 0 end
local left_after = burst - (new_tat - now) / interval
if wait > max_wait or (keep > 0 and left_after < keep) then
  return {'0', tostring(wait), tostring(burst - (tat - now) / interval)}
end
redis.call('SET', KEYS[1], tostring(new_tat), 'PX', math.ceil(new_tat - now) + 1000)
return {'1', tostring(wait), tostring(left_after)}
`

/**
 * Reservations failing one after another while the connection looks up (a Redis that hangs) move
 * this instance to its local share for a while. One failure alone (a stalled event loop) does not:
 * the instances on the shared budget meanwhile would add up to more than the limit.
 */
const FAILURES_BEFORE_LOCAL = 3
const LOCAL_AFTER_FAILURES_MS = 1_000

type GcraRedis = Redis & {
  reserveToken(
    key: string,
    intervalMs: number,
    burst: number,
    maxWaitMs: number,
    keep: number,
    tokens: number
  ): Promise<[string, string, string]>
}

export interface RedisBudgetOptions {
  readonly url: string
  /** Told once per change: `local` when Redis stops answering, `shared` when it is back. */
  readonly onModeChange: (mode: SharedBudgetMode) => void
  readonly now?: () => number
  /** One command's longest wait before the reservation counts as failed. */
  readonly commandTimeoutMs?: number
}

export interface RedisBudget extends SharedBudgetBackend {
  /** Resolves once Redis has answered once, or rejects after `timeoutMs`. */
  ready(timeoutMs: number): Promise<void>
  close(): Promise<void>
}

export function createRedisBudget(options: RedisBudgetOptions): RedisBudget {
  const now = options.now ?? (() => Date.now())
  const client = openRedis(options.url, options.commandTimeoutMs) as GcraRedis
  client.defineCommand('reserveToken', { numberOfKeys: 1, lua: GCRA })
  let mode: SharedBudgetMode = 'local'
  let failedAt = Number.NEGATIVE_INFINITY
  let failures = 0
  const become = (next: SharedBudgetMode) => {
    if (next === mode) return
    mode = next
    options.onModeChange(next)
  }
  client.on('error', () => become('local'))
  client.on('close', () => become('local'))
  client.on('ready', () => become('shared'))

  return {
    mode() {
      if (client.status !== 'ready') return 'local'
      if (failures >= FAILURES_BEFORE_LOCAL && now() - failedAt < LOCAL_AFTER_FAILURES_MS)
        return 'local'
      become('shared')
      return mode
    },

    async reserve(request: ReservationRequest): Promise<Reservation> {
      const key = `intilery-connect:budget:${createHash('sha256').update(request.key).digest('hex')}`
      try {
        const [granted, waitMs, left] = await client.reserveToken(
          key,
          1000 / request.rate.ratePerSecond,
          request.rate.burst,
          request.maxWaitMs,
          request.keepTokens,
          request.tokens ?? 1
        )
        failures = 0
        return { granted: granted === '1', waitMs: Number(waitMs), tokensLeft: Number(left) }
      } catch (error) {
        failedAt = now()
        failures += 1
        if (failures >= FAILURES_BEFORE_LOCAL || client.status !== 'ready') become('local')
        throw error
      }
    },

    ready: (timeoutMs) => whenReady(client, timeoutMs),

    async close() {
      client.removeAllListeners('close')
      await client.quit().catch(() => client.disconnect())
    },
  }
}
