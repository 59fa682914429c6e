import { describe, expect, it } from 'vitest'

import {
  RELAY_ERROR_CODES,
  RELAY_ERROR_STATUS,
  relayErrorBodyReadSchema,
  relayErrorBodySchema,
} from './relay-error-body.ts'

describe('the relay’s error codes', () => {
  it('each has the status callers and the OpenAPI document expect', () => {
    expect(RELAY_ERROR_STATUS).toEqual({
      unauthenticated: 401,
      forbidden: 403,
      bad_request: 400,
      not_found: 404,
      misconfigured: 409,
      upstream_unavailable: 503,
      rate_limited: 429,
      internal: 500,
      not_connected: 403,
      payload_too_large: 413,
      no_such_route: 404,
    })
  })

  it('the tuple lists exactly the codes that have a status', () => {
    expect([...RELAY_ERROR_CODES].sort()).toEqual(Object.keys(RELAY_ERROR_STATUS).sort())
  })
})

describe('the relay’s error body', () => {
  const body = { error: { code: 'rate_limited', message: 'Try again shortly', requestId: 'r-1' } }

  it('is what the relay sends, request id optional', () => {
    expect(relayErrorBodySchema.parse(body)).toEqual(body)
    const { requestId: _, ...withoutId } = body.error
    expect(relayErrorBodySchema.safeParse({ error: withoutId }).success).toBe(true)
  })

  it.each([
    ['a code the relay does not have', { error: { code: 'teapot', message: 'm' } }],
    ['no message', { error: { code: 'internal' } }],
    ['a bare string', 'Internal Server Error'],
  ])('refuses %s', (_, bad) => {
    expect(relayErrorBodySchema.safeParse(bad).success).toBe(false)
  })

  it('reads, for an app older than its relay, a code it does not know yet', () => {
    const newer = { error: { code: 'quota_exceeded', message: 'Monthly quota used up' } }
    expect(relayErrorBodyReadSchema.parse(newer)).toEqual(newer)
    expect(relayErrorBodyReadSchema.safeParse({ error: { code: 'x' } }).success).toBe(false)
  })
})
