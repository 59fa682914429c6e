// Hostile strings in names, traits, event names and properties reach the sidebar as data and must
// come out as text: no dialog, no script run, no element added.
import { StopStack, type RunningDemo } from '@intilery-connect/demo'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { startDemoAndBrowser } from '../src/demo-and-browser.ts'
import { startDemoOnSharedBuilds } from '../src/shared-builds.ts'
import { expectEveryPayloadAsText } from '../src/xss-checks.ts'
import { ingestXssCustomer } from '../src/xss-customer.ts'
import { XSS_PAYLOADS } from '../src/xss-payloads.ts'
import { openTicket } from '../src/zendesk-page.ts'

const USER_ID = 'xss-customer'
// Whatever the set-up got to start is stopped after the suite, even if the browser never started.
const running = new StopStack()
let demo: RunningDemo
let browser: Browser
beforeAll(async () => {
  const started = await startDemoAndBrowser(
    running,
    { sandbox: 0, relay: 0, zendesk: 0 },
    { start: startDemoOnSharedBuilds }
  )
  demo = started.demo
  browser = started.browser
  expect(await ingestXssCustomer(demo.sandbox, USER_ID, { email: 'xss@example.com' })).toBe(200)
})
afterAll(() => running.stopAll())

it(`renders ${XSS_PAYLOADS.length} XSS payloads in a profile and its events as text`, async () => {
  // Distinct, so each one checked below is a payload of its own.
  expect(new Set(XSS_PAYLOADS).size).toBe(XSS_PAYLOADS.length)
  expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(50)
  const view = await openTicket(browser, demo.zendesk.ticketUrl(103))
  const { app } = view
  await app.getByLabel('Search by').selectOption('userId')
  await app.getByLabel('Value to search for').fill(USER_ID)
  await app.getByRole('button', { name: 'Search' }).click()
  await expectEveryPayloadAsText(app)
  // The one link the panel makes is the tenant's "Open in Intilery", to an https record URL.
  const injected = app.locator(
    '.ic-root :is(script, img, svg, iframe, object, embed, video, audio, math, marquee, link, meta, base, style, a[href]:not(.ic-record-link), form[action], [onerror], [onload], [onfocus], [ontoggle], [style*="javascript"])'
  )
  expect(await injected.count()).toBe(0)
  for (const href of await app
    .locator('a.ic-record-link')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href'))))
    expect(href).toMatch(/^https:\/\/[^/]+\.intilery\.com\/customers\/[^/<>"]+$/)
  expect(view.dialogs).toEqual([])
  expect(view.errors).toEqual([])
  await view.close()
})
