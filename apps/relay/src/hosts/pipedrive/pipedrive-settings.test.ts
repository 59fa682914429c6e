import { describe, expect, it } from 'vitest'

import { RelayConfigError, relayConfigFromEnv } from '../../wiring/relay-config.ts'
import { pipedriveSettings } from './pipedrive-settings.ts'

const base = {
  RELAY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  RELAY_AUDIT_KEY: 'a'.repeat(40),
}
const pipedrive = {
  ...base,
  RELAY_PUBLIC_URL: 'https://relay.example.com/',
  PIPEDRIVE_CLIENT_ID: 'client-id',
  PIPEDRIVE_CLIENT_SECRET: 'client-secret-value',
}

describe('Pipedrive settings', () => {
  it('are off unless the client id and secret are set', () => {
    expect(pipedriveSettings(relayConfigFromEnv(base))).toBeUndefined()
  })

  it('fall back to the client secret for both panels’ JWT secrets, as Pipedrive signs', () => {
    expect(pipedriveSettings(relayConfigFromEnv(pipedrive))).toMatchObject({
      panelJwtSecret: 'client-secret-value',
      customPanelJwtSecret: 'client-secret-value',
      redirectUri: 'https://relay.example.com/pipedrive/oauth/callback',
      oauthUrl: 'https://oauth.pipedrive.com',
    })
    const own = relayConfigFromEnv({
      ...pipedrive,
      PIPEDRIVE_PANEL_JWT_SECRET: 'panel-secret-value',
      PIPEDRIVE_CUSTOM_PANEL_JWT_SECRET: 'custom-secret-value',
    })
    expect(pipedriveSettings(own)).toMatchObject({
      panelJwtSecret: 'panel-secret-value',
      customPanelJwtSecret: 'custom-secret-value',
    })
  })

  it.each([
    [{ ...base, PIPEDRIVE_CLIENT_ID: 'client-id' }, 'go together'],
    [{ ...pipedrive, RELAY_PUBLIC_URL: undefined }, 'RELAY_PUBLIC_URL is required'],
    [{ ...pipedrive, PIPEDRIVE_PANEL_BASIC_AUTH: 'no-colon' }, 'PIPEDRIVE_PANEL_BASIC_AUTH:'],
  ])('refuse an incomplete setup with a message naming it (%#)', (env, message) => {
    expect(() => relayConfigFromEnv(env)).toThrow(RelayConfigError)
    expect(() => relayConfigFromEnv(env)).toThrow(message)
  })
})
