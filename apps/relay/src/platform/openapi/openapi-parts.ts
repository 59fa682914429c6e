/**
 * @module routes/openapi-parts
 * The pieces every part of the OpenAPI document builds with: a JSON body from a zod schema (so the
 * document cannot drift from what is validated) and a string query parameter.
 */
import { z } from 'zod'

export const json = (schema: z.core.$ZodType) => ({
  'application/json': { schema: z.toJSONSchema(schema, { unrepresentable: 'any', io: 'output' }) },
})

export const query = (name: string, description: string, required = false) => ({
  name,
  in: 'query',
  required,
  description,
  schema: { type: 'string' },
})
