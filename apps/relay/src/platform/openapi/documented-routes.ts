/**
 * @module platform/openapi/documented-routes
 * Routes declared with @hono/zod-openapi: one zod schema per route validates the request and
 * writes its part of the OpenAPI document, so the two cannot drift apart. A request that fails its
 * schema is the relay's own `bad_request`, with the first issue's message, never zod's raw output.
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import { relayErrorBodySchema } from '@intilery-connect/core'
import type { Env } from 'hono'
import { z } from 'zod'

import { RelayError } from '../errors.ts'

export function documentedRoutes<E extends Env>(): OpenAPIHono<E> {
  return new OpenAPIHono<E>({
    defaultHook: (result) => {
      if (!result.success)
        throw new RelayError('bad_request', result.error.issues[0]?.message ?? 'invalid request')
    },
  })
}

/**
 * A JSON body as the document shows it. Core's schemas are zod/mini (small in browsers), which
 * the OpenAPI generator cannot walk, so each is given as the JSON Schema zod itself emits.
 */
export const jsonContent = (schema: z.core.$ZodType) => ({
  'application/json': {
    schema: z.toJSONSchema(schema, { unrepresentable: 'any', io: 'output' }) as Record<
      string,
      unknown
    >,
  },
})

const errorBody = (description: string) => ({
  description,
  content: jsonContent(relayErrorBodySchema),
})

/** The error answers of a route that reads customers (core's relay contract says what each means). */
export const customerReadErrors = {
  400: errorBody('`bad_request`: the query is malformed'),
  401: errorBody('`unauthenticated`: missing, expired or forged credentials'),
  404: errorBody('`not_found`: no customer matches'),
  409: errorBody('`misconfigured`: Intilery refused the relay’s credentials'),
  429: errorBody('`rate_limited`: Intilery is shedding load (Retry-After)'),
  503: errorBody(
    '`upstream_unavailable`: Intilery is not answering and nothing is cached (Retry-After)'
  ),
} as const

export { errorBody }
