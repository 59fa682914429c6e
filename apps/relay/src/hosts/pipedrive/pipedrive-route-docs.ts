/**
 * @module hosts/pipedrive/pipedrive-route-docs
 * What the Pipedrive routes share to declare themselves with @hono/zod-openapi
 * (platform/openapi/documented-routes.ts): their security schemes, Pipedrive's query parameters,
 * bodies and pages as the OpenAPI document shows them, and the refusals every SDK-token route has.
 */
import { z, type OpenAPIHono } from '@hono/zod-openapi'
import type { Env } from 'hono'

import { errorBody } from '../../platform/openapi/documented-routes.ts'

/** The schemes the routes name in their `security`; registered where the routes are mounted. */
export function registerPipedriveSecuritySchemes<E extends Env>(routes: OpenAPIHono<E>): void {
  const register = routes.openAPIRegistry.registerComponent.bind(routes.openAPIRegistry)
  register('securitySchemes', 'pipedrivePanelToken', {
    type: 'apiKey',
    in: 'query',
    name: 'token',
    description: 'HS256 JWT {userId, companyId} signed by Pipedrive with the panel’s JWT secret',
  })
  register('securitySchemes', 'pipedriveSdkJwt', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'The custom panel’s GET_SIGNED_TOKEN answer (HS256, the custom panel’s secret)',
  })
  register('securitySchemes', 'pipedrivePageToken', {
    type: 'apiKey',
    in: 'query',
    name: 'token',
    description:
      'HS256 JWT {userId, companyId} Pipedrive adds to the custom panel’s URL, signed with the custom panel’s secret',
  })
  register('securitySchemes', 'pipedriveWebhookBasic', {
    type: 'http',
    scheme: 'basic',
    description:
      'The company’s webhook credentials, which the relay made and gave Pipedrive when it subscribed',
  })
  register('securitySchemes', 'pipedriveClient', {
    type: 'http',
    scheme: 'basic',
    description: 'The Pipedrive app’s client_id:client_secret, as Pipedrive sends it',
  })
}

/**
 * A query parameter as these routes always read it. They read parameters with Hono's
 * `c.req.query()`, which takes the first of a repeated one; the route's validator sees a repeated
 * parameter as an array instead, so each takes the first, as before, and answers stay the same.
 */
export const queryParam = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (Array.isArray(value) ? (value as unknown[])[0] : value), schema)

/**
 * A request body as the document shows it, from the zod schema its handler validates it with.
 * The handler validates it, not the route: a declared body would make the route refuse another
 * content type (415) and answer malformed JSON with its own message, and Pipedrive's callbacks
 * promise no content type; the uninstall and visibility notices must also check Basic credentials
 * before their body. So each body answers as before, and its document still cannot drift.
 */
export function bodyFrom(
  mediaType: 'application/json' | 'application/x-www-form-urlencoded',
  schema: z.ZodType
) {
  const jsonSchema = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' })
  return { content: { [mediaType]: { schema: jsonSchema as Record<string, unknown> } } }
}

/** A page or a plain-text refusal, as the document shows it. */
export const textAnswer = (description: string, mediaType: 'text/html' | 'text/plain') => ({
  description,
  content: { [mediaType]: { schema: { type: 'string' as const } } },
})

/** The refusals of every custom-panel API route (the SDK-token middleware's). */
export const sdkTokenRefusals = {
  401: errorBody('The token is missing, expired, forged or for someone else'),
  403: errorBody('`not_connected`: no tenant link, no install, or a dead install'),
} as const
