/**
 * @module routes/openapi
 * The relay's OpenAPI 3.1 document, built from the same zod schemas that validate the data (zod 4
 * emits JSON Schema), so the document cannot drift from what the relay answers.
 */
import { customerContextSchema } from '@intilery-connect/core'
import { z } from 'zod'

import { json, query } from './openapi-parts.ts'
import { pipedrivePaths, pipedriveSecuritySchemes } from '../../hosts/pipedrive/pipedrive-openapi.ts'

const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), requestId: z.string().optional() }),
})

const errors = {
  '400': { description: 'Bad request', content: json(errorSchema) },
  '401': { description: 'Not authenticated', content: json(errorSchema) },
  '404': { description: 'No customer matches', content: json(errorSchema) },
  '429': { description: 'Intilery is rate limiting (Retry-After)', content: json(errorSchema) },
  '503': {
    description: 'Intilery is unavailable and nothing is cached (Retry-After)',
    content: json(errorSchema),
  },
}

let cached: object | undefined

export function openApiDocument(): object {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'Intilery Connect relay',
      version: '0.1.0',
      description:
        'Customer context from the Intilery Profile API for Zendesk, Pipedrive and server-side callers.',
    },
    components: {
      securitySchemes: {
        zendeskJwt: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'HS256, signed by Zendesk’s secure-request proxy with the installation’s shared secret',
        },
        apiKey: { type: 'http', scheme: 'bearer', description: 'A relay API key (icr_…)' },
        ...pipedriveSecuritySchemes,
      },
    },
    paths: {
      '/healthz': {
        get: {
          summary: 'Liveness',
          security: [],
          responses: { '200': { description: 'The process answers' } },
        },
      },
      '/readyz': {
        get: {
          summary: 'Readiness: store and upstream',
          security: [],
          responses: { '200': { description: 'Ready' }, '503': { description: 'Not ready' } },
        },
      },
      '/zendesk/v1/context': {
        get: {
          summary: 'The customer context for a ticket requester (one of email, userId, id)',
          security: [{ zendeskJwt: [] }],
          parameters: [
            query('email', 'Requester email'),
            query('userId', 'Intilery userId'),
            query('id', 'Intilery id'),
          ],
          responses: {
            '200': {
              description: 'Profiles and the first timeline page',
              content: json(customerContextSchema),
            },
            ...errors,
          },
        },
      },
      '/zendesk/v1/events': {
        get: {
          summary: 'A timeline page: the first for a filter, or the next after `cursor`',
          security: [{ zendeskJwt: [] }],
          parameters: [
            query('ref', 'idType:id', true),
            query('include', 'Event keys or names, comma separated'),
            query('exclude', 'Event keys or names, comma separated'),
            query('start', 'ISO 8601, inclusive'),
            query('end', 'ISO 8601, exclusive'),
            query('cursor', 'The relay’s cursor from the previous page (opaque; never expires)'),
          ],
          responses: { '200': { description: 'A page of events' }, ...errors },
        },
      },
      '/zendesk/v1/traits': {
        get: {
          summary: 'Standard and computed traits',
          security: [{ zendeskJwt: [] }],
          parameters: [query('ref', 'idType:id', true)],
          responses: { '200': { description: 'Traits' }, ...errors },
        },
      },
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
      ...pipedrivePaths,
    },
  }
  return cached
}
