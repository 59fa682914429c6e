/**
 * @module profile-api/request-error
 * The one error the sandbox's request readers throw: a request the Profile API refuses with 400.
 * The sandbox has its own class rather than core's so that nothing here depends on how the client
 * validates; `code` is the spec's error code and goes into the body unchanged.
 */
export type RequestErrorCode = 'validation_error' | 'invalid_request_error'

export class RequestError extends Error {
  override readonly name = 'RequestError'
  readonly status = 400

  constructor(
    readonly code: RequestErrorCode,
    message: string
  ) {
    super(message)
  }
}
