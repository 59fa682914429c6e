/**
 * @module screenshots/capture
 * Takes one picture of an app as a user sees it: the Zendesk ticket sidebar (the app's iframe under
 * its "Intilery" heading) or the Pipedrive custom panel box, in a fixed viewport and colour scheme.
 * Every wait is for something on the page (the customer's name and first timeline row, or the
 * picker's choices; no skeleton; the iframe at the height the app asked for), never a fixed delay.
 */
import type { RunningDemo } from '@intilery-connect/demo'
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core'

import type { DocShot } from './shots.ts'

/** How much of the panel a picture shows: about what an agent sees without scrolling. */
export const CLIP_HEIGHT = 900
/** Tall enough that neither app's frame is ever off-screen (Chromium pauses those). */
const VIEWPORT = { width: 1280, height: 2000 }
const WAIT_MS = 30_000

/** Where each app measures its content and how it clamps the height it asks its host for. */
const FRAME_SIZING = {
  zendesk: { root: '#root', min: 0, max: CLIP_HEIGHT },
  pipedrive: { root: '#content', min: 100, max: 750 },
} as const

/** The customer (or the choice of customers) has rendered and nothing is loading any more. */
async function contentReady(app: FrameLocator, picker: boolean): Promise<void> {
  if (picker) {
    await app.locator('.ic-picker-item').nth(1).waitFor({ timeout: WAIT_MS })
    // Each choice's order count is read after the picker shows (the only English the wait knows:
    // the pictures are taken in English).
    await app
      .locator('.ic-picker-fact', { hasText: 'Reading orders' })
      .first()
      .waitFor({ state: 'detached', timeout: WAIT_MS })
  } else {
    await app.locator('.ic-name').first().waitFor({ timeout: WAIT_MS })
    await app.locator('.ic-entry').first().waitFor({ timeout: WAIT_MS })
  }
  await app.locator('.ic-skeleton').first().waitFor({ state: 'detached', timeout: WAIT_MS })
}

/**
 * The host has applied the height the app asked for last: the iframe is as tall as the app's
 * content, clamped the way the app clamps it (so at least as much as the picture shows).
 */
async function frameSettled(
  frameElement: Locator,
  sizing: (typeof FRAME_SIZING)[keyof typeof FRAME_SIZING]
): Promise<void> {
  const frame = await (await frameElement.elementHandle())?.contentFrame()
  if (frame === null || frame === undefined) throw new Error('the app’s iframe has no document')
  await frame.waitForFunction(
    ({ root, min, max }) => {
      const content = document.querySelector(root)
      if (content === null) return false
      const wanted = Math.min(max, Math.max(min, Math.ceil(content.getBoundingClientRect().height)))
      return Math.abs(window.innerHeight - wanted) <= 1 || window.innerHeight >= max
    },
    sizing,
    { timeout: WAIT_MS }
  )
}

async function clipTo(page: Page, box: Locator, path: string): Promise<void> {
  const rect = await box.boundingBox()
  if (rect === null) throw new Error('the panel is not on the page')
  await page.screenshot({
    path,
    clip: { x: rect.x, y: rect.y, width: rect.width, height: Math.min(rect.height, CLIP_HEIGHT) },
    animations: 'disabled',
  })
}

const BOX_SELECTOR = {
  'zendesk-sidebar': 'aside.sidebar',
  'pipedrive-custom-panel': '#custom-panel',
  'pipedrive-json-panel': '#json-panel',
} as const

export async function captureShot(
  browser: Browser,
  demo: RunningDemo,
  shot: DocShot,
  path: string
): Promise<void> {
  // The scheme twice: the host's own theme (Zendesk's colorScheme, Pipedrive's theme) and the
  // browser's preference, so the picture is dark whichever of the two an app version follows.
  const context = await browser.newContext({
    viewport: VIEWPORT,
    deviceScaleFactor: 1,
    colorScheme: shot.scheme,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  })
  try {
    const page = await context.newPage()
    const zendesk = 'ticket' in shot.open
    await page.goto(
      'ticket' in shot.open
        ? demo.zendesk.ticketUrl(shot.open.ticket, shot.scheme)
        : demo.pipedriveHost.pageUrl(shot.open.resource, shot.open.id, shot.scheme)
    )
    // Even a JSON panel picture waits for the custom panel above it, so its height is final.
    const frame = zendesk ? '#app-frame' : '#panel-frame'
    await contentReady(page.frameLocator(frame), shot.wait === 'picker')
    await frameSettled(page.locator(frame), zendesk ? FRAME_SIZING.zendesk : FRAME_SIZING.pipedrive)
    await clipTo(page, page.locator(BOX_SELECTOR[shot.box]), path)
  } finally {
    await context.close()
  }
}
