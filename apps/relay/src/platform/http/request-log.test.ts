import { describe, expect, it } from 'vitest'

import { SecretBoxError } from '../crypto/secret-box.ts'
import { RelayError } from '../errors.ts'
import { failureFields } from './request-log.ts'

describe('failureFields', () => {
  // After `relay encryption rotate` while the relay runs, every request of a tenant fails this way:
  // the log line must tell the operator it is the key, not a bug.
  it('names secrets that do not open under the relay key, at level error', () => {
    const unopened = new SecretBoxError('The sealed secret does not open under this key')
    expect(failureFields(unopened)).toEqual({
      level: 'error',
      code: 'internal',
      reason: 'secrets_do_not_open',
    })
    const wrapped = new RelayError('internal', 'Tenant unavailable', {
      cause: new Error('reading the tenant', { cause: unopened }),
    })
    expect(failureFields(wrapped)).toEqual({
      level: 'error',
      code: 'internal',
      reason: 'secrets_do_not_open',
    })
  })

  it('gives any other internal failure no reason', () => {
    expect(failureFields(new Error('a bug'))).toEqual({ level: 'error', code: 'internal' })
  })
})
