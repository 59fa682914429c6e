/**
 * The baseline for bench/relay.bench.ts: a bare Hono app on @hono/node-server, in its own process
 * like the relay, answering GET /zendesk/v1/context?email=… with the relay's cached context body for
 * that email (BENCH_BODY_FILE holds `{ [email]: context }`, each serialised and UTF-8 encoded once at
 * start, the cheapest way to answer). No middleware, no auth, no store, no cache: what the relay
 * costs is the difference.
 */
import { readFileSync } from 'node:fs'
import process from 'node:process'

import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const bodyFile = process.env.BENCH_BODY_FILE
const port = Number(process.env.PORT)
if (bodyFile === undefined || !Number.isInteger(port)) {
  process.stderr.write('bare-server: set BENCH_BODY_FILE and PORT\n')
  process.exit(1)
}
const contexts = new Map(
  Object.entries(JSON.parse(readFileSync(bodyFile, 'utf8')) as Record<string, object>).map(
    ([email, context]) => [email, new TextEncoder().encode(JSON.stringify(context))] as const
  )
)

const app = new Hono()
app.get('/healthz', (c) => c.json({ status: 'ok' }))
app.get('/zendesk/v1/context', (c) => {
  const context = contexts.get(c.req.query('email') ?? '')
  return context === undefined
    ? c.json({ error: { code: 'not_found' } }, 404)
    : c.body(context, 200, { 'content-type': 'application/json' })
})

const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port })
const stop = () => {
  server.close(() => process.exit(0))
  if ('closeAllConnections' in server) server.closeAllConnections()
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
