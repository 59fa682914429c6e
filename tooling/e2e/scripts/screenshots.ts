/**
 * `pnpm --filter @intilery-connect/e2e screenshots`: the Zendesk app's marketplace screenshots
 * (apps/zendesk/assets/screenshot-N.png, 1024×768), taken from the real app running in the local
 * Zendesk host against the relay and the sandbox. Re-run after UI changes and commit the PNGs.
 */
import process from 'node:process'
import { fileURLToPath } from 'node:url'

import { StopStack } from '@intilery-connect/demo'

import { startDemoAndBrowser } from '../src/demo-and-browser.ts'

const assets = fileURLToPath(new URL('../../../apps/zendesk/assets/', import.meta.url))
const shots = [
  { ticket: 101, scheme: 'light', note: 'Joe Bloggs: profile, consent and timeline' },
  { ticket: 102, scheme: 'light', note: 'one email, two customers: the agent picks' },
  { ticket: 101, scheme: 'dark', note: 'dark colour scheme' },
] as const

// Stops what started even when the browser does not.
const running = new StopStack()
try {
  const { demo, browser } = await startDemoAndBrowser(running, { sandbox: 0, relay: 0, zendesk: 0 })
  for (const [i, shot] of shots.entries()) {
    const context = await browser.newContext({
      viewport: { width: 1024, height: 768 },
      colorScheme: shot.scheme,
    })
    const page = await context.newPage()
    await page.goto(demo.zendesk.ticketUrl(shot.ticket))
    const app = page.frameLocator('#app-frame')
    await app
      .locator(shot.ticket === 102 ? '.ic-picker-item' : '.ic-entry')
      .first()
      .waitFor()
    // The app sizes its iframe to its content once rendered (ZAF `resize`).
    await page.waitForFunction(
      () => (document.getElementById('app-frame')?.getBoundingClientRect().height ?? 200) > 200
    )
    const path = `${assets}screenshot-${i}.png`
    await page.screenshot({ path })
    process.stdout.write(`${path}: ${shot.note}\n`)
    await context.close()
  }
} finally {
  await running.stopAll()
}
