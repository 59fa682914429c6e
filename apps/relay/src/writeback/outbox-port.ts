/**
 * @module writeback/outbox-port
 * The contract between the hosts' webhooks (hosts/zendesk, hosts/pipedrive) and the write-back
 * outbox (writeback/): a webhook turns what happened into OutboxMessages and enqueues them; the
 * outbox stores them durably in the same request (so the webhook can acknowledge whether or not
 * Intilery is up) and a delivery worker sends them to the tenant's tracking endpoint as `track`
 * calls. Event names and property keys: core's writeback/support-sales-events.ts.
 */

/**
 * Who an event is about, as the source knows them. The delivery worker turns it into an Intilery
 * identity when it sends (a Profile API read through the tenant's upstream guard), never the
 * webhook: a webhook must answer within the source's timeout even when Intilery is down.
 */
export interface SourceIdentity {
  /** The source's external id for the person, taken as the Intilery userId (as the sidebar's lookup does). */
  readonly userId?: string | undefined
  /** The person's emails, primary first. */
  readonly emails?: readonly string[] | undefined
  /**
   * A reference only the named host can open at delivery time (e.g. a Pipedrive person id, whose
   * emails are read through the installation's token): see HostIdentityResolver.
   */
  readonly hostRef?:
    { readonly host: string; readonly accountId: string; readonly ref: string } | undefined
}

export interface OutboxMessage {
  /**
   * Derived from the source event only (never random, never the delivery's time), so a redelivered
   * webhook or a retried batch carries the same id and Intilery stores the event once:
   * e.g. `zendesk:acme:ticket:123:solved:<webhook event time>`, `pipedrive:1001:deal:7:won:<meta.id>`.
   */
  readonly messageId: string
  /** The host name the event came from (`zendesk`, `pipedrive`). */
  readonly source: string
  /** Intilery `track` event name (core's SUPPORT_EVENTS / SALES_EVENTS). */
  readonly event: string
  readonly properties: Readonly<Record<string, unknown>>
  /** When it happened at the source, ISO 8601. */
  readonly timestamp: string
  readonly identity: SourceIdentity
}

export interface EnqueueResult {
  /** Messages stored now. */
  readonly stored: number
  /** Messages whose messageId the outbox already had (a redelivery): skipped. */
  readonly duplicates: number
}

export interface OutboxWriter {
  /**
   * Stores the messages durably before resolving (one transaction); a webhook acknowledges only
   * after. A messageId already stored for the tenant is skipped. Rejects with
   * WritebackDisabledError when the tenant has not turned write-back on.
   */
  enqueue(tenantId: string, messages: readonly OutboxMessage[]): Promise<EnqueueResult>
  /** Whether the tenant has write-back on (a webhook may answer 403 early, storing nothing). */
  isEnabled(tenantId: string): Promise<boolean>
}

/** A host opens its own SourceIdentity.hostRef at delivery time (registered by host name). */
export interface HostIdentityResolver {
  resolve(
    tenantId: string,
    ref: { readonly accountId: string; readonly ref: string }
  ): Promise<{ readonly userId?: string | undefined; readonly emails: readonly string[] }>
}

/** The tenant has not turned write-back on: nothing is stored, nothing leaves. */
export class WritebackDisabledError extends Error {
  override readonly name = 'WritebackDisabledError'
  constructor(readonly tenantId: string) {
    super(`Write-back is off for tenant ${tenantId}`)
  }
}
