/**
 * @module platform/loggable-error
 * What the relay's logs say about a failure of its own machinery (the database, Redis, the outbox
 * thread): the error's name and, when it has one, its code (`SQLITE_BUSY_SNAPSHOT`, `ECONNREFUSED`),
 * which is what tells an operator which failure it was. Never the message: a driver may quote a row
 * or a key in it.
 */
import { errorCode } from './error-code.ts'

/**
 * A code as drivers and Node write them: upper-case letters, digits and underscores
 * (`SQLITE_BUSY`, `ECONNRESET`, Postgres's `57P01`).
 */
const CODE = /^[A-Z0-9][A-Z0-9_]{0,63}$/
/** A class name; anything else a thrower put in `name` is not logged either. */
const NAME = /^[A-Za-z_$][A-Za-z0-9_$]{0,63}$/

export interface LoggableError {
  readonly name: string
  readonly code?: string
}

export function loggableError(error: unknown): LoggableError {
  if (!(error instanceof Error)) return { name: typeof error }
  const name = NAME.test(error.name) ? error.name : 'Error'
  const code = errorCode(error)
  return code !== undefined && CODE.test(code) ? { name, code } : { name }
}
