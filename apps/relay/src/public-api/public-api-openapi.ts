/**
 * @module public-api/public-api-openapi
 * The API-key routes' part of the OpenAPI document.
 */
import { errorResponses, errorSchema } from '../platform/openapi/error-responses.ts'
import { json, type OpenApiPart } from '../platform/openapi/openapi-parts.ts'

const errors = errorResponses

export const publicApiOpenApi: OpenApiPart = {
  securitySchemes: {
    apiKey: { type: 'http', scheme: 'bearer', description: 'A relay API key (icr_…)' },
  },
  paths: {
    '/v1/profiles/{ref}/{endpoint}': {
      get: {
        summary:
          'The Profile API for server-side callers, filtered by the key’s trait allowlist. Events page with `?scrollId=` set to the previous answer’s scrollId (a relay cursor; empty on the last page).',
        security: [{ apiKey: [] }],
        parameters: [
          {
            name: 'ref',
            in: 'path',
            required: true,
            description: 'idType:id, the id percent-encoded',
            schema: { type: 'string' },
          },
          {
            name: 'endpoint',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
              enum: ['traits', 'meta', 'metadata', 'audiences', 'events'],
            },
          },
        ],
        responses: {
          '200': { description: 'As the Profile API answers' },
          '403': { description: 'The key may not read this', content: json(errorSchema) },
          ...errors,
        },
      },
    },
  },
}
