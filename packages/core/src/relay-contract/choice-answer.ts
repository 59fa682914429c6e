/**
 * @module relay-contract/choice-answer
 * The agent's remembered choice among customers sharing an identity: the context answer's `choice`
 * (customer-context.ts), and the answer of `PUT …/choice` (the choice now kept) and
 * `DELETE …/choice` (none kept).
 */
import { z } from 'zod/mini'

import { MAX_PROFILE_ID_LENGTH } from '../profile-ref.ts'

export const rememberedChoiceSchema = z.object({
  /** The chosen customer's Intilery id; the relay answers it only while it is among the matches. */
  id: z.string().check(z.minLength(1), z.maxLength(MAX_PROFILE_ID_LENGTH)),
})

export const choiceAnswerSchema = z.object({ choice: z.nullable(rememberedChoiceSchema) })
export type ChoiceAnswer = z.infer<typeof choiceAnswerSchema>
