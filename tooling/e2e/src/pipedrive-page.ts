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

export async function openRecord(browser: Browser, url: string): Promise<RecordView> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } })
  const page = await context.newPage()
  const { errors, dialogs } = watchPage(page)
  await page.goto(url)
  // Chromium runs no animation frames or resize observers in an off-screen cross-origin frame.
  await page.locator('#panel-frame').scrollIntoViewIfNeeded()
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
