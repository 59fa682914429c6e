/**
 * The browser suites' shared frame: the demo and Chromium started once per file (on a stop stack,
 * so whatever started is stopped even when the rest did not), and every page a test opened checked
 * for console errors and dialogs, then closed, after each test.
 */
import { StopStack, type DemoPorts } from '@intilery-connect/demo'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'

import { startDemoAndBrowser, type DemoAndBrowser } from './demo-and-browser.ts'
import { startDemoOnSharedBuilds } from './shared-builds.ts'

/** A page a test opened: what it printed as errors, the dialogs it opened, and how to close it. */
export interface WatchedView {
  readonly errors: string[]
  readonly dialogs: string[]
  close(): Promise<void>
}

export function browserSuite(ports: DemoPorts) {
  const running = new StopStack()
  let started: DemoAndBrowser | undefined
  const open: WatchedView[] = []
  beforeAll(async () => {
    started = await startDemoAndBrowser(running, ports, { start: startDemoOnSharedBuilds })
  })
  afterEach(async () => {
    for (const view of open.splice(0)) {
      expect(view.errors).toEqual([])
      expect(view.dialogs).toEqual([])
      await view.close()
    }
  })
  afterAll(() => running.stopAll())
  const ready = () => {
    if (started === undefined) throw new Error('The demo and the browser have not started')
    return started
  }
  return {
    get demo() {
      return ready().demo
    },
    get browser() {
      return ready().browser
    },
    /** Checks and closes `view` after the current test. */
    keep<View extends WatchedView>(view: View): View {
      open.push(view)
      return view
    },
  }
}
