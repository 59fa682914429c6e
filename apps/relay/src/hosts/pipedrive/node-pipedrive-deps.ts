/**
 * @module hosts/pipedrive/node-pipedrive-deps
 * The Pipedrive app's dependencies on Node: the `pipedrive` npm client (Node only), the store's
 * installations and tenant links, the token keeper, and the built custom panel page read from disk.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import { RelayError } from '../../platform/errors.ts'
import type { TenantStore } from '../../store/tenant-store.ts'
import type { PipedriveInstallationStore } from './install/installation-store.ts'
import { PIPEDRIVE } from './pipedrive-links.ts'
import { createPipedriveClient } from './api/pipedrive-client.ts'
import { withTrustedApiDomains } from './api/trusted-api-domains.ts'
import type { PipedriveDeps } from './pipedrive-deps.ts'
import type { PipedriveSettings } from './pipedrive-settings.ts'
import { createSubjectCache } from './subject-cache.ts'
import { createTokenKeeper } from './install/token-keeper.ts'
import type { SetupFailureStore } from './install/setup-failures.ts'
import type { RefreshLeases } from './install/refresh-leases.ts'
import type { UsedStateStore } from './install/used-states.ts'
import { createStageNames } from './webhooks/stage-names.ts'
import { createWebhookSubscriber } from './webhooks/subscribe-webhooks.ts'
import type { WebhookSubscriptionStore } from './webhooks/webhook-subscriptions.ts'

/** A warning for the operator: one JSON line on stderr, names and ids only (no secrets). */
export function stderrWarn(event: string, fields: Readonly<Record<string, string>>): void {
  process.stderr.write(`${JSON.stringify({ level: 'warn', event, ...fields })}\n`)
}

/** Where `pnpm --filter @intilery-connect/pipedrive build` puts the page in this repository. */
export const DEFAULT_PANEL_FILE = fileURLToPath(
  new URL('../../../../pipedrive/dist/panel.html', import.meta.url)
)

/**
 * The page, read when first asked for and kept; a missing file is asked again next time, so a
 * relay started before the build serves the page once it exists.
 */
export function panelPageFromFile(path: string): () => string | undefined {
  let page: string | undefined
  return () => {
    if (page !== undefined) return page
    try {
      page = readFileSync(path, 'utf8')
    } catch {
      return undefined
    }
    return page
  }
}

export function nodePipedriveDeps(options: {
  readonly settings: PipedriveSettings
  readonly installations: PipedriveInstallationStore
  readonly oauthStates: UsedStateStore
  readonly setupFailures: SetupFailureStore
  /** Which instance refreshes a token (shared database); this process's single-flight without. */
  readonly refreshLeases?: RefreshLeases | undefined
  readonly tenants: Pick<TenantStore, 'link'>
  readonly panelPage: () => string | undefined
  readonly now?: () => number
  readonly webhookSubscriptions: WebhookSubscriptionStore
  /** Where failures outside a request (webhook subscriptions, stage names) are reported. */
  readonly warn?: ((event: string, fields: Readonly<Record<string, string>>) => void) | undefined
}): PipedriveDeps {
  const { settings, installations, tenants } = options
  // Every token answer's api_domain is checked before anything stores or calls it.
  const api = withTrustedApiDomains(
    createPipedriveClient({
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      redirectUri: settings.redirectUri,
      oauthUrl: settings.oauthUrl,
      callTimeoutMs: settings.callTimeoutMs,
    }),
    settings.apiDomains
  )
  const now = options.now ?? Date.now
  const warn = options.warn ?? stderrWarn
  const tokens = createTokenKeeper({
    installations,
    oauth: api.oauth,
    now,
    leases: options.refreshLeases,
  })
  const stageNames = createStageNames({
    crmOf: async (companyId) => {
      const install = await installations.anyConnected(companyId)
      return install && api.crm(install.apiDomain, () => tokens.accessToken(install))
    },
    now,
    warn,
  })
  return {
    settings,
    api,
    installations,
    oauthStates: options.oauthStates,
    setupFailures: options.setupFailures,
    tokens,
    webhooks: {
      subscriptions: options.webhookSubscriptions,
      subscriber: createWebhookSubscriber({
        api,
        tokens,
        store: options.webhookSubscriptions,
        publicUrl: settings.publicUrl,
        stageNames,
        warn,
        now,
      }),
      stageNames,
      pipedriveUrlOf: (companyId) => installations.apiDomainOf(companyId),
    },
    companies: {
      async link(tenantId, companyId) {
        if (!(await tenants.link(PIPEDRIVE, tenantId, companyId)))
          throw new RelayError('not_found', 'That Intilery workspace no longer exists')
      },
    },
    panelPage: options.panelPage,
    subjects: createSubjectCache({ now: options.now ?? Date.now }),
  }
}
