/**
 * A record of the local Pipedrive open in Chromium: the host page, the custom panel inside its
 * iframe, and what the host saw of the SDK protocol (`window.__pipedriveHost`, host-client.js).
 */
import type { Browser, FrameLocator, Page } from 'playwright-core'

import { watchPage } from './browser.ts'

/** What the host page records (packages/sandbox/src/pipedrive-host/host-client.js). */
export interface PipedriveHostState {
  readonly calls: readonly { readonly command: string; readonly args?: unknown }[]
  readonly violations: readonly string[]
  readonly snackbars: readonly string[]
  readonly height: number | null
  readonly initialized: boolean
  readonly timedOut: boolean
  readonly theme: 'light' | 'dark'
}

export interface RecordView {
  readonly page: Page
  /** The custom panel. */
  readonly panel: FrameLocator
  /** Console errors and uncaught exceptions, on the host page and in the panel. */
  readonly errors: string[]
  /** `alert`/`confirm`/`prompt` dialogs opened (there must be none). */
  readonly dialogs: string[]
  readonly host: () => Promise<PipedriveHostState>
  close(): Promise<void>
}

export interface OpenOptions {
  /**
   * Give the pages Playwright's clock, paused before they load: their timers (the host's 10 s
   * limit for `initialize`) then fire only when the test moves `page.clock` on, not with real time.
   */
  readonly pausedClock?: boolean | undefined
}

/** Where a paused clock starts; any fixed instant would do. */
const CLOCK_START = Date.UTC(2026, 0, 5, 9, 0, 0)

export async function openRecord(
  browser: Browser,
  url: string,
  options: OpenOptions = {}
): Promise<RecordView> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } })
  if (options.pausedClock === true) {
    // Before any page exists, so both calls only queue scripts every page runs on load: no page
    // can see real time pass between them.
    await context.clock.install({ time: CLOCK_START })
    await context.clock.pauseAt(CLOCK_START)
  }
  const page = await context.newPage()
  const { errors, dialogs } = watchPage(page)
  // Waits for the load event, which waits for the panel iframe's own: the host's limit has started.
  await page.goto(url)
  // Chromium runs no animation frames or resize observers in an off-screen cross-origin frame.
  // Scrolled by the DOM, not Playwright's scrollIntoViewIfNeeded: that one waits for the frame to
  // be visible, and the host hides a panel that misses its limit, so the open would hang forever.
  await page
    .locator('#panel-frame')
    .evaluate((frame) => frame.scrollIntoView({ block: 'nearest', inline: 'nearest' }))
  return {
    page,
    panel: page.frameLocator('#panel-frame'),
    errors,
    dialogs,
    host: () =>
      page.evaluate(
        () => (window as unknown as { __pipedriveHost: PipedriveHostState }).__pipedriveHost
      ),
    close: () => context.close(),
  }
}

/** Every height the panel asked for, `initialize` first. */
export function askedHeights(state: PipedriveHostState): number[] {
  return state.calls.flatMap((call) => {
    const args = call.args as { size?: { height?: unknown }; height?: unknown } | undefined
    const height = call.command === 'initialize' ? args?.size?.height : args?.height
    return (call.command === 'initialize' || call.command === 'resize') &&
      typeof height === 'number'
      ? [height]
      : []
  })
}
