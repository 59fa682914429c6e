/**
 * @module relay-fetch
 * Every call the panel makes to the relay: same origin as the page (the relay served it), with
 * `Authorization: Bearer <Pipedrive-signed token>`, no cookies. A 401 means the token aged out or
 * was refused: one new token and one retry, then the failure is the caller's. Failures are the
 * UI's RelayCallError, built from the relay's JSON error body like Zendesk's.
 */
import { RelayCallError, relayCallError, type RelayGet, type RelaySend } from '@intilery-connect/ui'

import type { TokenCache } from './token-cache.ts'

export interface RelayFetch {
  /** Resolves with the parsed JSON body of a 2xx answer. */
  call(path: string, init?: { method: Method; body?: unknown }): Promise<unknown>
  /** The GET ui's createRelayClient expects. */
  get: RelayGet
  /** The writes ui's relayChoiceMemory makes (remembering the rep's choice). */
  send: RelaySend
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

async function signedToken(tokens: TokenCache): Promise<string> {
  try {
    return await tokens.token()
  } catch (error) {
    // Without Pipedrive's signature the relay cannot know the viewer: nothing to retry here.
    const reason = error instanceof Error ? error.message : String(error)
    throw new RelayCallError('misconfigured', `Pipedrive did not sign a session token: ${reason}`, {
      code: 'no_signed_token',
    })
  }
}

export function createRelayFetch(tokens: TokenCache, fetchImpl: typeof fetch = fetch): RelayFetch {
  async function send(path: string, method: Method, body: unknown, retried: boolean) {
    const token = await signedToken(tokens)
    let response: Response
    try {
      response = await fetchImpl(path, {
        method,
        credentials: 'omit',
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
    } catch {
      throw relayCallError(0, undefined)
    }
    if (response.status === 401 && !retried) {
      await response.body?.cancel()
      tokens.refused(token)
      return send(path, method, body, true)
    }
    const text = await response.text()
    if (!response.ok)
      throw relayCallError(response.status, text, response.headers.get('retry-after'))
    try {
      return JSON.parse(text) as unknown
    } catch {
      throw new RelayCallError('malformed', 'The relay answered something that is not JSON')
    }
  }
  const call: RelayFetch['call'] = (path, init = { method: 'GET' }) =>
    send(path, init.method, init.body, false)
  const withQuery = (path: string, query: Readonly<Record<string, string>>) => {
    const search = new URLSearchParams(query).toString()
    return search === '' ? path : `${path}?${search}`
  }
  return {
    call,
    get: (path, query) => call(`${path}?${new URLSearchParams(query).toString()}`),
    send: (method, path, query, body) => call(withQuery(path, query), { method, body }),
  }
}
