/**
 * Debian's Chromium driven by playwright-core: never a downloaded browser. `.ci/run` installs the
 * `chromium` package; locally, `apt-get install -y chromium` (or set CHROMIUM_PATH).
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import process from 'node:process'

import { chromium, type Browser, type Page } from 'playwright-core'

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export function chromiumPath(): string {
  const configured = process.env.CHROMIUM_PATH
  if (configured !== undefined && existsSync(configured)) return configured
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim()
  } catch {
    throw new Error(
      'Browser tests need Debian’s Chromium: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH)'
    )
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: FLAGS })
}

/** What a page did that the tests forbid: console errors, uncaught exceptions, dialogs. */
export interface PageWatch {
  /** Messages the pages printed to the console as errors, and uncaught exceptions. */
  readonly errors: string[]
  /** `alert`/`confirm`/`prompt` dialogs opened (there must be none); each is dismissed. */
  readonly dialogs: string[]
}

export function watchPage(page: Page): PageWatch {
  const errors: string[] = []
  const dialogs: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().includes('favicon'))
      errors.push(message.text())
  })
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  return { errors, dialogs }
}
