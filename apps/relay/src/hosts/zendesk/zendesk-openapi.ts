/**
 * @module hosts/zendesk/zendesk-openapi
 * The Zendesk routes' part of the OpenAPI document: the customer reads behind Zendesk's proxy.
 */
import { customerContextSchema } from '@intilery-connect/core'

import { errorResponses } from '../../platform/openapi/error-responses.ts'
import { json, query, type OpenApiPart } from '../../platform/openapi/openapi-parts.ts'

const errors = errorResponses

export const zendeskOpenApi: OpenApiPart = {
  securitySchemes: {
    zendeskJwt: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description:
        'HS256, signed by Zendesk’s secure-request proxy with the installation’s shared secret',
    },
  },
  paths: {
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
  },
}
