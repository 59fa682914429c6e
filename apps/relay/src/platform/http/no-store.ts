/**
 * @module platform/http/no-store
 * `Cache-Control: no-store` on every answer that does not set its own: customer reads, panels,
 * pages and errors alike, so no browser, proxy or CDN keeps a customer's data. Applied to all
 * routes rather than route by route, so a new route cannot forget it; a route that may be cached
 * says so with its own header.
 */
import { createMiddleware } from 'hono/factory'

export function noStore() {
  return createMiddleware(async (c, next) => {
    await next()
    // Set in place, as secureHeaders does: `c.header` after the handler would rebuild the response.
    if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store')
  })
}
