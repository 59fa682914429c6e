/**
 * @module admin/admin-routes
 * `/__admin/*`: fault knobs and counters over HTTP, for a person poking at the demo or a test in
 * another process. Guarded by its own bearer token so a Profile API token cannot change faults.
 */
import { Hono } from 'hono'
import { bearerAuth } from 'hono/bearer-auth'

import type { RequestCounters } from './counters.ts'
import { faultPatchSchema, type FaultKnobs } from './faults.ts'

export function adminRoutes(adminToken: string, faults: FaultKnobs, counters: RequestCounters) {
  const admin = new Hono()
  admin.use(
    '*',
    bearerAuth({
      token: adminToken,
      noAuthenticationHeader: {
        message: {
          error: { code: 'authentication_error', message: 'Bearer admin token required' },
        },
      },
      invalidToken: {
        message: { error: { code: 'authentication_error', message: 'Invalid admin token' } },
      },
      invalidAuthenticationHeader: {
        message: {
          error: { code: 'authentication_error', message: 'Invalid authorization header' },
        },
      },
    })
  )
  admin.get('/faults', (c) => c.json(faults.current))
  admin.put('/faults', async (c) => {
    let body: unknown
    try {
      body = await c.req.json()
    } catch {
      return c.json(
        { error: { code: 'invalid_request_error', message: 'The body is not JSON' } },
        400
      )
    }
    const patch = faultPatchSchema.safeParse(body)
    if (!patch.success) {
      const issue = patch.error.issues[0]
      const message = `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`
      return c.json({ error: { code: 'validation_error', message } }, 400)
    }
    return c.json(faults.set(patch.data))
  })
  admin.delete('/faults', (c) => {
    faults.reset()
    return c.json(faults.current)
  })
  admin.get('/counters', (c) => c.json(counters.snapshot()))
  admin.delete('/counters', (c) => {
    counters.reset()
    return c.json(counters.snapshot())
  })
  return admin
}
