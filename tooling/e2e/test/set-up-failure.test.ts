// A browser suite whose browser cannot start still stops the demo it started: its servers and its
// relay process, as each suite's afterAll does with its stop stack.
import process from 'node:process'

import { listenable, StopStack, type RunningDemo } from '@intilery-connect/demo'
import { afterAll, expect, it } from 'vitest'

import { startDemoAndBrowser } from '../src/demo-and-browser.ts'
import { startDemoOnSharedBuilds } from '../src/shared-builds.ts'

const running = new StopStack()
afterAll(() => running.stopAll())

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

it('stops the demo’s servers and relay process when the browser cannot start', async () => {
  let demo: RunningDemo | undefined
  const setUp = startDemoAndBrowser(
    running,
    { sandbox: 0, relay: 0, zendesk: 0, pipedrive: 0, pipedriveHost: 0 },
    {
      start: async (ports) => (demo = await startDemoOnSharedBuilds(ports)),
      launch: () => Promise.reject(new Error('no browser here')),
    }
  )
  await expect(setUp).rejects.toThrow('no browser here')
  if (demo === undefined) throw new Error('the demo did not start before the browser')
  const ports = [
    demo.sandbox.url,
    demo.relayUrl,
    demo.zendesk.url,
    demo.pipedrive.url,
    demo.pipedriveHost.url,
  ].map((url) => Number(new URL(url).port))
  expect(isRunning(demo.relayPid)).toBe(true)
  for (const port of ports) expect(await listenable(port)).toBe(false)

  // What every suite's afterAll does; it resolves once the relay process has exited.
  await running.stopAll()
  expect(isRunning(demo.relayPid)).toBe(false)
  for (const port of ports) expect(await listenable(port)).toBe(true)
})
