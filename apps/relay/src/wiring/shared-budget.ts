/**
 * @module wiring/shared-budget
 * Several relay instances, one Intilery budget (#15): with REDIS_URL set, every tenant's guard
 * reserves its tokens in Redis (platform/redis/redis-budget.ts); without it, nothing is started and
 * each guard keeps its own bucket. What happens is logged once per change, never the URL.
 */
import type { Logger } from 'pino'

import { createRedisBudget, type RedisBudget } from '../platform/redis/redis-budget.ts'
import type { SharedBudgetConfig } from '../platform/redis/redis-config.ts'

/** How long start-up waits for Redis before serving on this instance's own share. */
const FIRST_ANSWER_MS = 2_000

export async function startSharedBudget(
  config: SharedBudgetConfig,
  logger: Logger
): Promise<RedisBudget | undefined> {
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
  try {
    await budget.ready(FIRST_ANSWER_MS)
  } catch {
    // Not fatal: the relay serves on its own share and moves to the shared budget once Redis answers.
    logger.warn(`Redis did not answer at start: this instance keeps to ${share} until it does`)
  }
  return budget
}
