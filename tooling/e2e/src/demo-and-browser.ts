/**
 * The browser suites' set-up: the demo, then the browser, each on the suite's stop stack as soon as
 * it has started. When the browser cannot start, the demo (servers and relay process) is already on
 * the stack, so the suite's `afterAll(() => running.stopAll())` still stops it.
 */
import { startDemo, type DemoPorts, type RunningDemo, type StopStack } from '@intilery-connect/demo'
import type { Browser } from 'playwright-core'

import { launchChromium } from './browser.ts'

export interface DemoAndBrowser {
  readonly demo: RunningDemo
  readonly browser: Browser
}

export interface DemoAndBrowserOptions {
  readonly start?: (ports: DemoPorts) => Promise<RunningDemo>
  readonly launch?: () => Promise<Browser>
}

export async function startDemoAndBrowser(
  running: StopStack,
  ports: DemoPorts,
  { start = startDemo, launch = launchChromium }: DemoAndBrowserOptions = {}
): Promise<DemoAndBrowser> {
  const demo = await running.start(
    () => start(ports),
    (started) => started.stop()
  )
  const browser = await running.start(launch, (started) => started.close())
  return { demo, browser }
}
