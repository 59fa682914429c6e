/**
 * @module pipedrive-demo
 * The demo's Pipedrive side: demo-only credentials, the custom panel built as its own process
 * (nothing imports an app), and the demo installation made the way a user makes one, through the
 * relay's real OAuth start and callback against the sandbox's Pipedrive consent page.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

import { installThroughBrowser } from '@intilery-connect/sandbox'

/** Demo-only values, printed and documented; never use them for a real installation. */
export const DEMO_PIPEDRIVE = {
  clientId: 'demo-pipedrive-client',
  clientSecret: 'demo-pipedrive-client-secret',
  /** Both panels' JWT secret (Developer Hub's "JWT secret" field). */
  panelJwtSecret: 'demo-pipedrive-secret',
  companyId: 1001,
  userId: 2001,
  /** Joe Bloggs in the sandbox's Pipedrive. */
  joePersonId: 1,
  /** His deal (£12,000, open): the one to mark won for write-back. */
  joeDealId: 1,
  /** The person whose email two Intilery customers share: the panels say how many match. */
  sharedEmailPersonId: 2,
  /** The person whose name and customer are XSS payloads. */
  hostilePersonId: 5,
  /** The high-value shopper (deal 4 is hers). */
  highValuePersonId: 8,
  highValueDealId: 4,
  /** An organization of several people Intilery knows: the account roll-up. */
  accountOrgId: 3,
} as const

const pipedriveAppDir = fileURLToPath(new URL('../../../apps/pipedrive/', import.meta.url))

/** Builds apps/pipedrive's panel page into `outDir`; resolves with the page's path. */
export async function buildPipedrivePanel(outDir: string): Promise<string> {
  const build = spawn(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], {
    cwd: pipedriveAppDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PIPEDRIVE_OUT_DIR: outDir },
  })
  let output = ''
  build.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  build.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const code = await new Promise<number | null>((resolve) => build.once('exit', resolve))
  if (code !== 0) throw new Error(`building the Pipedrive panel failed:\n${output}`)
  return `${outDir}/panel.html`
}

/** Installs the app for the demo user through the relay's real OAuth start and callback. */
export async function installDemoPipedrive(relayUrl: string, userId: number): Promise<void> {
  const done = await installThroughBrowser(`${relayUrl}/pipedrive/oauth/start`, userId)
  // The demo company is linked to the demo tenant already, so the callback says "connected".
  if (done.status !== 200)
    throw new Error(`the demo's Pipedrive install failed (callback answered ${done.status})`)
}
