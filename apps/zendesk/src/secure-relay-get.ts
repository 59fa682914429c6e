/**
 * @module secure-relay-get
 * The app reaches the relay only through Zendesk's secure-request proxy: the browser sends the
 * request with the placeholder `{{setting.shared_secret}}`, and Zendesk's servers substitute the
 * installation's shared secret, sign an HS256 JWT with it and forward the call. The secret never
 * reaches the browser; the relay verifies the JWT (apps/relay, auth/zendesk-jwt.ts).
 */
import { relayCallError, RelayCallError, type RelayGet, type RelaySend } from '@intilery-connect/ui'

import type { ZafClient, ZafRequestFailure } from './zaf.ts'

/** Seconds each proxy-signed token lives; the relay accepts at most 600. */
const TOKEN_SECONDS = 60

export interface SecureInstall {
  readonly relayUrl: string
  readonly subdomain: string
  readonly agentId: string
  /**
   * ZAF metadata's `installationId`, signed into the token as `installation_id`: the relay keeps
   * the agents' remembered choices per installation.
   */
  readonly installationId?: string | undefined
}

type RelayCall = (
  method: 'GET' | 'PUT' | 'DELETE',
  path: string,
  query: Readonly<Record<string, string>>,
  body?: unknown
) => Promise<unknown>

/** Every relay call: reads, and the writes of a remembered choice (PUT, DELETE; a JSON body). */
function secureRelayCall(client: ZafClient, install: SecureInstall): RelayCall {
  const claims: Record<string, string> = {
    iss: `https://${install.subdomain}.zendesk.com`,
    sub: install.agentId,
  }
  // Only an id the relay takes (it refuses a token with any other): Zendesk's are numbers.
  if (install.installationId !== undefined && /^[A-Za-z0-9_-]{1,40}$/.test(install.installationId))
    claims.installation_id = install.installationId
  return async (method, path, query, body) => {
    const search = new URLSearchParams(query).toString()
    const url = `${install.relayUrl}${path}${search === '' ? '' : `?${search}`}`
    try {
      return await client.request({
        url,
        type: method,
        ...(body === undefined
          ? {}
          : { data: JSON.stringify(body), contentType: 'application/json' as const }),
        secure: true,
        cors: false,
        dataType: 'json',
        headers: { Authorization: 'Bearer {{jwt.token}}' },
        jwt: {
          algorithm: 'HS256',
          secret_key: '{{setting.shared_secret}}',
          expiry: TOKEN_SECONDS,
          claims,
        },
      })
    } catch (failure) {
      const xhr = (failure ?? {}) as ZafRequestFailure
      const status = typeof xhr.status === 'number' ? xhr.status : 0
      const error = relayCallError(
        status,
        xhr.responseText,
        xhr.getResponseHeader?.('retry-after') ?? null
      )
      // Every relay answer, errors included, carries its JSON error body (whose code relayCallError
      // reads), so no answer, or a 404 or 5xx without one, came from Zendesk's proxy or whatever
      // really sits at the relay URL: the relay URL setting or the relay being down, not Intilery.
      const relayAnswered = error.details.code !== undefined
      if (!relayAnswered && (status === 0 || status === 404 || status >= 500))
        throw new RelayCallError('network', `No relay answered at ${install.relayUrl}`, {
          status,
          code: 'relay_unreachable',
        })
      throw error
    }
  }
}

export function secureRelayGet(client: ZafClient, install: SecureInstall): RelayGet {
  const call = secureRelayCall(client, install)
  return (path, query) => call('GET', path, query)
}

export function secureRelaySend(client: ZafClient, install: SecureInstall): RelaySend {
  return secureRelayCall(client, install)
}
