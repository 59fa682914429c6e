// The picker's facts and the agent's remembered choice, and the states #13 item 5 adds (the picker,
// the "not the requester" banner with its note confirmation, the search under the header) in
// Zendesk's light and dark colour schemes, as Zendesk sets them (the app iframe's `colorScheme`),
// with the browser preferring the other: axe finds nothing, and native controls are drawn for the
// scheme (#13 item 8).
//
// The app's iframe is another site than Zendesk's page (zdusercontent.com in zendesk.com; localhost
// in 127.0.0.1 here), so its localStorage is third-party storage: Chromium's defaults (and every
// incognito window) refuse it, while a profile that allows third-party site data keeps it. Both
// are tested.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { StopStack, type RunningDemo } from '@intilery-connect/demo'
import { SEEDED } from '@intilery-connect/sandbox'
import { chromium, type Browser, type BrowserContext, type Frame } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { axeSource, axeViolations } from '../src/axe.ts'
import { findChromium, watchPage } from '../src/browser.ts'
import { startDemoAndBrowser } from '../src/demo-and-browser.ts'
import { openTicket, type TicketView } from '../src/zendesk-page.ts'

const running = new StopStack()
let demo: RunningDemo
let browser: Browser
const open: TicketView[] = []
beforeAll(async () => {
  const started = await startDemoAndBrowser(running, { sandbox: 0, relay: 0, zendesk: 0 })
  demo = started.demo
  browser = started.browser
})
afterEach(async () => {
  for (const view of open.splice(0)) {
    expect(view.errors).toEqual([])
    expect(view.dialogs).toEqual([])
    await view.close()
  }
})
afterAll(() => running.stopAll())

type Scheme = 'light' | 'dark'
const other = (scheme: Scheme): Scheme => (scheme === 'dark' ? 'light' : 'dark')

/** A ticket in Zendesk's `scheme`, in a browser that prefers the other one. */
async function ticket(id: number, scheme: Scheme = 'light') {
  const view = await openTicket(browser, demo.zendesk.ticketUrl(id, scheme), {
    colorScheme: other(scheme),
  })
  open.push(view)
  return view
}

function appFrame(view: TicketView): Frame {
  const frame = view.page.frames().find((f) => f.url().includes('/app/assets/index.html'))
  if (frame === undefined) throw new Error('the app frame is missing')
  return frame
}

async function axeFinds(view: TicketView, what: string) {
  const frame = appFrame(view)
  if (!(await frame.evaluate(() => 'axe' in window)))
    await frame.addScriptTag({ content: axeSource() })
  expect(await axeViolations(frame), what).toEqual([])
}

describe('the picker', () => {
  it('shows what tells the shared email’s two customers apart', async () => {
    const { app } = await ticket(102)
    const sam = app.locator('.ic-picker-item', { hasText: 'Sam Taylor' }).first()
    const samantha = app.locator('.ic-picker-item', { hasText: 'Samantha Taylor-Reid' })
    // Orders come from each candidate's computed traits, read once the picker shows.
    await expect.poll(() => sam.locator('.ic-picker-orders').textContent()).toBe('No orders')
    expect(await sam.locator('.ic-picker-place').textContent()).toBe('Manchester, United Kingdom')
    expect(await sam.locator('.ic-picker-active').textContent()).toMatch(/^Last active /)
    expect(await samantha.locator('.ic-picker-place').textContent()).toBe('London, United Kingdom')
    expect(await samantha.locator('.ic-picker-audiences').textContent()).toContain(
      'Cart abandoners'
    )
    // One button each: reached with Tab, chosen with Enter.
    await samantha.focus()
    await samantha.press('Enter')
    await expect.poll(() => app.locator('.ic-name').textContent()).toBe('Samantha Taylor-Reid')
  })
})

/**
 * A browser profile whose cookie setting allows third-party site data (Chrome's setting "Allow
 * third-party cookies"), in its own Chromium, stopped with the suite.
 */
async function allowingThirdPartyStorage(): Promise<BrowserContext> {
  const dir = mkdtempSync(join(tmpdir(), 'ic-e2e-profile-'))
  running.defer(() => rm(dir, { recursive: true, force: true }))
  mkdirSync(join(dir, 'Default'))
  writeFileSync(
    join(dir, 'Default', 'Preferences'),
    JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } })
  )
  const found = await findChromium()
  return running.start(
    () =>
      chromium.launchPersistentContext(dir, {
        executablePath: found.path,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
        env: { ...process.env, ...found.env },
        viewport: { width: 1200, height: 900 },
      }),
    (context) => context.close()
  )
}

