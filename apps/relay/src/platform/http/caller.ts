/**
 * @module platform/http/caller
 * Who is calling, once authenticated: the tenant whose Intilery data they may read, the channel
 * they came through and the caller id they asserted (for the audit log, never for authorisation
 * beyond the tenant).
 */
import type { AuditChannel, Tenant } from '../../ports.ts'

export interface Caller {
  readonly tenant: Tenant
  readonly channel: AuditChannel
  /** The Zendesk agent id, the API key id… as the credential asserts it. */
  readonly callerId: string
  /**
   * Host apps: the installation the credential speaks for, as the host's token carries it
   * (Zendesk: `subdomain:installationId`; Pipedrive: the company id). Remembered choices are kept
   * under it (customers/choice-scope.ts); absent, the caller has none.
   */
  readonly installation?: string | undefined
  /** For API keys: the traits the key may read ('*' for all). */
  readonly traitAllowlist: readonly string[] | '*'
  /** For API keys: what the key may call (`profiles`, `recommendations`); hosts have none. */
  readonly scopes?: readonly string[] | undefined
}

export type RelayEnv = {
  Variables: {
    /** The relay's own id for the request (request-id.ts). */
    requestId: string
    /** The client's `X-Request-Id`, when a short plain token: for the log line only. */
    clientRequestId?: string
    caller: Caller
    /** The request's deadline signal (http/request-deadline.ts). */
    deadline: () => AbortSignal
  }
}
