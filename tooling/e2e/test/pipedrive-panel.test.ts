// The real Pipedrive panel, built, served by the real relay under its CSP, inside the local
// Pipedrive host (SDK protocol, signed tokens, the JSON panel), through the sandbox's Pipedrive
// and Intilery, in Chromium (src/browser.ts): what a sales rep sees on a person, deal or organization.
import { StopStack, type RunningDemo } from '@intilery-connect/demo'
import { installThroughBrowser, SEEDED } from '@intilery-connect/sandbox'
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { axeSource, axeViolations } from '../src/axe.ts'
import { startDemoAndBrowser } from '../src/demo-and-browser.ts'
import { startDemoOnSharedBuilds } from '../src/shared-builds.ts'
import { askedHeights, openRecord, type RecordView } from '../src/pipedrive-page.ts'
import { expectEveryPayloadAsText } from '../src/xss-checks.ts'
import { ingestXssCustomer } from '../src/xss-customer.ts'
import { XSS_PAYLOADS } from '../src/xss-payloads.ts'

// Whatever the set-up got to start is stopped after the suite, even if the browser never started.
const running = new StopStack()
let demo: RunningDemo
let browser: Browser
const open: RecordView[] = []
beforeAll(async () => {
  const ports = { sandbox: 0, relay: 0, zendesk: 0, pipedrive: 0, pipedriveHost: 0 }
  const started = await startDemoAndBrowser(running, ports, { start: startDemoOnSharedBuilds })
  demo = started.demo
  browser = started.browser
})
afterEach(async () => {
  for (const view of open.splice(0)) {
    // No CSP violation, script error or dialog anywhere: Chromium reports each as a console error.
    expect(view.errors).toEqual([])
    expect(view.dialogs).toEqual([])
    expect((await view.host()).violations).toEqual([])
    await view.close()
  }
})
afterAll(() => running.stopAll())

async function record(
  resource: 'person' | 'deal' | 'organization',
  id: number,
  theme?: 'dark'
): Promise<RecordView> {
  const view = await openRecord(browser, demo.pipedriveHost.pageUrl(resource, id, theme))
  open.push(view)
  return view
}

/** Elements that would be there if any profile, event or Pipedrive value were parsed as markup. */
const INJECTED =
  ':is(script, img, svg, iframe:not(#panel-frame), object, embed, video, audio, math, marquee, link, meta, base, style, form[action], [onerror], [onload], [onfocus], [ontoggle], [style*="javascript"], a[href^="javascript"])'