describe('the agent’s choice for a requester', () => {
  it('is shown directly on the next open, until they change it, where the browser keeps it', async () => {
    const context = await allowingThirdPartyStorage()
    const page = await context.newPage()
    const { errors, dialogs } = watchPage(page)
    const app = page.frameLocator('#app-frame')
    await page.goto(demo.zendesk.ticketUrl(102))
    await app.locator('.ic-picker-item', { hasText: 'Samantha Taylor-Reid' }).click()
    await expect.poll(() => app.locator('.ic-name').textContent()).toBe('Samantha Taylor-Reid')
    expect(await app.locator('.ic-choice').textContent()).toContain('this browser remembers')

    await page.reload()
    await expect.poll(() => app.locator('.ic-name').textContent()).toBe('Samantha Taylor-Reid')
    expect(await app.locator('.ic-picker-item').count()).toBe(0)
    // Their own match: no "not the requester" warning.
    expect(await app.locator('.ic-moved').count()).toBe(0)

    await app.getByRole('button', { name: 'Change' }).click()
    await expect.poll(() => app.locator('.ic-picker-item').count()).toBe(2)
    await page.reload()
    await expect.poll(() => app.locator('.ic-picker-item').count()).toBe(2)
    expect(await app.locator('.ic-name').count()).toBe(0)
    expect(errors).toEqual([])
    expect(dialogs).toEqual([])
  })

  it('is still the agent’s to make where the browser refuses storage, which they are told', async () => {
    const view = await ticket(102)
    const { app, page } = view
    await app.locator('.ic-picker-item', { hasText: 'Samantha Taylor-Reid' }).click()
    await expect.poll(() => app.locator('.ic-name').textContent()).toBe('Samantha Taylor-Reid')
    expect(await app.locator('.ic-choice').textContent()).toContain(
      'This browser can’t remember the choice.'
    )
    await page.reload()
    await expect.poll(() => app.locator('.ic-picker-item').count()).toBe(2)
  })
})

describe.each(['light', 'dark'] as const)('in Zendesk’s %s scheme', (scheme) => {
  it('is drawn in it, whatever the browser prefers, with native controls to match', async () => {
    const view = await ticket(101, scheme)
    const { app } = view
    await expect.poll(() => app.locator('.ic-name').textContent()).toBe('Joe Bloggs')
    const root = app.locator('.ic-root').first()
    expect((await root.getAttribute('class'))?.includes('ic-dark')).toBe(scheme === 'dark')
    // `color-scheme` makes Chromium draw the date picker's icon, selects and scrollbars light on
    // dark; without it the date icon is black on the dark panel.
    const schemes = await appFrame(view).evaluate(() =>
      [document.documentElement, ...document.querySelectorAll('.ic-root, .ic-root input')].map(
        (element) => getComputedStyle(element).colorScheme
      )
    )
    expect(new Set(schemes)).toEqual(new Set([scheme]))
  })

  it('has nothing axe can find in the picker, the search and the not-the-requester states', async () => {
    const picking = await ticket(102, scheme)
    await expect.poll(() => picking.app.locator('.ic-picker-orders').count()).toBe(2)
    await axeFinds(picking, `${scheme}: picker`)

    const view = await ticket(101, scheme)
    const { app } = view
    await expect.poll(() => app.locator('.ic-name').textContent()).toBe('Joe Bloggs')
    await app.getByText('Not this person? Search Intilery').click()
    await axeFinds(view, `${scheme}: search open`)
    await app.getByLabel('Search by').selectOption('anonymousId')
    await app.getByLabel('Value to search for').fill(SEEDED.anonymousOnly.anonymousId)
    await app.getByRole('button', { name: 'Search', exact: true }).click()
    await expect
      .poll(() => app.locator('.ic-moved').textContent())
      .toContain('not this ticket’s requester')
    await app.getByRole('button', { name: 'Add summary to internal note' }).click()
    await expect.poll(() => app.locator('.ic-confirm').count()).toBe(1)
    await axeFinds(view, `${scheme}: not the requester, note confirmation open`)
  })
})
