// The local Pipedrive's own rules, which the panel tests rely on to catch a misbehaving panel:
// stub panel pages speak the SDK protocol by hand (no relay, no real panel) and the host must
// hide a panel that never initializes, refuse heights outside 100–750 px, ignore messages that
// are not the panel's own, and sign tokens for the panel.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

import { StopStack } from '@intilery-connect/demo'
import { startPipedriveHost, type RunningPipedriveHost } from '@intilery-connect/sandbox'
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { launchChromium } from '../src/browser.ts'
import { askedHeights, openRecord, type RecordView } from '../src/pipedrive-page.ts'

const SECRET = 'custom-panel-secret'

/** Panel pages by the first path segment of the "relay" URL the host is given. */
const PANELS: Record<string, string> = {
  silent: '<p>This panel never calls the SDK.</p>',
  scripted: `<script>
    const id = new URLSearchParams(location.search).get('id')
    const send = (command, args) => new Promise((resolve) => {
      const channel = new MessageChannel()
      channel.port1.onmessage = (event) => resolve(event.data)
      parent.postMessage({ payload: { command, args, type: 'command' }, id }, '*', [channel.port2])
    })
    window.replies = (async () => [
      await send('initialize', { size: { height: 800 } }),
      await send('initialize', { size: { height: 200 } }),
      await send('resize', { height: 99 }),
      await send('resize', { height: 300 }),
      await send('get_signed_token'),
      await send('open_modal', { type: 'deal' }),
    ])()
  </script>`,
}

// Whatever the set-up got to start is stopped after the suite, even if the browser never started.
const running = new StopStack()
let stubUrl: string
let browser: Browser
const hosts: RunningPipedriveHost[] = []
const open: RecordView[] = []
beforeAll(async () => {
  const server = createServer((request, response) => {
    const [, mode, ...rest] = new URL(request.url ?? '/', 'http://x').pathname.split('/')
    if (rest.join('/') === 'pipedrive/v1/panel') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[]}')
      return
    }
    response.writeHead(200, { 'content-type': 'text/html' }).end(PANELS[mode ?? ''] ?? '')
  })
  await running.start(
    () => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)),
    () => new Promise((resolve) => server.close(resolve))
  )
  stubUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  browser = await running.start(launchChromium, (started) => started.close())
})
afterEach(async () => {
  for (const view of open.splice(0)) await view.close()
  for (const host of hosts.splice(0)) await host.stop()
})
afterAll(() => running.stopAll())

async function hostFor(
  mode: string,
  options: { initTimeoutMs?: number; pausedClock?: boolean } = {}
) {
  const host = await startPipedriveHost({
    relayUrl: `${stubUrl}/${mode}`,
    companyId: 1001,
    userId: 2001,
    panelJwtSecret: 'json-panel-secret',
    customPanelJwtSecret: SECRET,
    initTimeoutMs: options.initTimeoutMs,
  })
  hosts.push(host)
  const view = await openRecord(browser, host.pageUrl('person', 1), {
    pausedClock: options.pausedClock,
  })
  open.push(view)
  return view
}

describe('the local Pipedrive host', () => {
  it('hides a panel that does not initialize within 10 s, as Pipedrive does', async () => {
    // Pipedrive's own limit, on a paused clock: it runs out only as the test moves time on, so
    // however slow the machine, the host cannot hide the panel before or after the test looks.
    const { page, host } = await hostFor('silent', { pausedClock: true })
    const frame = page.locator('#panel-frame')
    const notice = page.getByText('The app did not initialize in time')
    await page.clock.runFor(9_999)
    expect(await host()).toMatchObject({ initialized: false, timedOut: false, violations: [] })
    expect(await frame.isVisible()).toBe(true)
    expect(await notice.isVisible()).toBe(false)
    await page.clock.runFor(1)
    expect(await host()).toMatchObject({
      timedOut: true,
      violations: ['no initialize within 10000 ms'],
    })
    expect(await frame.isVisible()).toBe(false)
    expect(await notice.isVisible()).toBe(true)
  })

  it('ignores messages that are not from the panel’s window with its runtime id', async () => {
    const { page, host } = await hostFor('silent', { initTimeoutMs: 60_000 })
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const data = JSON.parse(document.getElementById('host-data')?.textContent ?? '{}') as {
            runtimeId: string
          }
          // Listening after the host's own listener: this one runs once the host has seen it.
          window.addEventListener('message', () => resolve(), { once: true })
          // The host page itself, with the right id: not the panel's window.
          window.postMessage(
            { payload: { command: 'initialize', args: {}, type: 'command' }, id: data.runtimeId },
            '*',
            [new MessageChannel().port2]
          )
        })
    )
    expect(await host()).toMatchObject({ initialized: false, calls: [] })
  })

  it('refuses heights outside 100–750 px, answers commands and signs the SDK’s tokens', async () => {
    const { page, panel, host } = await hostFor('scripted')
    const replies = (await panel
      .locator('body')
      .evaluate(() => (window as unknown as { replies: Promise<unknown[]> }).replies)) as {
      data?: { token?: string }
      error?: string
    }[]
    expect(replies.map((reply) => reply.error)).toEqual([
      'height must be between 100 and 750',
      undefined,
      'height must be between 100 and 750',
      undefined,
      undefined,
      'open_modal is not supported here',
    ])
    const state = await host()
    expect(state).toMatchObject({ initialized: true, height: 300 })
    expect(askedHeights(state)).toEqual([800, 200, 99, 300])
    expect(state.violations).toEqual(['initialize with height 800', 'resize with height 99'])
    expect(await page.locator('#panel-frame').evaluate((frame) => frame.clientHeight)).toBe(300)
    const [, payload] = (replies[4]?.data?.token ?? '').split('.')
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<
      string,
      number
    >
    expect(claims).toMatchObject({ userId: 2001, companyId: 1001 })
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(300)
  })
})
