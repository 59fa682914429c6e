/**
 * @module platform/openapi/error-responses
 * The relay's error answers as every part of the OpenAPI document lists them.
 */
import { z } from 'zod'

import { json } from './openapi-parts.ts'

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), requestId: z.string().optional() }),
})

export const errorResponses = {
  '400': { description: 'Bad request', content: json(errorSchema) },
  '401': { description: 'Not authenticated', content: json(errorSchema) },
  '404': { description: 'No customer matches', content: json(errorSchema) },
  '429': { description: 'Intilery is rate limiting (Retry-After)', content: json(errorSchema) },
  '503': {
    description: 'Intilery is unavailable and nothing is cached (Retry-After)',
    content: json(errorSchema),
  },
}
