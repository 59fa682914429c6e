/**
 * @module pipedrive/webhooks/webhook-dispatcher
 * Sends v2 webhook payloads as Pipedrive does (https://pipedrive.readme.io/docs/guide-for-webhooks-v2,
 * https://pipedrive.readme.io/docs/webhooks-for-apps "Webhooks policy"): a JSON POST with HTTP
 * Basic auth when the webhook has credentials; an attempt fails on a non-2xx answer or after
 * 10 s; a failed attempt is retried 3 times, 3, 30 and 150 s after the one before, with
 * `meta.attempt` counting; every failed first attempt counts towards a ban, and the 10th bans the
 * webhook for 30 minutes, during which its events are dropped (lost, as on Pipedrive).
 * Every attempt is recorded (newest last) for tests and the preview pages.
 */
import { randomUUID } from 'node:crypto'

import type { Scheduler } from './scheduler.ts'
import type { StoredWebhook, WebhookRegistry } from './webhook-registry.ts'

export const ATTEMPT_TIMEOUT_MS = 10_000
/** Delay before retry 1, 2 and 3. */
export const RETRY_DELAYS_MS = [3_000, 30_000, 150_000] as const
export const BAN_AFTER_FAILED_FIRST_ATTEMPTS = 10
export const BAN_MS = 30 * 60_000
const KEPT_DELIVERIES = 200

export interface CrmEvent {
  readonly action: 'create' | 'change' | 'delete'
  readonly entity: 'deal' | 'person'
  readonly entityId: number
  /** Who made the change. */
  readonly userId: number
  readonly data: Readonly<Record<string, unknown>> | null
  /** The changed fields' old values; null on create. */
  readonly previous: Readonly<Record<string, unknown>> | null
  readonly changeSource: 'app' | 'api'
}

export interface DeliveryRecord {
  readonly webhookId: number
  /** `meta.id`: the same on every attempt of one event. */
  readonly eventId: string
  readonly action: CrmEvent['action']
  readonly entity: CrmEvent['entity']
  readonly entityId: number
  readonly attempt: number
  readonly at: string
  /** The subscriber's HTTP status, or why there was none. */
  readonly outcome: number | 'timeout' | 'unreachable' | 'banned'
  readonly ok: boolean
}

export class WebhookDispatcher {
  readonly deliveries: DeliveryRecord[] = []
  private readonly inFlight = new Set<Promise<void>>()

  constructor(
    private readonly registry: WebhookRegistry,
    private readonly company: { readonly id: number; readonly domain: string },
    private readonly scheduler: Scheduler,
    private readonly send: typeof fetch = fetch
  ) {}

  /** Queues the event for every matching webhook; first attempts start at once. */
  emit(event: CrmEvent): void {
    const at = new Date(this.scheduler.now()).toISOString()
    const correlationId = randomUUID()
    for (const webhook of this.registry.matching(event.action, event.entity)) {
      const base = { eventId: randomUUID(), correlationId, at }
      this.track(this.attempt(webhook, event, base, 1))
    }
  }

  /** Resolves once no attempt is waiting for an answer (tests; never a retry's delay). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight])
  }

  private track(attempt: Promise<void>): void {
    this.inFlight.add(attempt)
    void attempt.finally(() => this.inFlight.delete(attempt))
  }

  private payload(
    webhook: StoredWebhook,
    event: CrmEvent,
    base: { eventId: string; correlationId: string; at: string },
    attempt: number
  ) {
    return {
      meta: {
        action: event.action,
        entity: event.entity,
        entity_id: String(event.entityId),
        id: base.eventId,
        company_id: String(this.company.id),
        correlation_id: base.correlationId,
        is_bulk_edit: false,
        timestamp: base.at,
        type: webhook.type,
        user_id: String(event.userId),
        version: '2.0',
        webhook_id: String(webhook.id),
        webhook_owner_id: String(webhook.owner_id),
        change_source: event.changeSource,
        attempt,
        host: `${this.company.domain}.pipedrive.com`,
        permitted_user_ids: [String(webhook.user_id)],
      },
      data: event.data,
      previous: event.previous,
    }
  }

  private record(
    webhook: StoredWebhook,
    event: CrmEvent,
    eventId: string,
    attempt: number,
    outcome: DeliveryRecord['outcome']
  ): void {
    const ok = typeof outcome === 'number' && outcome >= 200 && outcome < 300
    this.deliveries.push({
      webhookId: webhook.id,
      eventId,
      action: event.action,
      entity: event.entity,
      entityId: event.entityId,
      attempt,
      at: new Date(this.scheduler.now()).toISOString(),
      outcome,
      ok,
    })
    if (this.deliveries.length > KEPT_DELIVERIES) this.deliveries.shift()
  }

  private async attempt(
    webhook: StoredWebhook,
    event: CrmEvent,
    base: { eventId: string; correlationId: string; at: string },
    attempt: number
  ): Promise<void> {
    if (webhook.bannedUntil > this.scheduler.now()) {
      this.record(webhook, event, base.eventId, attempt, 'banned')
      return
    }
    webhook.bannedUntil = 0
    const outcome = await this.post(webhook, this.payload(webhook, event, base, attempt))
    this.record(webhook, event, base.eventId, attempt, outcome)
    webhook.last_delivery_time = new Date(this.scheduler.now()).toISOString()
    webhook.last_http_status = typeof outcome === 'number' ? outcome : null
    if (typeof outcome === 'number' && outcome >= 200 && outcome < 300) return
    if (attempt === 1 && ++webhook.failedFirstAttempts >= BAN_AFTER_FAILED_FIRST_ATTEMPTS) {
      webhook.failedFirstAttempts = 0
      webhook.bannedUntil = this.scheduler.now() + BAN_MS
    }
    const delay = RETRY_DELAYS_MS[attempt - 1]
    if (delay === undefined) return
    this.scheduler.after(delay, () => this.track(this.attempt(webhook, event, base, attempt + 1)))
  }

  private async post(webhook: StoredWebhook, body: unknown): Promise<DeliveryRecord['outcome']> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'Pipedrive Webhooks',
    }
    if (webhook.http_auth_user !== null && webhook.http_auth_password !== null)
      headers.authorization = `Basic ${Buffer.from(
        `${webhook.http_auth_user}:${webhook.http_auth_password}`
      ).toString('base64')}`
    const controller = new AbortController()
    let timedOut = false
    const cancel = this.scheduler.after(ATTEMPT_TIMEOUT_MS, () => {
      timedOut = true
      controller.abort()
    })
    try {
      const response = await this.send(webhook.subscription_url, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal: controller.signal,
        redirect: 'manual',
      })
      await response.body?.cancel()
      return response.status
    } catch {
      return timedOut ? 'timeout' : 'unreachable'
    } finally {
      cancel()
    }
  }
}
