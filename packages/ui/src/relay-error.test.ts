import { describe, expect, it } from 'vitest'

import { relayCallError } from './relay-error.ts'

const body = (code: string) =>
  JSON.stringify({ error: { code, message: `m-${code}`, requestId: 'r1' } })

describe('relayCallError', () => {
  it.each([
    [404, 'not_found', 'not_found'],
    [429, 'rate_limited', 'rate_limited'],
    [503, 'upstream_unavailable', 'unavailable'],
    [504, 'upstream_unavailable', 'unavailable'],
    [401, 'unauthenticated', 'misconfigured'],
    [409, 'misconfigured', 'misconfigured'],
    [400, 'bad_request', 'bad_request'],
    // The relay has no such path: a wrong relay URL, never "no customer".
    [404, 'no_such_route', 'misconfigured'],
  ] as const)('classifies %i %s as %s', (status, code, failure) => {
    const error = relayCallError(status, body(code), '7')
    expect(error).toMatchObject({
      failure,
      details: { status, code, requestId: 'r1', retryAfter: 7 },
    })
    expect(error.message).toBe(`m-${code}`)
  })

  it('reports no answer, or a 5xx without the relay’s body, as no relay answering', () => {
    expect(relayCallError(0, undefined).failure).toBe('network')
    const error = relayCallError(502, '<html>bad gateway</html>', null)
    expect(error.failure).toBe('network')
    expect(error.details).toMatchObject({ status: 502, code: undefined, retryAfter: undefined })
    expect(error.message).toBe('The relay answered 502')
    expect(relayCallError(503, '', null).failure).toBe('network')
  })

  it('blames Intilery only when the relay does: its own 500 is a relay error', () => {
    expect(relayCallError(500, body('internal'), null)).toMatchObject({
      failure: 'relay_error',
      details: { status: 500, code: 'internal', requestId: 'r1' },
    })
    expect(relayCallError(502, body('upstream_unavailable'), null).failure).toBe('unavailable')
  })

  it('keeps the message and code of an error code this app does not know yet', () => {
    const error = relayCallError(503, body('quota_exceeded'), null)
    expect(error).toMatchObject({ failure: 'relay_error', details: { code: 'quota_exceeded' } })
    expect(error.message).toBe('m-quota_exceeded')
  })
})
