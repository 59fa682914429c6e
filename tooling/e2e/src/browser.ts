/**
 * The browser the tests drive with playwright-core, never a downloaded one. In order: CHROMIUM_PATH
 * when set; a system Chromium or Chrome on PATH (Debian's `chromium`, which `.ci/run` installs);
 * else the Chromium shipped inside the npm package @sparticuz/chromium (bundled-chromium.ts), so the
 * tests run on a machine with only Node and npm. E2E_CHROMIUM=bundled or =system picks one of the
 * last two whatever is installed.
 */
import { accessSync, constants, statSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import process from 'node:process'

import { chromium, type Browser, type Page } from 'playwright-core'

import { bundledChromium } from './bundled-chromium.ts'

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** The names a system Chromium or Chrome goes by (Debian, Ubuntu, Google's packages). */
const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']

/** No browser where the settings say to look. */
export class ChromiumNotFoundError extends Error {
  override readonly name = 'ChromiumNotFoundError'
}

export interface ChromiumExecutable {
  readonly source: 'CHROMIUM_PATH' | 'system' | 'bundled'
  readonly path: string
  /** Environment the browser needs besides the tests' own. */
  readonly env: Readonly<Record<string, string>>
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/** The first system Chromium or Chrome on `searchPath`, as a shell would find it. */
export function systemChromium(searchPath: string): string | undefined {
  const dirs = searchPath.split(delimiter).filter((dir) => dir !== '')
  for (const name of SYSTEM_NAMES) {
    const found = dirs.map((dir) => join(dir, name)).find(isExecutableFile)
    if (found !== undefined) return found
  }
  return undefined
}

export async function findChromium(
  env: Readonly<Record<string, string | undefined>> = process.env
): Promise<ChromiumExecutable> {
  const configured = env.CHROMIUM_PATH
  if (configured !== undefined && configured !== '') {
    if (!isExecutableFile(configured))
      throw new ChromiumNotFoundError(`CHROMIUM_PATH is ${configured}: no executable file there`)
    return { source: 'CHROMIUM_PATH', path: configured, env: {} }
  }
  const choice = env.E2E_CHROMIUM ?? ''
  if (!['', 'system', 'bundled'].includes(choice))
    throw new ChromiumNotFoundError(`E2E_CHROMIUM is "${choice}": use system, bundled or nothing`)
  if (choice !== 'bundled') {
    const found = systemChromium(env.PATH ?? '')
    if (found !== undefined) return { source: 'system', path: found, env: {} }
    if (choice === 'system')
      throw new ChromiumNotFoundError(
        `E2E_CHROMIUM=system, but none of ${SYSTEM_NAMES.join(', ')} is on PATH: apt-get install -y chromium`
      )
  }
  const bundled = await bundledChromium()
  return { source: 'bundled', path: bundled.executablePath, env: bundled.env }
}

/** Launches the browser `findChromium` finds with these settings (PATH, CHROMIUM_PATH…). */
export async function launchChromiumFrom(
  settings: Readonly<Record<string, string | undefined>>
): Promise<Browser> {
  const found = await findChromium(settings)
  return chromium.launch({
    executablePath: found.path,
    args: FLAGS,
    env: { ...process.env, ...found.env },
  })
}

export function launchChromium(): Promise<Browser> {
  return launchChromiumFrom(process.env)
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
