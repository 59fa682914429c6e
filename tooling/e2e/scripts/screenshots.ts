/**
 * `pnpm --filter @intilery-connect/e2e screenshots`: every screenshot the repository keeps, taken
 * from the real apps running in the local Zendesk and Pipedrive hosts against the relay and the
 * sandbox. Re-run after UI changes and commit the PNGs.
 *
 * - apps/zendesk/assets/screenshot-N.png (1024×768): the Zendesk marketplace listing's pictures.
 * - docs/screenshots/{zendesk,pipedrive}-{customer}-{light,dark}.png and its README.md index: four
 *   customers in both apps and both colour schemes, and pipedrive-json-account-{light,dark}.png,
 *   an organization's roll-up in the JSON panel (src/screenshots/shots.ts).
 *
 * - docs/screenshots/demo-site-*.png: the personalization demo site, signed in (#16).
 *
 * `-- --docs`, `-- --marketplace` or `-- --site` takes only that set.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import process from 'node:process'
import { fileURLToPath } from 'node:url'

import { StopStack, type RunningDemo } from '@intilery-connect/demo'
import type { Browser } from 'playwright-core'

import { startDemoAndBrowser } from '../src/demo-and-browser.ts'
import { captureShot } from '../src/screenshots/capture.ts'
import { docShots, screenshotIndex } from '../src/screenshots/shots.ts'

const assets = fileURLToPath(new URL('../../../apps/zendesk/assets/', import.meta.url))
const docsDir = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url))
const marketplaceShots = [
  { ticket: 101, scheme: 'light', note: 'Joe Bloggs: profile, consent and timeline' },
  { ticket: 102, scheme: 'light', note: 'one email, two customers: the agent picks' },
  { ticket: 101, scheme: 'dark', note: 'dark colour scheme' },
] as const

async function marketplace(demo: RunningDemo, browser: Browser): Promise<void> {
  for (const [i, shot] of marketplaceShots.entries()) {
    const context = await browser.newContext({
      viewport: { width: 1024, height: 768 },
      colorScheme: shot.scheme,
    })
    const page = await context.newPage()
    await page.goto(demo.zendesk.ticketUrl(shot.ticket, shot.scheme))
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
}

async function docs(demo: RunningDemo, browser: Browser): Promise<void> {
  mkdirSync(docsDir, { recursive: true })
  const shots = docShots()
  for (const shot of shots) {
    const path = `${docsDir}${shot.file}`
    await captureShot(browser, demo, shot, path)
    process.stdout.write(`${path}: ${shot.title}, ${shot.box}, ${shot.scheme}\n`)
  }
  writeFileSync(`${docsDir}README.md`, screenshotIndex(shots))
  process.stdout.write(`${docsDir}README.md: the index\n`)
}

/** The demo site (#16): signed in, both blocks filled, one customer in each colour scheme. */
const siteShots = [
  { who: 'Joe Bloggs', file: 'demo-site-joe-bloggs-light.png', scheme: 'light' },
  { who: 'Eleanor Whitfield', file: 'demo-site-high-value-dark.png', scheme: 'dark' },
] as const

async function site(demo: RunningDemo, browser: Browser): Promise<void> {
  mkdirSync(docsDir, { recursive: true })
  for (const shot of siteShots) {
    const context = await browser.newContext({
      viewport: { width: 1024, height: 800 },
      colorScheme: shot.scheme,
    })
    const page = await context.newPage()
    await page.goto(demo.site.url)
    await page.getByRole('button', { name: `Sign in as ${shot.who}` }).click()
    await page.locator('#looked-at[aria-busy="false"]').waitFor()
    const path = `${docsDir}${shot.file}`
    await page.screenshot({ path, fullPage: true })
    process.stdout.write(`${path}: the demo site, ${shot.who}, ${shot.scheme}\n`)
    await context.close()
  }
}

const args = new Set(process.argv.slice(2))
const all = !args.has('--docs') && !args.has('--marketplace') && !args.has('--site')
// Stops what started even when the browser does not.
const running = new StopStack()
try {
  const ports = { sandbox: 0, relay: 0, zendesk: 0, pipedrive: 0, pipedriveHost: 0 }
  const { demo, browser } = await startDemoAndBrowser(running, ports)
  if (all || args.has('--marketplace')) await marketplace(demo, browser)
  if (all || args.has('--docs')) await docs(demo, browser)
  if (all || args.has('--site')) await site(demo, browser)
} finally {
  await running.stopAll()
}
