/**
 * @module relay-contract/traits-answer
 * The relay's answer to `GET …/traits`: the Profile API's traits as the core client looked them up.
 * A lookup by email can match several profiles (`list`); by userId or Intilery id, one (`single`).
 */
import { z } from 'zod/mini'

import { traitsSchema } from '../schemas/profile.ts'

export const traitsAnswerSchema = z.object({
  traits: z.union([
    z.object({ kind: z.literal('single'), profile: traitsSchema }),
    z.object({ kind: z.literal('list'), profiles: z.array(traitsSchema) }),
  ]),
  /** When the traits were read from Intilery, ISO 8601. */
  fetchedAt: z.string(),
  /** True when served from cache because Intilery could not be reached. */
  stale: z.boolean(),
})
export type TraitsAnswer = z.infer<typeof traitsAnswerSchema>
