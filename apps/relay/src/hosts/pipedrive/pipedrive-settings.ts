/**
 * @module hosts/pipedrive/pipedrive-settings
 * The Pipedrive app's settings as the routes use them, derived once from the relay config: each
 * extension's JWT secret falls back to the client secret, exactly as Pipedrive signs when the
 * Developer Hub field is empty, and the OAuth redirect URL is built from the relay's public URL.
 */
import { z } from 'zod'

import type { HostConfig } from '../host-module.ts'
import { apiDomainsSchema, DEFAULT_API_DOMAINS } from './api/trusted-api-domains.ts'

const pipedriveConfigShape = {
  /** The Pipedrive app's OAuth client; the Pipedrive routes stay off without both. */
  pipedriveClientId: z.string().min(1).optional(),
  pipedriveClientSecret: z.string().min(8).optional(),
  /** JSON panel JWT secret (Developer Hub); Pipedrive signs with the client secret when empty. */
  pipedrivePanelJwtSecret: z.string().min(8).optional(),
  /** Custom panel JWT secret; falls back to the client secret the same way. */
  pipedriveCustomPanelJwtSecret: z.string().min(8).optional(),
  /** The JSON panel's optional HTTP Auth, `user:password`, as entered in Developer Hub. */
  pipedrivePanelBasicAuth: z
    .string()
    .regex(/^[^:]+:.+$/, 'must be user:password')
    .optional(),
  pipedriveOAuthUrl: z.url({ protocol: /^https?$/ }).default('https://oauth.pipedrive.com'),
  /** The built custom panel page (apps/pipedrive's dist/panel.html). */
  pipedrivePanelFile: z.string().min(1).optional(),
  /**
   * The origins Pipedrive's token answer may name as an installation's `api_domain`, comma-separated
   * (`https://*.pipedrive.com`; a stand-in's `http://127.0.0.1:<port>`): trusted-api-domains.ts.
   */
  pipedriveApiDomains: apiDomainsSchema.default([DEFAULT_API_DOMAINS]),
  /**
   * Each call to Pipedrive's API or OAuth server gives up after this, besides ending with the
   * request's deadline (RELAY_REQUEST_DEADLINE_MS); default 3000 (api/call-limits.ts).
   */
  pipedriveCallTimeoutMs: z.coerce.number().int().min(100).max(60_000).optional(),
}

export type PipedriveConfig = z.output<z.ZodObject<typeof pipedriveConfigShape>> & {
  readonly publicUrl?: string | undefined
}

export const pipedriveConfig: HostConfig<typeof pipedriveConfigShape> = {
  shape: pipedriveConfigShape,
  env: {
    pipedriveClientId: 'PIPEDRIVE_CLIENT_ID',
    pipedriveClientSecret: 'PIPEDRIVE_CLIENT_SECRET',
    pipedrivePanelJwtSecret: 'PIPEDRIVE_PANEL_JWT_SECRET',
    pipedriveCustomPanelJwtSecret: 'PIPEDRIVE_CUSTOM_PANEL_JWT_SECRET',
    pipedrivePanelBasicAuth: 'PIPEDRIVE_PANEL_BASIC_AUTH',
    pipedriveOAuthUrl: 'PIPEDRIVE_OAUTH_URL',
    pipedrivePanelFile: 'PIPEDRIVE_PANEL_FILE',
    pipedriveApiDomains: 'PIPEDRIVE_API_DOMAINS',
    pipedriveCallTimeoutMs: 'PIPEDRIVE_CALL_TIMEOUT_MS',
  },
  secrets: [
    'pipedriveClientSecret',
    'pipedrivePanelJwtSecret',
    'pipedriveCustomPanelJwtSecret',
    'pipedrivePanelBasicAuth',
  ],
  check(config) {
    const halves = [config.pipedriveClientId, config.pipedriveClientSecret]
    if (halves.some((v) => v === undefined) && halves.some((v) => v !== undefined))
      return 'PIPEDRIVE_CLIENT_ID and PIPEDRIVE_CLIENT_SECRET go together: set both or neither'
    if (config.pipedriveClientId !== undefined && config.publicUrl === undefined)
      return 'RELAY_PUBLIC_URL is required with Pipedrive: it is the base of the OAuth callback URL'
    return undefined
  },
}

export interface PipedriveSettings {
  readonly clientId: string
  readonly clientSecret: string
  /** Verifies the JSON panel's `token`. */
  readonly panelJwtSecret: string
  /** Verifies the custom panel's page `token` and its SDK-signed Bearer tokens. */
  readonly customPanelJwtSecret: string
  /** `user:password` the JSON panel request must carry as Basic auth, when configured. */
  readonly panelBasicAuth: string | undefined
  /** The relay as Pipedrive and browsers reach it, without a trailing slash. */
  readonly publicUrl: string
  readonly redirectUri: string
  readonly oauthUrl: string
  /** Origins an installation's `api_domain` may be (PIPEDRIVE_API_DOMAINS). */
  readonly apiDomains: readonly string[]
  /** Each Pipedrive call's own limit; undefined for the default (api/call-limits.ts). */
  readonly callTimeoutMs: number | undefined
}

export const CALLBACK_PATH = '/pipedrive/oauth/callback'

/** undefined when the Pipedrive app is not configured: its routes then refuse every request. */
export function pipedriveSettings(config: PipedriveConfig): PipedriveSettings | undefined {
  const { pipedriveClientId: clientId, pipedriveClientSecret: clientSecret } = config
  if (clientId === undefined || clientSecret === undefined || config.publicUrl === undefined)
    return undefined
  const publicUrl = config.publicUrl.replace(/\/+$/, '')
  return {
    clientId,
    clientSecret,
    panelJwtSecret: config.pipedrivePanelJwtSecret ?? clientSecret,
    customPanelJwtSecret: config.pipedriveCustomPanelJwtSecret ?? clientSecret,
    panelBasicAuth: config.pipedrivePanelBasicAuth,
    publicUrl,
    redirectUri: `${publicUrl}${CALLBACK_PATH}`,
    oauthUrl: config.pipedriveOAuthUrl.replace(/\/+$/, ''),
    apiDomains: config.pipedriveApiDomains,
    callTimeoutMs: config.pipedriveCallTimeoutMs,
  }
}
