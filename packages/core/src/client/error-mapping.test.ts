import { afterEach, describe, expect, it, vi } from 'vitest'

import {
  AuthenticationError,
  type IntileryError,
  InvalidRequestError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitError,
  UpstreamError,
  ValidationError,
} from '../errors.ts'
import { errorFromResponse, parseRetryAfter } from './error-mapping.ts'

const body = (code: string, message: string) => JSON.stringify({ error: { code, message } })
const noHeaders = new Headers()

afterEach(() => {
  vi.useRealTimers()
})

describe('parseRetryAfter', () => {
  it.each([null, '', '   '])('is undefined for the missing header %j', (header) => {
    expect(parseRetryAfter(header)).toBeUndefined()
  })

  it.each([
    ['0', 0],
    ['1', 1],
    ['120', 120],
    [' 7 ', 7],
  ])('reads delta-seconds %j as %d', (header, seconds) => {
    expect(parseRetryAfter(header)).toBe(seconds)
  })

  it('reads an HTTP date relative to now, rounding up', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:27:50 GMT')
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', now)).toBe(10)
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', now + 8_500)).toBe(2)
  })

  it('reads an HTTP date in the past as 0', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:00:00 GMT', now)).toBe(0)
  })

  it.each(['soon', 'in a bit', 'NaN'])('is undefined for the unreadable %j', (header) => {
    expect(parseRetryAfter(header)).toBeUndefined()
  })
})

describe('errorFromResponse: by the body’s error.code first', () => {
  it.each([
    ['authentication_error', 401, AuthenticationError],
    ['validation_error', 400, ValidationError],
    ['invalid_request_error', 400, InvalidRequestError],
    ['not_found', 404, NotFoundError],
    ['rate_limit_error', 429, RateLimitError],
  ] as const)('maps %s (HTTP %d)', (code, status, Class) => {
    const error = errorFromResponse(status, body(code, `the ${code} message`), noHeaders, 'req-1')
    expect(error).toBeInstanceOf(Class)
    expect(error.code).toBe(code)
    expect(error.message).toBe(`the ${code} message`)
    expect(error.status).toBe(status)
    expect(error.requestId).toBe('req-1')
  })

  it('tells validation_error and invalid_request_error apart on the same 400', () => {
    expect(
      errorFromResponse(
        400,
        body('validation_error', 'ProfileID must be in format of id_type:id'),
        noHeaders,
        undefined
      )
    ).toBeInstanceOf(ValidationError)
    expect(
      errorFromResponse(
        400,
        body('invalid_request_error', 'scrollId is invalid or has timed out'),
        noHeaders,
        undefined
      )
    ).toBeInstanceOf(InvalidRequestError)
  })

  it('maps a 413 by its status whatever the body says: it is answered before the API runs', () => {
    const error = errorFromResponse(413, body('invalid_request_error', 'too big'), noHeaders, 'r')
    expect(error).toBeInstanceOf(PayloadTooLargeError)
    expect(error).toMatchObject({ code: 'payload_too_large', retryable: false, message: 'too big' })
  })

  it('lets the body code win over the status', () => {
    expect(errorFromResponse(400, body('not_found', 'gone'), noHeaders, undefined)).toBeInstanceOf(
      NotFoundError
    )
  })

  it('keeps extra fields in the error body from breaking the mapping', () => {
    const text = JSON.stringify({
      error: { code: 'not_found', message: 'Custmer not found.', hint: 'x' },
      extra: 1,
    })
    const error = errorFromResponse(404, text, noHeaders, undefined)
    expect(error).toBeInstanceOf(NotFoundError)
    expect(error.message).toBe('Custmer not found.')
  })

  it('reads Retry-After into a rate_limit_error', () => {
    const error = errorFromResponse(
      429,
      body('rate_limit_error', 'slow down'),
      new Headers({ 'Retry-After': '3' }),
      'r'
    )
    expect(error).toBeInstanceOf(RateLimitError)
    expect((error as RateLimitError).retryAfter).toBe(3)
  })
})

describe('errorFromResponse: by status when the body does not say', () => {
  const cases: [number, new (...args: never[]) => IntileryError, string, boolean][] = [
    [400, InvalidRequestError, 'invalid_request_error', false],
    [401, AuthenticationError, 'authentication_error', false],
    [403, AuthenticationError, 'authentication_error', false],
    [404, NotFoundError, 'not_found', false],
    [413, PayloadTooLargeError, 'payload_too_large', false],
    [422, InvalidRequestError, 'invalid_request_error', false],
    [429, RateLimitError, 'rate_limit_error', true],
    [500, UpstreamError, 'internal_server_error', false],
    [501, UpstreamError, 'internal_server_error', false],
    [502, UpstreamError, 'internal_server_error', true],
    [503, UpstreamError, 'internal_server_error', true],
    [504, UpstreamError, 'internal_server_error', true],
  ]

  it.each(cases)('maps HTTP %d with a non-JSON body', (status, Class, code, retryable) => {
    const error = errorFromResponse(status, '<html>Bad Gateway</html>', noHeaders, 'req-9')
    expect(error).toBeInstanceOf(Class)
    expect(error.code).toBe(code)
    expect(error.retryable).toBe(retryable)
    expect(error.status).toBe(status)
    expect(error.requestId).toBe('req-9')
    expect(error.message).toBe(`Intilery answered HTTP ${status}`)
  })

  it.each(['', '{}', '{"error":"nope"}', '{"error":{"code":1,"message":"x"}}', 'null', '[]'])(
    'falls back to the status for the unusable body %j',
    (text) => {
      expect(errorFromResponse(404, text, noHeaders, undefined)).toBeInstanceOf(NotFoundError)
    }
  )

  it('uses the body message even when the code is unknown', () => {
    const error = errorFromResponse(503, body('overloaded', 'try later'), noHeaders, undefined)
    expect(error).toBeInstanceOf(UpstreamError)
    expect(error.message).toBe('try later')
    expect(error.retryable).toBe(true)
  })

  it('reads Retry-After from a bare 429 in both its forms', () => {
    const seconds = errorFromResponse(
      429,
      '',
      new Headers({ 'retry-after': '2' }),
      undefined
    ) as RateLimitError
    expect(seconds.retryAfter).toBe(2)
    // The date form is measured from now: Date is faked so the answer is exact.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 0, 1, 12, 0, 0, 250) })
    const inOneMinute = new Date(Date.now() + 60_000).toUTCString()
    const date = errorFromResponse(
      429,
      '',
      new Headers({ 'retry-after': inOneMinute }),
      undefined
    ) as RateLimitError
    // The header's whole seconds end 59.75 s from now; a part second counts as a whole one.
    expect(date.retryAfter).toBe(60)
    const none = errorFromResponse(429, '', noHeaders, undefined) as RateLimitError
    expect(none.retryAfter).toBeUndefined()
  })
})
