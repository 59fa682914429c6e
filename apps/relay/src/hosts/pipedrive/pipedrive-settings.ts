/**
 * @module pipedrive/pipedrive-settings
 * The Pipedrive app's settings as the routes use them, derived once from the relay config: each
 * extension's JWT secret falls back to the client secret, exactly as Pipedrive signs when the
 * Developer Hub field is empty, and the OAuth redirect URL is built from the relay's public URL.
 */
import type { RelayConfig } from '../../platform/config/relay-config.ts'

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
}

export const CALLBACK_PATH = '/pipedrive/oauth/callback'

/** undefined when the Pipedrive app is not configured: its routes then refuse every request. */
export function pipedriveSettings(config: RelayConfig): PipedriveSettings | undefined {
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
  }
}
