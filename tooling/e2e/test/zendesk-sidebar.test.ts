// The real Zendesk app, built, inside the local Zendesk host, through the real relay and the
// sandbox, in Chromium (src/browser.ts): what an agent sees for each kind of customer.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

import { DEMO } from '@intilery-connect/demo'
import { SEEDED, startZendeskHost } from '@intilery-connect/sandbox'
import { describe, expect, it } from 'vitest'

import { axeSource, axeViolations } from '../src/axe.ts'
import { browserSuite } from '../src/browser-suite.ts'
import { openTicket, type TicketView } from '../src/zendesk-page.ts'

// Whatever the set-up got to start is stopped after the suite, even if the browser never started.
const suite = browserSuite({ sandbox: 0, relay: 0, zendesk: 0 })

/** `colorScheme` is both Zendesk's (the app iframe's URL parameter) and the browser's preference. */
async function ticket(
  id: number,
  options: { colorScheme?: 'light' | 'dark'; timezoneId?: string } = {}
) {
  const view = await openTicket(
    suite.browser,
    suite.demo.zendesk.ticketUrl(id, options.colorScheme),
    options
  )
  suite.keep(view)
  return view
}

describe('the Zendesk sidebar', () => {
  it('shows Joe Bloggs’ profile and timeline for his ticket', async () => {
    const { app } = await ticket(101)
    await expect.poll(() => app.locator('.ic-name').textContent()).toBe('Joe Bloggs')
    await expect.poll(() => app.locator('.ic-entry').count()).toBeGreaterThan(10)
    const identities = await app.locator('.ic-id-rows').allTextContents()
    expect(identities.join(' ')).toContain(SEEDED.joeBloggs.email)
    // Computed traits come from their own relay read once the profile is known; the spec's Joe
    // was delivered nine emails. They sit collapsed below the timeline, labelled in words.
    const computed = () =>
      app
        .locator('section[aria-label="Computed traits"] .ic-row')
        .evaluateAll((rows) =>
          Object.fromEntries(
            rows.map((row) => [
              row.querySelector('dt')?.textContent ?? '',
              row.querySelector('dd')?.textContent ?? '',
            ])
          )
        )
    await expect.poll(computed).toMatchObject({ 'Emails delivered (all time)': '9' })
    await expect.poll(() => app.locator('.ic-day-label').first().textContent()).toBeTruthy()
  })

  it('shows times in the agent’s own time zone, not UTC', async () => {
    const { app } = await ticket(101, { timezoneId: 'Asia/Tokyo' })
    const time = app.locator('.ic-entry-time').first()
    await time.waitFor()
    const at = (await time.getAttribute('datetime')) ?? ''
    const shown = (await time.getAttribute('title')) ?? ''
    // Tokyo is 9 hours ahead of UTC all year: the hour shown is Tokyo's ("9:05 PM"), never UTC's.
    const [hour, period] = new Intl.DateTimeFormat('en-US', {
      hour: 'numeric',
      hour12: true,
      timeZone: 'Asia/Tokyo',
    })
      .format(Date.parse(at))
      .split(/\s/)
    expect(shown).toMatch(new RegExp(`(^|\\s)${hour}:\\d\\d\\s${period}`))
  })

  it('follows the ticket when the agent changes its requester', async () => {
    const { app, page } = await ticket(101)
    await expect.poll(() => app.locator('.ic-name').textContent()).toBe('Joe Bloggs')
    await page.getByLabel('Requester').selectOption({ label: 'Power User' })
    // The power user's Intilery profile is Priya Patel (sandbox seed/special/cast.ts).
    await expect.poll(() => app.locator('.ic-name').textContent()).toBe('Priya Patel')
    expect((await app.locator('.ic-id-rows').allTextContents()).join(' ')).toContain(
      SEEDED.powerUser.userId
    )
    await expect.poll(() => app.locator('.ic-entry').count()).toBeGreaterThan(10)
  })

  it('lets the agent choose when an email belongs to two customers', async () => {
    const { app } = await ticket(102)
    const choices = app.locator('.ic-picker-item')
    await expect.poll(() => choices.count()).toBe(2)
    await choices.filter({ hasText: 'Samantha' }).click()
    await expect.poll(() => app.locator('.ic-name').textContent()).toBe('Samantha Taylor-Reid')
    // A pick among the requester's own matches is a choice, not a move: "Change" shows the picker.
    await app.getByRole('button', { name: 'Change' }).click()
    await expect.poll(() => choices.count()).toBe(2)
  })

  it('says when nobody matches, and finds another customer by user id', async () => {
    const { app } = await ticket(103)
    await expect
      .poll(() => app.locator('[role=status]').first().textContent())
      .toContain('nobody.known@example.com')
    await app.getByLabel('Search by').selectOption('userId')
    await app.getByLabel('Value to search for').fill(SEEDED.joeBloggs.userId)
    await app.getByRole('button', { name: 'Search' }).click()
    await expect.poll(() => app.locator('.ic-name').textContent()).toBe('Joe Bloggs')
  })

  it('explains a search the relay refuses instead of offering to retry it', async () => {
    const { app } = await ticket(103)
    await app.getByLabel('Value to search for').fill('no-such-user')
    await app.getByRole('button', { name: 'Search' }).click()
    await expect.poll(() => app.locator('[role=alert]').textContent()).toContain('not an email')
    expect(await app.getByRole('button', { name: 'Try again' }).count()).toBe(0)
  })

  it('loads more of a long history through the relay’s cursor', async () => {
    const { app } = await ticket(105)
    const rows = app.locator('.ic-entries > .ic-entry')
    await expect.poll(() => rows.count()).toBeGreaterThan(0)
    const before = await rows.count()
    await app.getByRole('button', { name: 'Load more' }).click()
    await expect.poll(() => rows.count()).toBeGreaterThan(before)
  })

  it('filters the timeline by kind', async () => {
    const { app } = await ticket(101)
    await expect.poll(() => app.locator('.ic-entry').count()).toBeGreaterThan(10)
    // The filter bar is one closed "Filters" button until the agent opens it.
    const toggle = app.getByRole('button', { name: /^Filters/ })
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false')
    expect(await app.getByRole('button', { name: 'Emails' }).count()).toBe(0)
    await toggle.click()
    await app.getByRole('button', { name: 'Emails' }).click()
    await expect.poll(() => toggle.textContent()).toBe('Filters (1)')
    await expect
      .poll(() => app.locator('.ic-entries > .ic-entry:not(.ic-kind-email)').count())
      .toBe(0)
    expect(await app.locator('.ic-entries > .ic-kind-email').count()).toBeGreaterThan(0)
    await app.getByRole('button', { name: 'Clear filters' }).click()
    // The event name asks the relay for the events whose name or title says it ("opened": emails
    // opened, apps opened); each row shown says it too.
    await app.getByLabel('Event name').fill('opened')
    await expect
      .poll(
        async () =>
          (await app.locator('.ic-entries > .ic-entry .ic-entry-title').allTextContents()).length
      )
      .toBeGreaterThan(0)
    for (const title of await app
      .locator('.ic-entries > .ic-entry .ic-entry-title')
      .allTextContents())
      expect(title.toLowerCase()).toContain('opened')
    await app.getByRole('button', { name: 'Clear filters' }).click()
    await expect
      .poll(() => app.locator('.ic-entries > .ic-entry:not(.ic-kind-email)').count())
      .toBeGreaterThan(0)
  })

  it('adds a Markdown summary to an internal note', async () => {
    const { app, page } = await ticket(101)
    await expect.poll(() => app.locator('.ic-name').textContent()).toBe('Joe Bloggs')
    await app.getByRole('button', { name: 'Add summary to internal note' }).click()
    await expect.poll(() => page.locator('#internal-note').inputValue()).toContain('Joe Bloggs')
    expect(await page.locator('#note-type').textContent()).toBe('internalNote')
  })

  it('follows the agent’s dark colour scheme', async () => {
    const { app } = await ticket(101, { colorScheme: 'dark' })
    await expect.poll(() => app.locator('.ic-root').getAttribute('class')).toContain('ic-dark')
    const background = await app
      .locator('.ic-root')
      .evaluate((element) => getComputedStyle(element).backgroundColor)
    expect(background).toBe('rgb(24, 26, 31)')
  })
})

