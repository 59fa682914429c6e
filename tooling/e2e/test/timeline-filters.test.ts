// The timeline's filters ask the relay: in the real Zendesk sidebar, through the real relay and the
// sandbox, a date range none of whose events is loaded shows them, and an event's name finds it.
import { SEEDED } from '@intilery-connect/sandbox'
import { describe, expect, it } from 'vitest'

import { browserSuite } from '../src/browser-suite.ts'
import { openTicket, type TicketView } from '../src/zendesk-page.ts'

const suite = browserSuite({ sandbox: 0, relay: 0, zendesk: 0 })

/** Ticket 105's requester is the power user (Priya Patel), with far more events than one page. */
const POWER_USER_TICKET = 105

async function powerUser() {
  const view = await openTicket(suite.browser, suite.demo.zendesk.ticketUrl(POWER_USER_TICKET))
  suite.keep(view)
  await expect.poll(() => view.app.locator('.ic-name').textContent()).toBe('Priya Patel')
  await expect.poll(() => view.app.locator('.ic-entries > .ic-entry').count()).toBeGreaterThan(10)
  return view.app
}

/** The instants of the top-level rows shown (their `<time datetime>`). */
const shownTimes = (app: TicketView['app']) =>
  app
    .locator('.ic-entries > .ic-entry > .ic-entry-head time')
    .evaluateAll((times) => times.map((time) => time.getAttribute('datetime') ?? ''))

/** Opens the filter bar: a closed "Filters" button until the agent asks for it. */
async function openFilters(app: TicketView['app']) {
  await app.getByRole('button', { name: /^Filters/ }).click()
  await app.locator('.ic-filters').waitFor()
}

describe('timeline filters that ask the relay', () => {
  it('shows the events of a date range months back, none of which was loaded', async () => {
    const stored = suite.demo.sandbox.store.find({
      type: 'userId',
      value: SEEDED.powerUser.userId,
    })[0]
    const events = [...(stored?.events ?? [])].sort((a, b) => b.ms - a.ms)
    // A day well past the first page (50 events): its events reach the panel only from the relay.
    const day = new Date(events[Math.min(events.length - 1, 400)]?.ms ?? 0)
      .toISOString()
      .slice(0, 10)
    const onDay = events.filter((e) => new Date(e.ms).toISOString().startsWith(day))
    expect(onDay.length).toBeGreaterThan(0)

    const app = await powerUser()
    expect((await shownTimes(app)).some((at) => at.startsWith(day))).toBe(false)
    await openFilters(app)
    await app.getByRole('textbox', { name: 'From', exact: true }).fill(day)
    await app.getByRole('textbox', { name: 'To', exact: true }).fill(day)
    await expect.poll(async () => (await shownTimes(app)).length).toBeGreaterThan(0)
    // "Load more" continues the same filtered query until the day is complete.
    const more = app.getByRole('button', { name: 'Load more' })
    for (let page = 0; page < 20 && (await more.count()) > 0; page++) {
      const before = (await shownTimes(app)).length
      await more.click()
      await expect
        .poll(async () => (await more.count()) === 0 || (await shownTimes(app)).length > before)
        .toBe(true)
    }
    const times = await shownTimes(app)
    expect(times.every((at) => at.startsWith(day))).toBe(true)
    // Every event of that day is there (bursts and campaign folds unfolded).
    const shownEvents = await app.locator('.ic-entries > .ic-entry').evaluateAll((rows) =>
      rows.reduce((sum, row) => {
        const more = /(\d+)/.exec(row.querySelector(':scope > button.ic-link')?.textContent ?? '')
        return sum + (more === null ? 1 : Number(more[1]))
      }, 0)
    )
    expect(shownEvents).toBe(onDay.length)

    await app.getByRole('button', { name: 'Clear filters' }).click()
    await expect
      .poll(async () => (await shownTimes(app)).some((at) => at.startsWith(day)))
      .toBe(false)
  })

  it('finds orders by typing the event’s name, Order Completed', async () => {
    const app = await powerUser()
    await openFilters(app)
    await app.getByLabel('Event name').fill('Order Completed')
    const titles = app.locator('.ic-entries > .ic-entry .ic-entry-title')
    await expect.poll(() => titles.count()).toBeGreaterThan(0)
    await expect
      .poll(() => app.locator('.ic-entries > .ic-entry:not(.ic-kind-commerce)').count())
      .toBe(0)
    for (const title of await titles.allTextContents()) expect(title).toMatch(/order/i)
  })
})
