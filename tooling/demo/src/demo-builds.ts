/**
 * The demo's two apps, built as the demo serves them: each as its own process (nothing imports an
 * app), the Zendesk app for a relay on 127.0.0.1.
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { buildPipedrivePanel } from './pipedrive-demo.ts'

const zendeskDir = fileURLToPath(new URL('../../../apps/zendesk/', import.meta.url))

/** Builds the Zendesk app as its own process (nothing imports an app) for a relay on 127.0.0.1. */
async function buildZendeskApp(outDir: string): Promise<string> {
  const build = spawn(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], {
    cwd: zendeskDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ZENDESK_RELAY_DOMAINS: '127.0.0.1', ZENDESK_OUT_DIR: outDir },
  })
  let output = ''
  build.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  build.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const code = await new Promise<number | null>((resolve) => build.once('exit', resolve))
  if (code !== 0) throw new Error(`building the Zendesk app failed:\n${output}`)
  return outDir
}

/** The two apps as the demo serves them: the Zendesk app's folder and the Pipedrive panel page. */
export interface DemoBuilds {
  readonly zendeskAppDir: string
  readonly pipedrivePanelFile: string
}

/**
 * Builds both apps into `dir`, at once, each as its own process. Both are awaited even when one
 * fails, so no build is still running once this rejects.
 */
export async function buildDemoApps(dir: string): Promise<DemoBuilds> {
  const zendeskAppDir = join(dir, 'zendesk-app')
  const [zendeskBuild, panelBuild] = await Promise.allSettled([
    buildZendeskApp(zendeskAppDir),
    buildPipedrivePanel(join(dir, 'pipedrive-panel')),
  ])
  if (zendeskBuild.status === 'rejected') throw zendeskBuild.reason
  if (panelBuild.status === 'rejected') throw panelBuild.reason
  return { zendeskAppDir, pipedrivePanelFile: panelBuild.value }
}
