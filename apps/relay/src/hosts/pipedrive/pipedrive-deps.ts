/**
 * @module hosts/pipedrive/pipedrive-deps
 * What the Pipedrive routes need from outside the app: settings, the Pipedrive API port, the
 * installations store, the tenant link, and the built custom panel page. server.ts assembles it
 * when the Pipedrive app is configured; without it every /pipedrive route refuses.
 */
import type { PipedriveInstallationStore } from './install/installation-store.ts'
import type { PipedriveApi } from './api/pipedrive-port.ts'
import type { PipedriveSettings } from './pipedrive-settings.ts'
import type { SubjectCache } from './subject-cache.ts'
import type { TokenKeeper } from './install/token-keeper.ts'
import type { SetupFailureStore } from './install/setup-failures.ts'
import type { UsedStateStore } from './install/used-states.ts'
import type { PipedriveWebhookDeps } from './webhooks/webhook-deps.ts'

export interface PipedriveCompanyLinks {
  /**
   * Links a Pipedrive company to a tenant.
   * @throws OwnershipConflictError when another tenant has that company.
   */
  link(tenantId: string, companyId: string): Promise<void>
}

export interface PipedriveDeps {
  readonly settings: PipedriveSettings
  readonly api: PipedriveApi
  readonly installations: PipedriveInstallationStore
  readonly tokens: TokenKeeper
  /** OAuth states the callback already accepted: each is accepted once. */
  readonly oauthStates: UsedStateStore
  /** Wrong API keys tried per setup link, across instances. */
  readonly setupFailures: SetupFailureStore
  readonly companies: PipedriveCompanyLinks
  /** Who records are (their emails), kept briefly per reading user (subject-cache.ts). */
  readonly subjects: SubjectCache
  /**
   * The custom panel page with `__CSP_NONCE__` where each script and style tag's nonce goes;
   * undefined when apps/pipedrive has not been built (the page route then says so).
   */
  readonly panelPage: () => string | undefined
  /** The write-back's webhooks: subscriptions, their credentials, stage names. */
  readonly webhooks: PipedriveWebhookDeps
}
