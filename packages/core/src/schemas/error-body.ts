import { z } from 'zod/mini'

/** Every Profile API error answers `{ "error": { "code", "message" } }`. */
export const errorBodySchema = z.object({
  error: z.looseObject({ code: z.string(), message: z.string() }),
})
export type ErrorBody = z.infer<typeof errorBodySchema>
