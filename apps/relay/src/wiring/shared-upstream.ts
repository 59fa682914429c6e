/**
 * @module wiring/shared-upstream
 * Several relay instances, one Intilery budget and one set of answers (#15): with REDIS_URL set,
 * every tenant's guard reserves its tokens in Redis (platform/redis/redis-budget.ts) and shares
 * its answers there (platform/redis/redis-answers.ts); without it, nothing is started and each
 * guard keeps its own bucket and cache. What happens is logged once per change, never the URL.
 */
import type { Logger } from 'pino'

import type { Hasher } from '../platform/crypto/hmac.ts'
import type { SecretBox } from '../platform/crypto/secret-box.ts'
import { loggableError } from '../platform/loggable-error.ts'
import { createRedisAnswers, type RedisAnswers } from '../platform/redis/redis-answers.ts'
import { createRedisBudget, type RedisBudget } from '../platform/redis/redis-budget.ts'
import type { SharedBudgetConfig } from '../platform/redis/redis-config.ts'
import type { UpstreamDeps } from '../upstream/upstream.ts'

/** How long start-up waits for Redis before serving on this instance's own share. */
const FIRST_ANSWER_MS = 2_000
/** A failing shared cache is logged at most this often (the outage itself is logged once). */
const STORE_ERROR_LOG_MS = 60_000

export interface SharedUpstream {
  readonly budget: RedisBudget
  readonly answers: RedisAnswers
  /** What every guard gets (createUpstream's deps). */
  readonly deps: Pick<UpstreamDeps, 'sharedBudget' | 'sharedAnswers'>
  close(): Promise<void>
}

export async function startSharedUpstream(
  config: SharedBudgetConfig,
  crypto: { readonly secretBox: SecretBox; readonly hasher: Hasher },
  logger: Logger
): Promise<SharedUpstream | undefined> {
  if (config.redisUrl === undefined) return undefined
  const share = `1/${config.relayInstances} of each Intilery token's budget (RELAY_INSTANCES)`
  const budget = createRedisBudget({
    url: config.redisUrl,
    onModeChange: (mode) => {
      if (mode === 'shared')
        logger.info('Redis answers: every instance shares each Intilery token’s budget')
      else logger.warn(`Redis does not answer: this instance keeps to ${share} until it does`)
    },
  })
  const answers = createRedisAnswers({ url: config.redisUrl, ...crypto })
  let loggedAt = Number.NEGATIVE_INFINITY
  const onStoreError = (error: unknown) => {
    const now = Date.now()
    if (now - loggedAt < STORE_ERROR_LOG_MS) return
    loggedAt = now
    logger.warn(
      { err: loggableError(error) },
      'shared answers unavailable: reads load from Intilery on their own'
    )
  }
  try {
    await Promise.all([budget.ready(FIRST_ANSWER_MS), answers.ready(FIRST_ANSWER_MS)])
  } catch {
    // Not fatal: the relay serves on its own share and moves to the shared budget once Redis answers.
    logger.warn(`Redis did not answer at start: this instance keeps to ${share} until it does`)
  }
  return {
    budget,
    answers,
    deps: {
      sharedBudget: { backend: budget, instances: config.relayInstances },
      sharedAnswers: { store: answers, onStoreError },
    },
    async close() {
      await Promise.all([budget.close(), answers.close()])
    },
  }
}
