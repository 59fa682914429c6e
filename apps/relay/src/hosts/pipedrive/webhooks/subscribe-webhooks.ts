/**
 * @module hosts/pipedrive/webhooks/subscribe-webhooks
 * Subscribes a company's write-back webhooks through an installation's token (`POST
 * /v1/webhooks`, version 2.0, with Basic credentials made here): deal created, deal changed (stage
 * moves, won and lost are all `change.deal`) and person created. Idempotent: the app's webhooks
 * already pointing at this relay (Pipedrive lists an app only its own) are replaced, never
 * duplicated, so a re-install or a retry leaves exactly one set.
 *
 * A company has one subscription, owned by the installation that made it: Pipedrive checks each
 * event against that user's permissions, so the first installer should be an admin (the docs
 * say so). Another user's install does not take it over, as Pipedrive would not show them the
 * owner's webhooks to replace; after a failure, or once the owner uninstalls, the next install
 * subscribes.
 *
 * Failures never fail the install: they are returned, stored with their reason (shown on the
 * install page) and reported through `warn`.
 */
import type { PipedriveInstallation } from '../install/installation-store.ts'
import type { TokenKeeper } from '../install/token-keeper.ts'
import { PipedriveCallError, type CallOptions, type PipedriveApi } from '../api/pipedrive-port.ts'
import type { StageNames } from './stage-names.ts'
import { hashWebhookPassword, newWebhookCredentials } from './webhook-credentials.ts'
import type { WebhookSubscriptionStore } from './webhook-subscriptions.ts'

/** The events the sales timeline is made of (webhook-events.ts). */
export const SUBSCRIBED_EVENTS = [
  { eventAction: 'create', eventObject: 'deal' },
  { eventAction: 'change', eventObject: 'deal' },
  { eventAction: 'create', eventObject: 'person' },
] as const

/** The path Pipedrive posts to, under the relay's public URL. */
export const WEBHOOK_PATH = '/pipedrive/v1/webhooks'

export type SubscribeOutcome =
  | { readonly status: 'subscribed'; readonly webhookIds: readonly number[] }
  | { readonly status: 'skipped'; readonly reason: string }
  | { readonly status: 'failed'; readonly reason: string }

/** How often a company's missing or failed subscription is tried again from a panel open. */
export const RETRY_AT_MOST_EVERY_MS = 30 * 60_000

export interface WebhookSubscriber {
  subscribe(install: PipedriveInstallation, options?: CallOptions): Promise<SubscribeOutcome>
  /**
   * From a panel open (a connected installation at hand): when the company has no subscription,
   * or one that failed, subscribes through it in the background, at most every 30 minutes per
   * company. This retries failures and subscribes installations made before write-back existed.
   */
  retryLater(install: PipedriveInstallation): void
  /** Resolves once no background subscription is running (tests, shutdown). */
  settled(): Promise<void>
  /** The user uninstalled: Pipedrive removes the app's webhooks itself; the relay forgets them. */
  forgetUser(companyId: string, userId: string): Promise<boolean>
}

/** What went wrong, in words an admin can act on (never a token or a password). */
function reasonOf(error: unknown): string {
  if (error instanceof PipedriveCallError) return error.message
  return 'the relay could not complete the subscription'
}

export function createWebhookSubscriber(deps: {
  readonly api: PipedriveApi
  readonly tokens: TokenKeeper
  readonly store: WebhookSubscriptionStore
  /** The relay's public URL (RELAY_PUBLIC_URL). */
  readonly publicUrl: string
  /** Warms the company's stage and pipeline names while the token is at hand. */
  readonly stageNames?: StageNames | undefined
  readonly warn: (event: string, fields: Readonly<Record<string, string>>) => void
  readonly now: () => number
}): WebhookSubscriber {
  const retried = new Map<string, number>()
  const running = new Set<Promise<void>>()
  const subscriptionUrl = `${deps.publicUrl.replace(/\/+$/, '')}${WEBHOOK_PATH}`

  async function replace(install: PipedriveInstallation, options: CallOptions) {
    const crm = deps.api.crm(install.apiDomain, () => deps.tokens.accessToken(install), options)
    const ours = (await crm.webhooks.list()).filter((w) => w.subscription_url === subscriptionUrl)
    const credentials = newWebhookCredentials()
    const created: number[] = []
    try {
      for (const event of SUBSCRIBED_EVENTS) {
        const webhook = await crm.webhooks.add({
          ...event,
          subscriptionUrl,
          name: `Intilery write-back (${event.eventAction}.${event.eventObject})`,
          httpAuthUser: credentials.user,
          httpAuthPassword: credentials.password,
        })
        created.push(webhook.id)
      }
    } catch (error) {
      // Half a set would miss events silently: take back what was made, keep the old set.
      await Promise.allSettled(created.map((id) => crm.webhooks.remove(id)))
      throw error
    }
    await deps.store.saveSubscribed(
      install.companyId,
      install.userId,
      { user: credentials.user, passwordHash: await hashWebhookPassword(credentials.password) },
      created
    )
    // The old set goes last: until now it was what delivered the company's events.
    for (const old of ours) await crm.webhooks.remove(old.id)
    // The names the events carry; a failure here leaves them to the first event's refresh.
    await deps.stageNames?.refresh(install.companyId, crm).catch((error: unknown) =>
      deps.warn('pipedrive_stage_names_not_read', {
        company: install.companyId,
        reason: reasonOf(error),
      })
    )
    return created
  }

  const subscriber: WebhookSubscriber = {
    retryLater(install) {
      const last = retried.get(install.companyId)
      if (last !== undefined && deps.now() - last < RETRY_AT_MOST_EVERY_MS) return
      retried.set(install.companyId, deps.now())
      const run = (async () => {
        const existing = await deps.store.get(install.companyId)
        if (existing?.status !== 'subscribed') await subscriber.subscribe(install)
      })()
        .catch((error: unknown) =>
          deps.warn('pipedrive_webhooks_not_subscribed', {
            company: install.companyId,
            user: install.userId,
            reason: reasonOf(error),
          })
        )
        .finally(() => running.delete(run))
      running.add(run)
    },

    async settled() {
      while (running.size > 0) await Promise.all([...running])
    },

    async subscribe(install, options = {}) {
      const existing = await deps.store.get(install.companyId)
      if (existing?.status === 'subscribed' && existing.userId !== install.userId)
        return { status: 'skipped', reason: `subscribed through user ${existing.userId}` }
      try {
        return { status: 'subscribed', webhookIds: await replace(install, options) }
      } catch (error) {
        const reason = reasonOf(error)
        await deps.store.saveFailed(install.companyId, install.userId, reason)
        deps.warn('pipedrive_webhooks_not_subscribed', {
          company: install.companyId,
          user: install.userId,
          reason,
        })
        return { status: 'failed', reason }
      }
    },

    async forgetUser(companyId, userId) {
      const existing = await deps.store.get(companyId)
      if (existing?.userId !== userId) return false
      await deps.store.remove(companyId)
      return true
    },
  }
  return subscriber
}
