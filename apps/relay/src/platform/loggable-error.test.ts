import { describe, expect, it } from 'vitest'

import { loggableError } from './loggable-error.ts'

describe('loggableError', () => {
  it("keeps a driver error's name and code and drops its message", () => {
    const error = Object.assign(new Error('UPDATE outbox SET … WHERE email = joe@example.com'), {
      name: 'LibsqlError',
      code: 'SQLITE_BUSY_SNAPSHOT',
    })
    expect(loggableError(error)).toStrictEqual({
      name: 'LibsqlError',
      code: 'SQLITE_BUSY_SNAPSHOT',
    })
    expect(JSON.stringify(loggableError(error))).not.toContain('joe@example.com')
  })

  it('leaves out a code that is not a code (a driver could put anything there)', () => {
    const error = Object.assign(new Error('x'), { code: 'joe@example.com' })
    expect(loggableError(error)).toStrictEqual({ name: 'Error' })
    expect(loggableError(Object.assign(new Error('x'), { code: 5 }))).toStrictEqual({
      name: 'Error',
    })
  })

  it("keeps Postgres's codes, which may start with a digit, and the outbox thread's exit", () => {
    const shutdown = Object.assign(new Error('terminating connection'), { code: '57P01' })
    expect(loggableError(shutdown)).toStrictEqual({ name: 'Error', code: '57P01' })
    const exit = Object.assign(new Error('the outbox thread exited'), {
      code: 'OUTBOX_THREAD_EXIT_1',
    })
    expect(loggableError(exit)).toStrictEqual({ name: 'Error', code: 'OUTBOX_THREAD_EXIT_1' })
  })

  it('leaves out a name that is not a class name', () => {
    const error = Object.assign(new Error('x'), { name: 'joe@example.com' })
    expect(loggableError(error)).toStrictEqual({ name: 'Error' })
  })

  it('names what was thrown when it is not an Error', () => {
    expect(loggableError('a string with a secret')).toStrictEqual({ name: 'string' })
    expect(loggableError(undefined)).toStrictEqual({ name: 'undefined' })
  })
})
