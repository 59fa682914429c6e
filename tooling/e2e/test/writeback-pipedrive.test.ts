// Write-back closes the loop for sales in the demo (#14 item 5): a rep marks Joe Bloggs' deal won
// in the Pipedrive preview, the local Pipedrive sends its v2 webhook (Basic auth) to the real
// relay, whose outbox and delivery worker send the event to the sandbox's tracking endpoint; his
// open Pipedrive panel and his open Zendesk sidebar each show “Deal won: …” within 15 s of the
// click, once; a stage move shows in the panel of the deal's person the same way. Pipedrive's
// retry of a delivery (same meta.id), sent again by the test, is a duplicate, not a second row.
import type { FrameLocator } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'

import { browserSuite } from '../src/browser-suite.ts'
import { openRecord } from '../src/pipedrive-page.ts'
import { tapPipedriveWebhooks, type SentWebhook } from '../src/pipedrive-webhook-tap.ts'
import { openTicket } from '../src/zendesk-page.ts'

// Before the demo starts (browserSuite's beforeAll): the local Pipedrive sends with this fetch.
const webhooks = tapPipedriveWebhooks()
afterAll(() => webhooks.restore())
const suite = browserSuite({ sandbox: 0, relay: 0, zendesk: 0 })

/** What the issue promises for the Zendesk ticket, held to for the deal too. */
const WITHIN_MS = 15_000

/** Timeline rows titled `title` in an open panel or sidebar. */
const rowsTitled = (app: FrameLocator, title: string | RegExp) =>
  app.locator('.ic-entries > .ic-entry .ic-entry-title', { hasText: title })

/** The person's Pipedrive custom panel, open on their page and showing them. */
async function personPanel(id: number, name: string) {
  const view = suite.keep(
    await openRecord(suite.browser, suite.demo.pipedriveHost.pageUrl('person', id))
  )
  await expect.poll(() => view.panel.locator('.ic-name').textContent()).toBe(name)
  return view
}

/** Deal `id`'s page in the preview, with its actions. */
async function dealPage(id: number) {
  const deal = suite.keep(
    await openRecord(suite.browser, suite.demo.pipedriveHost.pageUrl('deal', id))
  )
  return {
    /** Clicks `button`; the page the action returns shows the deal's new `status`. */
    act: async (button: string, status: string) => {
      await deal.page.getByRole('button', { name: button, exact: true }).click()
      await expect.poll(() => deal.page.locator('#deal-status').textContent()).toBe(status)
    },
  }
}

/** The local Pipedrive's one delivery to the relay about deal `id` whose data `match`es. */
function deliveryToRelay(id: number, match: (data: Readonly<Record<string, unknown>>) => boolean) {
  const url = `${suite.demo.relayUrl}/pipedrive/v1/webhooks`
  const sent = webhooks
    .sent()
    .filter((w) => w.url === url && w.meta.entity === 'deal' && w.meta.entity_id === String(id))
    .filter((w) => w.data !== null && match(w.data))
  expect(sent).toHaveLength(1)
  const [delivery] = sent as [SentWebhook]
  // Taken at the first attempt: the retry below is the only repeat of this event.
  expect(
    suite.demo.pipedrive.dispatcher.deliveries.filter((d) => d.eventId === delivery.meta.id)
  ).toMatchObject([{ attempt: 1, ok: true }])
  return delivery
}

/** Pipedrive's retry of `webhook` is taken (200) and found to be the event already stored. */
async function expectRetryIsDuplicate(webhook: SentWebhook) {
  const answer = await webhooks.resend(webhook, 2)
  expect(answer.status).toBe(200)
  expect(await answer.json()).toEqual({ stored: 0, duplicates: 1, dropped: 0 })
}

describe('sales actions in the Pipedrive preview', () => {
  it('shows “Deal won: £12,000.00” in Joe Bloggs’ Pipedrive panel and Zendesk sidebar within 15 s, once', async () => {
    // Deal 1, “Intilery renewal”: £12,000, open, person 1.
    const deal = await dealPage(1)
    const panel = (await personPanel(1, 'Joe Bloggs')).panel
    const ticket = suite.keep(await openTicket(suite.browser, suite.demo.zendesk.ticketUrl(101)))
    await expect.poll(() => ticket.app.locator('.ic-name').textContent()).toBe('Joe Bloggs')
    const wonInPanel = rowsTitled(panel, 'Deal won: £12,000.00')
    const wonInSidebar = rowsTitled(ticket.app, 'Deal won: £12,000.00')
    expect(await wonInPanel.count()).toBe(0)
    expect(await wonInSidebar.count()).toBe(0)

    // The apps' 15 s count from the click, not from the page the action returns.
    await Promise.all([
      deal.act('Mark won', 'won'),
      expect.poll(() => wonInPanel.count(), { timeout: WITHIN_MS }).toBe(1),
      expect.poll(() => wonInSidebar.count(), { timeout: WITHIN_MS }).toBe(1),
    ])

    await expectRetryIsDuplicate(deliveryToRelay(1, (data) => data.status === 'won'))
    expect(await wonInPanel.count()).toBe(1)
    expect(await wonInSidebar.count()).toBe(1)
  })

  it('shows a stage move in the panel of the deal’s person within 15 s, once', async () => {
    // Deal 3, “Priya upgrade”: at Contact made, person 6 (the sandbox's power user).
    const deal = await dealPage(3)
    const panel = (await personPanel(6, 'Priya Patel')).panel
    const moved = rowsTitled(panel, 'Deal Priya upgrade moved to Proposal made')
    expect(await moved.count()).toBe(0)

    await Promise.all([
      deal.act('Move to Proposal made', 'open'),
      expect.poll(() => moved.count(), { timeout: WITHIN_MS }).toBe(1),
    ])

    await expectRetryIsDuplicate(deliveryToRelay(3, (data) => data.stage_id === 3))
    expect(await moved.count()).toBe(1)
  })
})
