/**
 * @module platform/metrics/metrics-route
 * `GET /metrics`: the Prometheus text exposition for the operator. Off (404, like any unknown
 * route) unless `RELAY_METRICS_TOKEN` is set; then only `Authorization: Bearer <that token>`
 * reads it (Prometheus: `authorization: { credentials_file: … }`). The series say how the relay
 * and each tenant's Intilery are doing, never anything about a customer.
 */
import { createRoute, z } from '@hono/zod-openapi'

import { RelayError, UnauthenticatedError } from '../errors.ts'
import type { RelayEnv } from '../http/caller.ts'
import { documentedRoutes, errorBody } from '../openapi/documented-routes.ts'
import { operatorTokenCheck } from './operator-token.ts'
import type { RelayMetrics } from './relay-metrics.ts'

export const METRICS_SECURITY_SCHEME = 'metricsToken'

const metricsRoute = createRoute({
  method: 'get',
  path: '/metrics',
  summary: 'Prometheus metrics (needs RELAY_METRICS_TOKEN)',
  security: [{ [METRICS_SECURITY_SCHEME]: [] }],
  responses: {
    200: {
      description: 'The Prometheus text exposition format',
      content: { 'text/plain': { schema: z.string() } },
    },
    401: errorBody('`unauthenticated`: no token, or not the metrics token'),
    404: errorBody('`no_such_route`: metrics are off (RELAY_METRICS_TOKEN is not set)'),
  },
})

export function metricsRoutes(deps: {
  readonly metrics: RelayMetrics | undefined
  readonly token: string | undefined
}) {
  const routes = documentedRoutes<RelayEnv>()
  routes.openapi(metricsRoute, async (c) => {
    const { metrics, token } = deps
    if (metrics === undefined || token === undefined)
      throw new RelayError('no_such_route', 'No such route')
    const check = await operatorTokenCheck(c.req.header('authorization'), token)
    if (check !== 'ok')
      throw new UnauthenticatedError(check === 'none' ? 'missing_token' : 'bad_metrics_token')
    const { contentType, text } = await metrics.exposition()
    return c.text(text, 200, { 'content-type': contentType })
  })
  routes.openAPIRegistry.registerComponent('securitySchemes', METRICS_SECURITY_SCHEME, {
    type: 'http',
    scheme: 'bearer',
    description: 'The operator’s RELAY_METRICS_TOKEN',
  })
  return routes
}