describe('the Pipedrive custom panel', () => {
  it('shows Joe Bloggs, person 1, with his timeline', async () => {
    const { panel, host } = await record('person', 1)
    await expect.poll(() => panel.locator('.ic-name').textContent()).toBe('Joe Bloggs')
    await expect.poll(() => panel.locator('.ic-entry').count()).toBeGreaterThan(10)
    expect((await panel.locator('.ic-id-rows').allTextContents()).join(' ')).toContain(
      SEEDED.joeBloggs.email
    )
    expect(await host()).toMatchObject({ initialized: true, timedOut: false })
  })

  it('is served by the relay with scripts and styles allowed only by a per-request nonce', async () => {
    const { page, panel } = await record('person', 1)
    await expect.poll(() => panel.locator('.ic-name').textContent()).toBe('Joe Bloggs')
    const src = (await page.locator('#panel-frame').getAttribute('src')) ?? ''
    const [first, second] = await Promise.all([fetch(src), fetch(src)])
    const csp = first.headers.get('content-security-policy') ?? ''
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1] ?? ''
    expect(nonce).not.toBe('')
    expect(csp).toContain(`style-src 'nonce-${nonce}'`)
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("connect-src 'self'")
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).toContain(new URL(demo.pipedriveHost.url).origin)
    const html = await first.text()
    expect(html.match(/nonce="[^"]*"/g)).toEqual([`nonce="${nonce}"`, `nonce="${nonce}"`])
    expect(second.headers.get('content-security-policy')).not.toContain(nonce)
  })

  it('initializes and resizes only within 100–750 px, scrolling tall content inside', async () => {
    const { page, panel, host } = await record('person', 1)
    await expect.poll(() => panel.locator('.ic-entry').count()).toBeGreaterThan(10)
    // Joe's profile and timeline are far taller than 750 px: the panel settles at the maximum.
    await expect.poll(async () => (await host()).height).toBe(750)
    const state = await host()
    const heights = askedHeights(state)
    expect(state.calls[0]?.command).toBe('initialize')
    expect(heights.length).toBeGreaterThan(1)
    for (const height of heights) {
      expect(height).toBeGreaterThanOrEqual(100)
      expect(height).toBeLessThanOrEqual(750)
      expect(Number.isInteger(height)).toBe(true)
    }
    expect(await page.locator('#panel-frame').evaluate((frame) => frame.clientHeight)).toBe(750)
    const scroll = await panel.locator('#scroller').evaluate((scroller) => ({
      inner: scroller.scrollHeight > scroller.clientHeight,
      page: document.scrollingElement?.scrollHeight ?? 0,
      view: window.innerHeight,
    }))
    expect(scroll.inner).toBe(true)
    expect(scroll.page).toBeLessThanOrEqual(scroll.view)
  })

  it('fits a short panel to its content', async () => {
    const { panel, host } = await record('deal', 2)
    await expect
      .poll(() => panel.locator('[role=status]').first().textContent())
      .toContain('This deal has no contact person')
    // What the host was asked for and what the content measures, read together.
    const fit = async () => ({
      asked: (await host()).height,
      content: await panel
        .locator('#content')
        .evaluate((el) => Math.ceil(el.getBoundingClientRect().height)),
    })
    await expect.poll(async () => ((f) => f.asked === f.content)(await fit())).toBe(true)
    const { content } = await fit()
    expect(content).toBeGreaterThan(100)
    expect(content).toBeLessThan(750)
  })

  it('follows Pipedrive’s theme: dark from the start, and when the viewer switches', async () => {
    const background = (view: RecordView) =>
      view.panel.locator('.ic-root').evaluate((root) => getComputedStyle(root).backgroundColor)
    const dark = await record('person', 1, 'dark')
    await expect.poll(() => dark.panel.locator('.ic-root.ic-dark').count()).toBe(1)
    expect(await background(dark)).toBe('rgb(30, 32, 38)')

    const light = await record('person', 1)
    await expect.poll(() => light.panel.locator('.ic-name').textContent()).toBe('Joe Bloggs')
    expect(await light.panel.locator('.ic-root.ic-dark').count()).toBe(0)
    expect(await background(light)).toBe('rgb(255, 255, 255)')
    await light.page.getByRole('button', { name: 'Dark theme' }).click()
    await expect.poll(() => light.panel.locator('.ic-root.ic-dark').count()).toBe(1)
    expect(await background(light)).toBe('rgb(30, 32, 38)')
    await light.page.getByRole('button', { name: 'Dark theme' }).click()
    await expect.poll(() => light.panel.locator('.ic-root.ic-dark').count()).toBe(0)
  })

  it('adds the summary as a note on the person, through the viewer’s Pipedrive', async () => {
    const { panel, host } = await record('person', 1)
    await expect.poll(() => panel.locator('.ic-name').textContent()).toBe('Joe Bloggs')
    const before = demo.pipedrive.notes.length
    await panel.getByRole('button', { name: 'Add summary as a note' }).click()
    await expect
      .poll(() => panel.locator('.ic-note').textContent())
      .toBe('Summary added as a note.')
    expect(demo.pipedrive.notes.length).toBe(before + 1)
    const note = demo.pipedrive.notes.at(-1)
    expect(note).toMatchObject({ person_id: 1, deal_id: null, org_id: null, user_id: 2001 })
    expect(note?.content).toContain('Joe Bloggs')
    expect((await host()).snackbars).toEqual(['Summary added as a note'])
  })

  it('has no accessibility violations axe can find, in light and dark', async () => {
    const axe = axeSource()
    for (const theme of ['light', 'dark'] as const) {
      const { page, panel } = await record('person', 1, theme === 'dark' ? 'dark' : undefined)
      await expect.poll(() => panel.locator('.ic-entry').count()).toBeGreaterThan(10)
      const frame = page.frames().find((f) => f.url().includes('/pipedrive/panel?'))
      if (frame === undefined) throw new Error('the panel frame is missing')
      // Evaluated through the debugger, which the page's CSP does not govern: a <script> tag
      // without the nonce would be refused (and reported as a violation).
      await frame.evaluate(axe)
      const violations = await axeViolations(frame)
      expect(violations, theme).toEqual([])
    }
  })

  it('says why a record has nobody to show, and still lets the rep search', async () => {
    const walkIn = await record('person', 4)
    await expect
      .poll(() => walkIn.panel.locator('[role=status]').first().textContent())
      .toBe('This person has no email address.')
    const nobody = await record('person', 7)
    await expect
      .poll(() => nobody.panel.locator('[role=status]').first().textContent())
      .toBe('No Intilery customer matches nobody.known@example.com.')
    await nobody.panel.getByLabel('Search by').selectOption('userId')
    await nobody.panel.getByLabel('Value to search for').fill(SEEDED.joeBloggs.userId)
    await nobody.panel.getByRole('button', { name: 'Search' }).click()
    await expect.poll(() => nobody.panel.locator('.ic-name').textContent()).toBe('Joe Bloggs')
  })
})

