/**
 * @module platform/redis/redis-connection
 * How the relay talks to Redis (the shared budget and the shared answers alike): ioredis with its
 * offline queue off and a short command timeout, so that while Redis is away a command fails at
 * once and the caller falls back, instead of waiting for a reconnection that may never come; and
 * reconnecting for as long as the relay runs, at most a second apart.
 */
import { Redis } from 'ioredis'

/** One command's longest wait before it counts as failed. */
export const DEFAULT_COMMAND_TIMEOUT_MS = 250

const reconnectAfter = (attempt: number) => Math.min(100 * attempt, 1_000)

/** A connection for commands. Failures are each command's to report (it rejects). */
export function openRedis(url: string, commandTimeoutMs = DEFAULT_COMMAND_TIMEOUT_MS): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    connectTimeout: 2_000,
    retryStrategy: reconnectAfter,
  })
  // ioredis reports connection failures as 'error' events; unheard, Node would print each one.
  client.on('error', () => undefined)
  return client
}

/** A connection for SUBSCRIBE, which it queues until connected and repeats after reconnecting. */
export function openRedisSubscriber(url: string): Redis {
  const subscriber = new Redis(url, { retryStrategy: reconnectAfter })
  subscriber.on('error', () => undefined)
  return subscriber
}

/** Resolves once `client` is connected (at once if it is), or rejects after `timeoutMs`. */
export function whenReady(client: Redis, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (client.status === 'ready') {
      resolve()
      return
    }
    const onReady = () => {
      clearTimeout(timer)
      resolve()
    }
    const timer = setTimeout(() => {
      client.off('ready', onReady)
      reject(new Error(`Redis did not answer within ${timeoutMs} ms`))
    }, timeoutMs)
    client.once('ready', onReady)
  })
}