describe('live updates', () => {
  it('shows a new event in the open sidebar within 15 s of its tracking call', async () => {
    const { app } = await ticket(101)
    await expect.poll(() => app.locator('.ic-entry').count()).toBeGreaterThan(10)
    const event = `Called Support ${Date.now()}`
    const tracked = await fetch(`${suite.demo.sandbox.apiRoot}/track`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'auth-token': suite.demo.sandbox.config.authToken,
      },
      body: JSON.stringify({
        userId: SEEDED.joeBloggs.userId,
        event,
        properties: { channel: 'phone' },
      }),
    })
    expect(tracked.status).toBe(200)
    await expect
      .poll(() => app.locator('.ic-entry-title', { hasText: event }).count(), {
        timeout: 16_000,
        interval: 500,
      })
      .toBe(1)
  })
})

describe('when the installation is set up wrongly', () => {
  /** The demo's built app, installed with other settings; the whitelist is the build's own. */
  async function installedWith(
    settings: Record<string, string>,
    check: (app: TicketView['app']) => Promise<void>
  ) {
    const wrong = await startZendeskHost({
      appDir: suite.demo.zendeskAppDir,
      subdomain: DEMO.zendeskSubdomain,
      settings: { relay_url: suite.demo.relayUrl, shared_secret: DEMO.zendeskSecret, ...settings },
      secureScopes: { shared_secret: ['jwt_secret_key'] },
    })
    try {
      const view = await openTicket(suite.browser, wrong.ticketUrl(101))
      await check(view.app)
      expect(view.dialogs).toEqual([])
      await view.close()
    } finally {
      await wrong.stop()
    }
  }
  const shown = (app: TicketView['app']) => () =>
    app.locator('[role=status], [role=alert]').first().textContent()

  it('tells the admin to check the shared secret when the relay refuses the signature', async () => {
    await installedWith({ shared_secret: 'not-the-relay-secret' }, async (app) => {
      await expect.poll(shown(app)).toContain('shared secret')
    })
  })

  it('tells the admin the Relay URL names a host this build cannot reach, before any call', async () => {
    // The demo's app is built for 127.0.0.1; the same relay under another name is another host.
    const elsewhere = suite.demo.relayUrl.replace('127.0.0.1', 'localhost')
    await installedWith({ relay_url: elsewhere }, async (app) => {
      await expect.poll(shown(app)).toContain('The Relay URL setting points at localhost')
      expect(await app.locator('[role=alert]').textContent()).toContain('127.0.0.1')
    })
  })

  it('tells the admin no relay answers at the Relay URL when nothing listens there', async () => {
    const closed = await startZendeskHost({
      appDir: suite.demo.zendeskAppDir,
      subdomain: DEMO.zendeskSubdomain,
      settings: {},
      secureScopes: {},
    })
    // A port that was just free on 127.0.0.1 (a whitelisted host) and has nothing on it now.
    const nothing = closed.url
    await closed.stop()
    await installedWith({ relay_url: nothing }, async (app) => {
      await expect.poll(shown(app)).toContain('No relay answered at the app’s Relay URL')
    })
  })
})