describe('the Pipedrive JSON panel on the host page', () => {
  it('shows Joe Bloggs’ profile as the first object', async () => {
    const { page } = await record('person', 1)
    const box = page.locator('#json-panel')
    expect(await box.getAttribute('data-state')).toBe('data')
    expect(await box.locator('.pd-object-header').first().textContent()).toBe('Joe Bloggs')
    expect(await box.textContent()).toContain(SEEDED.joeBloggs.email)
  })

  it('rolls an organization’s people up into one account, naming and linking each', async () => {
    const { page } = await record('organization', 2)
    const box = page.locator('#json-panel')
    expect(await box.getAttribute('data-state')).toBe('data')
    const headers = await box.locator('.pd-object-header').allTextContents()
    expect(headers).toEqual([
      'Account overview',
      'Sam Taylor',
      'Bobby <img src=x onerror=alert(1)> Tables',
      'Priya Patel',
    ])
    const account = box.locator('.pd-object').first()
    expect(await account.textContent()).toContain('3 of 6 people known to Intilery')
    expect(await account.textContent()).toContain(
      'Sam Taylor, Bobby <img src=x onerror=alert(1)> Tables, and Priya Patel'
    )
    // Each known person links to their own page, where the custom panel is.
    const links = box.locator('.pd-object a', { hasText: /Open in Pipedrive|Choose one/ })
    expect(await links.count()).toBe(3)
    expect(await links.nth(2).getAttribute('href')).toMatch(/\/person\/6$/)
    expect(await page.locator(`#json-panel ${INJECTED}`).count()).toBe(0)
  })

  it('says how many customers share an email and links to where the rep chooses', async () => {
    const { page } = await record('person', 2)
    const box = page.locator('#json-panel')
    expect(await box.locator('.pd-object').first().textContent()).toContain(
      '2 Intilery customers share this email: this is the most recently active.'
    )
    const choose = box.getByRole('link', { name: 'Choose one in the Intilery panel' })
    const href = (await choose.getAttribute('href')) ?? ''
    expect(href).toMatch(/\/person\/2$/)
    // The link is Pipedrive's own page of the person (here the host's), whose custom panel has
    // the picker.
    await page.goto(href)
    expect(await page.locator('h1').textContent()).toBe('Sam Taylor')
    await expect
      .poll(() => page.frameLocator('#panel-frame').locator('.ic-root').textContent())
      .toContain('2 customers match')
  })
})

describe('hostile strings', () => {
  const USER_ID = 'pipedrive-xss-customer'
  beforeAll(async () => {
    // A customer whose every trait, event name and property is an XSS payload (as the Zendesk
    // test's), found from the panel by user id.
    expect(await ingestXssCustomer(demo.sandbox, USER_ID)).toBe(200)
  })

  it('stay text on person 5, whose Pipedrive name and Intilery profile are hostile', async () => {
    const { page, panel } = await record('person', 5)
    await expect.poll(() => panel.locator('.ic-root').textContent()).toContain(SEEDED.hostile.email)
    expect(await page.locator('h1').textContent()).toBe('Bobby <img src=x onerror=alert(1)> Tables')
    expect(await page.locator(`body ${INJECTED}`).count()).toBe(0)
    expect(await page.locator('#json-panel').getAttribute('data-state')).toBe('data')
    expect(await panel.locator(`.ic-root ${INJECTED}`).count()).toBe(0)
  })

  it(`stay text for ${XSS_PAYLOADS.length} payloads in a profile and its events`, async () => {
    const { panel } = await record('person', 7)
    await panel.getByLabel('Search by').selectOption('userId')
    await panel.getByLabel('Value to search for').fill(USER_ID)
    await panel.getByRole('button', { name: 'Search' }).click()
    await expectEveryPayloadAsText(panel)
    expect(await panel.locator(`.ic-root ${INJECTED}`).count()).toBe(0)
  })
})

// Last in the file: it uninstalls the demo user's app, and installs it again before it ends.
describe('a viewer whose Pipedrive is not connected', () => {
  it('is told so, offered to connect in a new tab, and sees the customer once connected', async () => {
    // The relay's uninstall callback answers 204 No Content.
    expect(await demo.pipedrive.uninstall(2001)).toBe(204)
    const reinstall = () => installThroughBrowser(`${demo.relayUrl}/pipedrive/oauth/start`, 2001)
    let reinstalled = false
    try {
      const view = await record('person', 1)
      const { page, panel } = view
      await expect
        .poll(() => panel.locator('[role=status]').first().textContent())
        .toContain('Connect your Pipedrive account')
      const connect = panel.getByRole('link', { name: 'Connect Pipedrive' })
      expect(await connect.getAttribute('href')).toBe('/pipedrive/oauth/start')
      expect(await connect.getAttribute('target')).toBe('_blank')
      expect(await connect.getAttribute('rel')).toBe('noopener')
      expect(await page.locator('#json-panel').getAttribute('data-state')).toBe('error')
      // The panel's one refused read is the only console error (Chromium logs each failed load).
      await expect
        .poll(() => view.errors)
        .toEqual(['Failed to load resource: the server responded with a status of 403 (Forbidden)'])
      view.errors.splice(0)

      const installed = await reinstall()
      reinstalled = true
      expect(installed.status).toBe(200)
      await panel.getByRole('button', { name: 'Try again' }).click()
      await expect.poll(() => panel.locator('.ic-name').textContent()).toBe('Joe Bloggs')
    } finally {
      // Whatever failed above, the demo user is installed again for anything after this.
      if (!reinstalled) await reinstall()
    }
  })
})
