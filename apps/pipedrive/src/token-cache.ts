/**
 * @module token-cache
 * The panel proves who is looking with the JWT Pipedrive signs on request (`GET_SIGNED_TOKEN`,
 * valid 5 minutes). Asking the host for every relay call would cost a postMessage round trip each,
 * so one token is kept and replaced a minute before it expires, or as soon as the relay refuses it.
 */

/** Pipedrive's tokens live 5 minutes; a fresh one is asked for after 4, before any clock drift bites. */
export const TOKEN_REUSE_MS = 4 * 60_000

export interface TokenCache {
  /** A token young enough to use; concurrent callers share one request to the host. */
  token(): Promise<string>
  /** The relay refused `token`: forget it, unless a newer one already replaced it. */
  refused(token: string): void
}

export function createTokenCache(
  fetchToken: () => Promise<string>,
  now: () => number = Date.now,
  reuseMs: number = TOKEN_REUSE_MS
): TokenCache {
  let kept: { readonly token: string; readonly at: number } | undefined
  let pending: Promise<string> | undefined
  return {
    token() {
      if (kept !== undefined && now() - kept.at < reuseMs) return Promise.resolve(kept.token)
      if (pending === undefined) {
        const asked = now()
        pending = fetchToken().then(
          (token) => {
            // Aged from when it was asked for: the host signed it no earlier than that.
            kept = { token, at: asked }
            pending = undefined
            return token
          },
          (error: unknown) => {
            // A failed ask is not remembered: the next call asks again.
            pending = undefined
            throw error
          }
        )
      }
      return pending
    },
    refused(token) {
      if (kept?.token === token) kept = undefined
    },
  }
}
