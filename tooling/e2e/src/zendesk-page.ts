/**
 * A ticket of the local Zendesk open in Chromium, and the app inside its sidebar iframe.
 */
import type { Browser, FrameLocator, Page } from 'playwright-core'

import { watchPage } from './browser.ts'

export interface TicketView {
  readonly page: Page
  readonly app: FrameLocator
  /** Messages the pages printed to the console as errors, and uncaught exceptions. */
  readonly errors: string[]
  /** `alert`/`confirm`/`prompt` dialogs opened (there must be none). */
  readonly dialogs: string[]
  close(): Promise<void>
}

export async function openTicket(
  browser: Browser,
  url: string,
  options: { colorScheme?: 'light' | 'dark'; timezoneId?: string } = {}
): Promise<TicketView> {
  const context = await browser.newContext({
    viewport: { width: 1200, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    ...(options.timezoneId === undefined ? {} : { timezoneId: options.timezoneId }),
  })
  const page = await context.newPage()
  const { errors, dialogs } = watchPage(page)
  await page.goto(url)
  return {
    page,
    app: page.frameLocator('#app-frame'),
    errors,
    dialogs,
    close: () => context.close(),
  }
}
