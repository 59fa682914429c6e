/**
 * Debian's Chromium driven by playwright-core: never a downloaded browser. `.ci/run` installs the
 * `chromium` package; locally, `apt-get install -y chromium` (or set CHROMIUM_PATH).
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import process from 'node:process'

import { chromium, type Browser } from 'playwright-core'

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
