import { RelayCallError } from '@intilery-connect/ui'
import { describe, expect, it } from 'vitest'

import { secureRelayGet } from './secure-relay-get.ts'
import type { ZafClient } from './zaf.ts'

/** A ZAF client whose proxied request fails the way Zendesk reports it (jqXHR-like). */
const failingWith = (status: number, responseText: string | undefined) =>
  ({
    request: () =>
      // Zendesk rejects with the jqXHR-like object itself, not an Error.
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      Promise.reject({ status, responseText, getResponseHeader: () => null }),
  }) as unknown as ZafClient

const install = { relayUrl: 'https://relay.acme.example', subdomain: 'acme', agentId: '501' }
const failureOf = async (status: number, body: string | undefined) => {
  const error: unknown = await secureRelayGet(failingWith(status, body), install)('/x', {}).catch(
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(RelayCallError)
  return error as RelayCallError
}
const relayBody = (code: string) =>
  JSON.stringify({ error: { code, message: 'm', requestId: 'r-1' } })

describe('secureRelayGet failures', () => {
  it.each([
    ['no answer at all', 0, undefined],
    ['the proxy’s 502 when the relay host is down', 502, 'The proxied request failed'],
    ['a 404 page from something else at the relay URL', 404, '<html>Not Found</html>'],
    ['a 504 with an empty body', 504, ''],
  ])('says the relay was not reached on %s', async (_name, status, body) => {
    const error = await failureOf(status, body)
    expect(error.details.code).toBe('relay_unreachable')
    expect(error.failure).toBe('network')
    expect(error.message).toContain('https://relay.acme.example')
  })

  it.each([
    [503, 'upstream_unavailable', 'unavailable'],
    [404, 'not_found', 'not_found'],
    [401, 'unauthenticated', 'misconfigured'],
  ])('keeps the relay’s own %i %s answer as the relay said it', async (status, code, failure) => {
    const error = await failureOf(status, relayBody(code))
    expect(error.details.code).toBe(code)
    expect(error.failure).toBe(failure)
  })
})
