/**
 * @module hosts/pipedrive/api/test/client-on-stand-in
 * Test support (under test/, so lint lets it use the sandbox): the sandbox's Pipedrive and the
 * real `pipedrive` npm client pointed at it, as the client's tests all start.
 */
import { startPipedrive, type RunningPipedrive } from '@intilery-connect/sandbox'

import { createPipedriveClient, type PipedriveClientOptions } from '../pipedrive-client.ts'
import type { PipedriveApi } from '../pipedrive-port.ts'

/** The app's OAuth callback; nothing listens there, the tests issue codes for it directly. */
export const REDIRECT = 'http://127.0.0.1:9/pipedrive/oauth/callback'

const APP = { clientId: 'cid', clientSecret: 'csecret', redirectUri: REDIRECT }

export async function clientOnStandIn(
  options: Pick<PipedriveClientOptions, 'callTimeoutMs'> = {}
): Promise<{ readonly pipedrive: RunningPipedrive; readonly api: PipedriveApi }> {
  const pipedrive = await startPipedrive(APP)
  const api = createPipedriveClient({ ...APP, oauthUrl: pipedrive.url, ...options })
  return { pipedrive, api }
}
