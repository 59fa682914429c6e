/**
 * @module platform/openapi/openapi-parts
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

/** What one part of the relay (a host, the public API) adds to the OpenAPI document. */
export interface OpenApiPart {
  readonly securitySchemes: Readonly<Record<string, object>>
  readonly paths: Readonly<Record<string, object>>
}
