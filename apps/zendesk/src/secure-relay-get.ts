/**
 * @module secure-relay-get
 * The app reaches the relay only through Zendesk's secure-request proxy: the browser sends the
 * request with the placeholder `{{setting.shared_secret}}`, and Zendesk's servers substitute the
 * installation's shared secret, sign an HS256 JWT with it and forward the call. The secret never
 * reaches the browser; the relay verifies the JWT (apps/relay, auth/zendesk-jwt.ts).
 */
import { relayCallError, RelayCallError, type RelayGet } from '@intilery-connect/ui'

import type { ZafClient, ZafRequestFailure } from './zaf.ts'

/** Seconds each proxy-signed token lives; the relay accepts at most 600. */
const TOKEN_SECONDS = 60

export function secureRelayGet(
  client: ZafClient,
  install: { readonly relayUrl: string; readonly subdomain: string; readonly agentId: string }
): RelayGet {
  return async (path, query) => {
    const url = `${install.relayUrl}${path}?${new URLSearchParams(query).toString()}`
    try {
      return await client.request({
        url,
        type: 'GET',
        secure: true,
        cors: false,
        dataType: 'json',
        headers: { Authorization: 'Bearer {{jwt.token}}' },
        jwt: {
          algorithm: 'HS256',
          secret_key: '{{setting.shared_secret}}',
          expiry: TOKEN_SECONDS,
          claims: { iss: `https://${install.subdomain}.zendesk.com`, sub: install.agentId },
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
