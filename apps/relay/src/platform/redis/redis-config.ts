/**
 * @module platform/redis/redis-config
 * Settings for several relay instances sharing one Intilery budget (#15), read with the relay's
 * others (wiring/relay-config.ts). Without REDIS_URL each instance keeps its own bucket, the
 * right choice for one instance.
 */
import { z } from 'zod'

const shape = {
  /** `redis://` or `rediss://` (TLS); may carry a password, so it is treated as a secret. */
  redisUrl: z
    .url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' })
    .optional(),
  /**
   * How many relay instances share each Intilery token. While Redis does not answer, each keeps
   * to 1/this of the budget, so together they still stay within Intilery's limit.
   */
  relayInstances: z.coerce
    .number()
    .int()
    .min(1)
    // Each share's burst is at least one token: past the burst (15), the shares would add up to more.
    .max(15, 'at most 15: each instance keeps at least one token of the burst of 15 for itself')
    .default(1),
}

export type SharedBudgetConfig = z.output<z.ZodObject<typeof shape>>

/** A part of the relay's settings (platform/config's ConfigPart). */
export const sharedBudgetConfig = {
  shape,
  env: {
    redisUrl: 'REDIS_URL',
    relayInstances: 'RELAY_INSTANCES',
  } satisfies Record<keyof typeof shape, string>,
  secrets: ['redisUrl'],
}
