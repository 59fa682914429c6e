import { describe, expect, it } from 'vitest'

import {
  AuthenticationError,
  IntileryError,
  InvalidRequestError,
  isIntileryError,
  NetworkError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitError,
  TimeoutError,
  UpstreamError,
  ValidationError,
} from './errors.ts'

const init = { status: 418, requestId: 'req-42' }

describe('the error taxonomy', () => {
  it.each([
    [new AuthenticationError('m', init), 'AuthenticationError', 'authentication_error', false],
    [new NotFoundError('m', init), 'NotFoundError', 'not_found', false],
    [new ValidationError('m', init), 'ValidationError', 'validation_error', false],
    [new InvalidRequestError('m', init), 'InvalidRequestError', 'invalid_request_error', false],
    [new RateLimitError('m', init), 'RateLimitError', 'rate_limit_error', true],
    [new PayloadTooLargeError('m', init), 'PayloadTooLargeError', 'payload_too_large', false],
    [new NetworkError('m', init), 'NetworkError', 'network_error', true],
    [new TimeoutError('m', init), 'TimeoutError', 'timeout', true],
  ] as const)(
    '%s carries its name, code, retryable, status, message and requestId',
    (error, name, code, retryable) => {
      expect(error).toBeInstanceOf(Error)
      expect(error).toBeInstanceOf(IntileryError)
      expect(isIntileryError(error)).toBe(true)
      expect(error.name).toBe(name)
      expect(error.code).toBe(code)
      expect(error.retryable).toBe(retryable)
      expect(error.status).toBe(418)
      expect(error.message).toBe('m')
      expect(error.requestId).toBe('req-42')
    }
  )

  it('leaves status and requestId undefined when the request was never answered', () => {
    const error = new NetworkError('down')
    expect(error.status).toBeUndefined()
    expect(error.requestId).toBeUndefined()
  })

  it('keeps the cause', () => {
    const cause = new TypeError('fetch failed')
    expect(new NetworkError('down', { cause }).cause).toBe(cause)
    expect('cause' in new NetworkError('down')).toBe(false)
  })

  it('UpstreamError retries 502, 503 and 504 only', () => {
    for (const status of [502, 503, 504])
      expect(new UpstreamError('x', { status }).retryable).toBe(true)
    for (const status of [500, 501, 505, 200, undefined])
      expect(new UpstreamError('x', { status }).retryable).toBe(false)
  })

  it('UpstreamError is internal_server_error unless told malformed_response', () => {
    expect(new UpstreamError('x', { status: 500 }).code).toBe('internal_server_error')
    const malformed = new UpstreamError('x', { status: 200, code: 'malformed_response' })
    expect(malformed.code).toBe('malformed_response')
    expect(malformed.retryable).toBe(false)
  })

  it('TimeoutError is final, so not retryable, only at the total deadline', () => {
    expect(new TimeoutError('x').retryable).toBe(true)
    expect(new TimeoutError('x', { final: false }).retryable).toBe(true)
    expect(new TimeoutError('x', { final: true }).retryable).toBe(false)
  })

  it('RateLimitError keeps the Retry-After seconds', () => {
    expect(new RateLimitError('x', { retryAfter: 3 }).retryAfter).toBe(3)
    expect(new RateLimitError('x').retryAfter).toBeUndefined()
  })

  it('serialises to a plain object without stack, cause or undefined fields', () => {
    const full = new NotFoundError('gone', {
      status: 404,
      requestId: 'r1',
      cause: new Error('inner'),
    })
    expect(full.toJSON()).toEqual({
      code: 'not_found',
      message: 'gone',
      status: 404,
      requestId: 'r1',
    })
    expect(JSON.parse(JSON.stringify(full))).toEqual({
      code: 'not_found',
      message: 'gone',
      status: 404,
      requestId: 'r1',
    })
    expect(new TimeoutError('slow').toJSON()).toStrictEqual({ code: 'timeout', message: 'slow' })
  })

  it('isIntileryError is false for anything else', () => {
    expect(isIntileryError(new Error('x'))).toBe(false)
    expect(isIntileryError({ code: 'not_found', retryable: false })).toBe(false)
    expect(isIntileryError(undefined)).toBe(false)
  })
})