describe('when Intilery is down', () => {
  it('keeps showing the customer with an “as of” banner, and drops it when Intilery is back', async () => {
    const { app } = await ticket(101)
    await expect.poll(() => app.locator('.ic-entry').count()).toBeGreaterThan(10)
    expect(await app.locator('.ic-status-warning').count()).toBe(0)
    suite.demo.sandbox.faults.set({ errorRate: 1, errorStatus: 503 })
    try {
      await expect
        .poll(() => app.locator('.ic-status-warning').textContent(), { timeout: 20_000 })
        .toContain('Showing data as of')
      expect(await app.locator('.ic-name').textContent()).toBe('Joe Bloggs')
    } finally {
      suite.demo.sandbox.faults.set({ errorRate: 0 })
    }
    await expect.poll(() => app.locator('.ic-status-warning').count(), { timeout: 20_000 }).toBe(0)
  })
})

describe('secrets and access', () => {
  it('never shows a secret in a built file, a served page or a relay answer', async () => {
    const secrets = [
      DEMO.zendeskSecret,
      suite.demo.sandbox.config.authToken,
      suite.demo.sandbox.config.adminToken,
    ]
    const texts: [string, string][] = []
    for (const file of readdirSync(suite.demo.zendeskAppDir, {
      recursive: true,
      encoding: 'utf8',
    })) {
      const path = join(suite.demo.zendeskAppDir, file)
      if (statSync(path).isFile()) texts.push([file, readFileSync(path).toString('latin1')])
    }
    expect(texts.length).toBeGreaterThan(10)
    // What the browser is served: the host's pages and scripts, the app's files through the host,
    // and the relay's answers as the secure proxy hands them to the page.
    const host = suite.demo.zendesk.url
    const appBase = host.replace('127.0.0.1', 'localhost')
    const served = [
      `${host}/`,
      suite.demo.zendesk.ticketUrl(101),
      `${host}/host.js`,
      `${host}/zaf_sdk.js`,
      `${appBase}/app/assets/index.html`,
      `${appBase}/app/assets/index.js`,
    ]
    for (const url of served) texts.push([url, await (await fetch(url)).text()])
    const proxy = async (path: string) => {
      const answer = await fetch(`${host}/__zendesk/proxy`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: host },
        body: JSON.stringify({
          url: `${suite.demo.relayUrl}${path}`,
          type: 'GET',
          secure: true,
          headers: { Authorization: 'Bearer {{jwt.token}}' },
          jwt: {
            algorithm: 'HS256',
            secret_key: '{{setting.shared_secret}}',
            expiry: 60,
            claims: { iss: 'https://demo.zendesk.com', sub: '501' },
          },
        }),
      })
      const text = await answer.text()
      texts.push([path, text])
      return JSON.parse(text) as { status: number; body: string }
    }
    const context = await proxy(
      `/zendesk/v1/context?userId=${encodeURIComponent(SEEDED.powerUser.userId)}`
    )
    expect(context.status).toBe(200)
    const cursor = (JSON.parse(context.body) as { timeline: { cursor?: string } }).timeline.cursor
    // Thousands of events: there is a next page, and its cursor is a token.
    expect(cursor).toMatch(/^\S+$/)
    const ref = encodeURIComponent(`userId:${SEEDED.powerUser.userId}`)
    expect(
      (await proxy(`/zendesk/v1/events?ref=${ref}&cursor=${encodeURIComponent(cursor ?? '')}`))
        .status
    ).toBe(200)
    expect((await proxy(`/openapi.json`)).status).toBe(200)
    for (const [where, text] of texts)
      for (const secret of secrets)
        expect(text.includes(secret), `${secret} in ${where}`).toBe(false)
  })

  it('has no accessibility violations axe can find, in light and dark', async () => {
    const axe = axeSource()
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, app } = await ticket(101, { colorScheme })
      await expect.poll(() => app.locator('.ic-entry').count()).toBeGreaterThan(10)
      const frame = page.frames().find((f) => f.url().includes('/app/assets/index.html'))
      if (frame === undefined) throw new Error('the app frame is missing')
      await frame.addScriptTag({ content: axe })
      const violations = await axeViolations(frame)
      expect(violations, colorScheme).toEqual([])
    }
  })
})
