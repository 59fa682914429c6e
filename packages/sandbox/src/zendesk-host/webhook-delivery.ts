/**
 * @module zendesk-host/webhook-delivery
 * The local Zendesk's webhook: sends a trigger's body to the configured endpoint the way Zendesk
 * does, best effort. Each attempt is signed (webhook-request.ts) and given about 10 s; failures are
 * retried as Zendesk documents (webhook-retry.ts); now and then a delivered request is sent a second
 * time with the same invocation id, as Zendesk's deliveries may repeat. What happened to each
 * attempt is kept for the ticket page. Time, randomness and ids are injected so tests drive them.
 */
import { randomUUID } from 'node:crypto'

import type { ZendeskTriggerEvent } from '@intilery-connect/core'

// One scheduler shape for the sandbox's webhooks (the local Pipedrive's is the same).
import { realScheduler, type Scheduler } from '../pipedrive/webhooks/scheduler.ts'
import { zendeskTimestamp, zendeskWebhookHeaders } from './webhook-request.ts'
import { NO_RETRIES, nextRetry, type AttemptResult, type RetriesSoFar } from './webhook-retry.ts'

/** The webhook a Zendesk admin set up: where triggers send, and the secret requests are signed with. */
export interface ZendeskWebhookOptions {
  readonly url: string
  readonly signingSecret: string
  /** `X-Zendesk-Webhook-Id` (default: a fresh id per host). */
  readonly webhookId?: string | undefined
  /** Share (0..1) of delivered requests sent a second time; default 0.1. */
  readonly duplicateRate?: number | undefined
  /** How long an attempt may take before it counts as timed out; default 10 s, as Zendesk. */
  readonly timeoutMs?: number | undefined
  readonly random?: (() => number) | undefined
  /** The clock and timers deliveries use (real timers by default, not keeping the process up). */
  readonly scheduler?: Scheduler | undefined
  readonly newInvocationId?: (() => string) | undefined
}

/** One attempt, as the ticket page lists it. */
export interface DeliveryAttempt {
  /** When it was sent (ISO-8601 UTC). */
  readonly at: string
  readonly event: ZendeskTriggerEvent
  readonly ticketId: number
  readonly invocationId: string
  /** The first request of an invocation, a retry of it, or Zendesk's occasional second copy. */
  readonly kind: 'first' | 'retry' | 'duplicate'
  readonly result: AttemptResult['kind']
  /** The endpoint's status code, when it answered. */
  readonly status: number | null
  /** When the next retry goes out, if there is one. */
  readonly retryInMs: number | null
}

const KEPT_ATTEMPTS = 10
const DUPLICATE_AFTER_MS = 1_000

interface Invocation {
  readonly id: string
  readonly event: ZendeskTriggerEvent
  readonly ticketId: number
  readonly body: string
}

export class ZendeskWebhookSender {
  readonly url: string
  private readonly webhookId: string
  private readonly scheduler: Scheduler
  private readonly attempts: DeliveryAttempt[] = []
  private readonly pending = new Set<() => void>()
  private readonly inFlight = new Set<Promise<void>>()
  private closed = false

  constructor(
    private readonly options: ZendeskWebhookOptions,
    private readonly fetchImpl: typeof fetch = fetch
  ) {
    this.url = options.url
    this.webhookId = options.webhookId ?? randomUUID()
    this.scheduler = options.scheduler ?? realScheduler
  }

  /** Starts delivering `body` for a trigger that fired; what happens shows in `recent()`. */
  send(event: ZendeskTriggerEvent, ticketId: number, body: string): void {
    const id = (this.options.newInvocationId ?? randomUUID)()
    this.attempt({ id, event, ticketId, body }, 'first', NO_RETRIES)
  }

  /** The latest attempts, newest first. */
  recent(): readonly DeliveryAttempt[] {
    return [...this.attempts]
  }

  /** Resolves once no request is on the way (retries may still be scheduled). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight)
  }

  /** Cancels scheduled retries and duplicates, and aborts requests on the way: the host stops. */
  close(): void {
    this.closed = true
    for (const cancel of this.pending) cancel()
    this.pending.clear()
  }

  private later(ms: number, run: () => void): void {
    const cancel = this.scheduler.after(ms, () => {
      this.pending.delete(cancel)
      run()
    })
    this.pending.add(cancel)
  }

  private attempt(invocation: Invocation, kind: DeliveryAttempt['kind'], retries: RetriesSoFar) {
    if (this.closed) return
    const running = this.deliver(invocation, kind, retries)
    this.inFlight.add(running)
    void running.finally(() => this.inFlight.delete(running))
  }

  private async deliver(
    invocation: Invocation,
    kind: DeliveryAttempt['kind'],
    retries: RetriesSoFar
  ): Promise<void> {
    const at = new Date(this.scheduler.now())
    const result = await this.post(invocation, at)
    if (this.closed) return
    const retry =
      kind === 'duplicate' ? undefined : nextRetry(result, retries, new Date(this.scheduler.now()))
    this.attempts.unshift({
      at: zendeskTimestamp(at),
      event: invocation.event,
      ticketId: invocation.ticketId,
      invocationId: invocation.id,
      kind,
      result: result.kind,
      status: result.kind === 'answered' ? result.status : null,
      retryInMs: retry?.afterMs ?? null,
    })
    this.attempts.splice(KEPT_ATTEMPTS)
    if (retry !== undefined) {
      this.later(retry.afterMs, () => this.attempt(invocation, 'retry', retry.retries))
      return
    }
    const delivered = result.kind === 'answered' && result.status >= 200 && result.status < 300
    const random = this.options.random ?? Math.random
    if (delivered && kind !== 'duplicate' && random() < (this.options.duplicateRate ?? 0.1))
      this.later(DUPLICATE_AFTER_MS, () => this.attempt(invocation, 'duplicate', retries))
  }

  private async post(invocation: Invocation, at: Date): Promise<AttemptResult> {
    const headers = zendeskWebhookHeaders({
      signingSecret: this.options.signingSecret,
      webhookId: this.webhookId,
      invocationId: invocation.id,
      body: invocation.body,
      at,
    })
    const controller = new AbortController()
    let timedOut = false
    const cancelTimeout = this.scheduler.after(this.options.timeoutMs ?? 10_000, () => {
      timedOut = true
      controller.abort()
    })
    const stopOnClose = () => controller.abort()
    this.pending.add(stopOnClose)
    try {
      const response = await this.fetchImpl(this.url, {
        method: 'POST',
        headers,
        body: invocation.body,
        signal: controller.signal,
      })
      // Zendesk waits for the whole answer; its body is not used.
      await response.arrayBuffer()
      return {
        kind: 'answered',
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
      }
    } catch {
      // Only the request is in this try: it failed to reach the endpoint or was answered too late,
      // an outcome of the attempt that the page lists (and a timeout is retried).
      return timedOut ? { kind: 'timed out' } : { kind: 'unreachable' }
    } finally {
      cancelTimeout()
      this.pending.delete(stopOnClose)
    }
  }
}
