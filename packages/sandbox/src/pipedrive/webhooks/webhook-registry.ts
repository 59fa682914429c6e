/**
 * @module pipedrive/webhooks/webhook-registry
 * The company's webhooks, as `POST/GET/DELETE /v1/webhooks` keep them
 * (https://pipedrive.readme.io/docs/guide-for-webhooks-v2): at most 40 per user; an app's
 * webhooks (`type: application`, https://pipedrive.readme.io/docs/webhooks-for-apps) are listed
 * only to the app, and removed when the user uninstalls it. Also what Pipedrive's ban system
 * remembers per webhook: failed first attempts and the end of a ban.
 */
import { z } from 'zod'

/** "The maximum limit of webhooks is 40 different webhooks per user." */
export const WEBHOOKS_PER_USER = 40

export const EVENT_ACTIONS = ['create', 'change', 'delete', '*'] as const
export const EVENT_OBJECTS = [
  'activity',
  'deal',
  'lead',
  'note',
  'organization',
  'person',
  'pipeline',
  'product',
  'stage',
  'user',
  '*',
] as const

/** The body of `POST /v1/webhooks` (the sandbox takes http on 127.0.0.1; Pipedrive wants https). */
export const newWebhookSchema = z.object({
  subscription_url: z.url({ protocol: /^https?$/ }).max(2048),
  event_action: z.enum(EVENT_ACTIONS),
  event_object: z.enum(EVENT_OBJECTS),
  name: z.string().max(255).optional(),
  user_id: z.number().int().optional(),
  http_auth_user: z.string().max(255).nullish(),
  http_auth_password: z.string().max(255).nullish(),
  // Webhooks v2 is the default since March 2025; this stand-in sends v2 payloads only.
  version: z.literal('2.0').default('2.0'),
})
export type NewWebhook = z.infer<typeof newWebhookSchema>

export interface StoredWebhook {
  readonly id: number
  readonly company_id: number
  readonly owner_id: number
  /** Whose permissions the events are checked against. */
  readonly user_id: number
  readonly event_action: NewWebhook['event_action']
  readonly event_object: NewWebhook['event_object']
  readonly subscription_url: string
  readonly version: '2.0'
  readonly name: string
  readonly http_auth_user: string | null
  readonly http_auth_password: string | null
  readonly type: 'application' | 'general'
  readonly add_time: string
  last_delivery_time: string | null
  last_http_status: number | null
  /** First attempts failed since the last ban (Pipedrive's ban counter). */
  failedFirstAttempts: number
  /** Epoch ms until which the webhook is banned; 0 when it is not. */
  bannedUntil: number
}

export class WebhookLimitError extends Error {
  override readonly name = 'WebhookLimitError'
}

export class WebhookRegistry {
  private readonly webhooks = new Map<number, StoredWebhook>()
  private nextId = 1

  constructor(
    private readonly companyId: number,
    private readonly now: () => number
  ) {}

  /** @throws WebhookLimitError when the user already has 40. */
  add(ownerId: number, input: NewWebhook, type: StoredWebhook['type']): StoredWebhook {
    if (this.ofUser(ownerId).length >= WEBHOOKS_PER_USER)
      throw new WebhookLimitError(
        `A user may have at most ${WEBHOOKS_PER_USER} webhooks; delete one first`
      )
    const webhook: StoredWebhook = {
      id: this.nextId++,
      company_id: this.companyId,
      owner_id: ownerId,
      user_id: input.user_id ?? ownerId,
      event_action: input.event_action,
      event_object: input.event_object,
      subscription_url: input.subscription_url,
      version: input.version,
      name: input.name ?? '',
      http_auth_user: input.http_auth_user ?? null,
      http_auth_password: input.http_auth_password ?? null,
      type,
      add_time: new Date(this.now()).toISOString(),
      last_delivery_time: null,
      last_http_status: null,
      failedFirstAttempts: 0,
      bannedUntil: 0,
    }
    this.webhooks.set(webhook.id, webhook)
    return webhook
  }

  ofUser(ownerId: number): StoredWebhook[] {
    return [...this.webhooks.values()].filter((w) => w.owner_id === ownerId)
  }

  all(): StoredWebhook[] {
    return [...this.webhooks.values()]
  }

  /** @returns false when the user has no such webhook. */
  remove(ownerId: number, id: number): boolean {
    const webhook = this.webhooks.get(id)
    if (webhook === undefined || webhook.owner_id !== ownerId) return false
    return this.webhooks.delete(id)
  }

  /** An uninstall removes every webhook the app created for that user. */
  removeApplicationWebhooksOf(ownerId: number): void {
    for (const webhook of this.ofUser(ownerId))
      if (webhook.type === 'application') this.webhooks.delete(webhook.id)
  }

  /** The webhooks an event on `entity` by `action` goes to (`*` matches any). */
  matching(action: string, entity: string): StoredWebhook[] {
    return this.all().filter(
      (w) =>
        (w.event_action === '*' || w.event_action === action) &&
        (w.event_object === '*' || w.event_object === entity)
    )
  }

  /** What `GET /v1/webhooks` shows: never the Basic password. */
  static view(webhook: StoredWebhook) {
    const { failedFirstAttempts: _f, bannedUntil, http_auth_password: _p, ...shown } = webhook
    return { ...shown, http_auth_password: null, is_active: bannedUntil === 0 ? 1 : 0 }
  }
}
