/**
 * @module hosts/pipedrive/webhooks/webhook-deps
 * What the write-back's Pipedrive side needs, built once with the rest of the Pipedrive app
 * (node-pipedrive-deps.ts): the companies' subscriptions and credentials, the subscriber the
 * install and uninstall callbacks use, the stage-name cache, and where a company's links go.
 */
import type { StageNames } from './stage-names.ts'
import type { WebhookSubscriber } from './subscribe-webhooks.ts'
import type { WebhookSubscriptionStore } from './webhook-subscriptions.ts'

export interface PipedriveWebhookDeps {
  readonly subscriptions: WebhookSubscriptionStore
  readonly subscriber: WebhookSubscriber
  readonly stageNames: StageNames
  /** The company's Pipedrive origin (a connected installation's api_domain), for links back. */
  pipedriveUrlOf(companyId: string): Promise<string | undefined>
}
