/**
 * The v2 webhooks the demo's local Pipedrive sends, seen on their way out, so a test can send one
 * again exactly as Pipedrive's retry would (same `meta.id`, the next `meta.attempt`, the same
 * Basic credentials). The local Pipedrive runs in the test's process and sends with the global
 * fetch it finds when it starts (webhook-dispatcher.ts), so a spy installed before the demo
 * starts sees every attempt; the spy calls the real fetch, so nothing else changes.
 */
import { vi } from 'vitest'

/** One attempt as the local Pipedrive sent it. */
export interface SentWebhook {
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  readonly meta: { readonly id: string; readonly entity: string; readonly entity_id: string }
  readonly data: Readonly<Record<string, unknown>> | null
}

/** The user agent Pipedrive's deliveries carry, which tells them from the demo's other calls. */
const PIPEDRIVE_AGENT = 'Pipedrive Webhooks'

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The attempt a fetch call made, when it is a Pipedrive delivery. */
function sentWebhook(input: unknown, init: RequestInit | undefined): SentWebhook | undefined {
  const headers = init?.headers
  if (!isRecord(headers) || headers['user-agent'] !== PIPEDRIVE_AGENT) return undefined
  if (typeof input !== 'string' || typeof init?.body !== 'string') return undefined
  const payload: unknown = JSON.parse(init.body)
  if (!isRecord(payload) || !isRecord(payload.meta)) return undefined
  const { id, entity, entity_id: entityId } = payload.meta
  if (typeof id !== 'string' || typeof entity !== 'string' || typeof entityId !== 'string')
    return undefined
  return {
    url: input,
    headers: Object.fromEntries(
      Object.entries(headers).filter((entry): entry is [string, string] => {
        return typeof entry[1] === 'string'
      })
    ),
    body: init.body,
    meta: { id, entity, entity_id: entityId },
    data: isRecord(payload.data) ? payload.data : null,
  }
}

export interface PipedriveWebhookTap {
  /** Every attempt sent so far, oldest first (a resend included). */
  sent(): SentWebhook[]
  /** Sends `webhook` again as Pipedrive's retry `attempt` would; resolves with the answer. */
  resend(webhook: SentWebhook, attempt: number): Promise<Response>
  restore(): void
}

/** Call before the demo starts (at the top of the test file). */
export function tapPipedriveWebhooks(): PipedriveWebhookTap {
  const spy = vi.spyOn(globalThis, 'fetch')
  return {
    sent: () => spy.mock.calls.flatMap(([input, init]) => sentWebhook(input, init) ?? []),
    resend: (webhook, attempt) => {
      const payload = JSON.parse(webhook.body) as { meta: Record<string, unknown> }
      payload.meta.attempt = attempt
      return fetch(webhook.url, {
        method: 'POST',
        headers: webhook.headers,
        body: JSON.stringify(payload),
      })
    },
    restore: () => spy.mockRestore(),
  }
}
