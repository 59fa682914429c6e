// What the agent switches in the Zendesk sidebar, with the real app in the local Zendesk, through
// the relay and the sandbox, in Chromium: to a customer who is not the requester (flagged, and
// their summary goes into the note only once confirmed; #13 item 5), and Zendesk's own theme,
// which reaches the app as `colorScheme.changed` (#13 item 8). The picker, its memory and axe in
// these states are picker-and-theme.test.ts's.
import { SEEDED } from '@intilery-connect/sandbox'
import { describe, expect, it } from 'vitest'

import { browserSuite } from '../src/browser-suite.ts'
import { openTicket } from '../src/zendesk-page.ts'

const suite = browserSuite({ sandbox: 0, relay: 0, zendesk: 0 })

async function ticket(url: string, options: { colorScheme?: 'light' | 'dark' } = {}) {
  const view = await openTicket(suite.browser, url, options)
  suite.keep(view)
  return view
}

describe('a customer who is not the requester', () => {
  it('is flagged, and their summary goes into the note only once the agent confirms', async () => {
    const { page, app } = await ticket(suite.demo.zendesk.ticketUrl(101))
    await expect.poll(() => app.locator('.ic-name').textContent()).toBe('Joe Bloggs')
    expect(await app.locator('.ic-moved').count()).toBe(0)

    await app.getByText('Not this person? Search Intilery').click()
    await app.getByLabel('Search by').selectOption('userId')
    await app.getByLabel('Value to search for').fill(SEEDED.powerUser.userId)
    await app.getByRole('button', { name: 'Search', exact: true }).click()
    await expect.poll(() => app.locator('.ic-name').textContent()).toBe('Priya Patel')
    expect(await app.locator('.ic-moved').textContent()).toContain(
      'Showing Priya Patel, not this ticket’s requester.'
    )

    await app.getByRole('button', { name: 'Add summary to internal note' }).click()
    await expect.poll(() => app.locator('.ic-confirm').textContent()).toContain('Add anyway')
    expect(await page.locator('#internal-note').inputValue()).toBe('')
    await app.getByRole('button', { name: 'Add anyway' }).click()
    await expect.poll(() => page.locator('#internal-note').inputValue()).toContain('Priya Patel')

    await app.getByRole('button', { name: 'Back to the requester' }).click()
    await expect.poll(() => app.locator('.ic-name').textContent()).toBe('Joe Bloggs')
    expect(await app.locator('.ic-moved').count()).toBe(0)
  })
})

describe('Zendesk’s colour scheme', () => {
  it('is followed over the browser’s, from the iframe URL and when the agent switches it', async () => {
    const { page, app } = await ticket(suite.demo.zendesk.ticketUrl(101, 'dark'), {
      colorScheme: 'light',
    })
    const root = app.locator('.ic-root').first()
    await expect.poll(() => root.getAttribute('class')).toContain('ic-dark')
    // The local Zendesk's "Dark mode" switch fires colorScheme.changed, as Zendesk's theme switch does.
    await page.locator('#scheme-toggle').click()
    await expect.poll(() => root.getAttribute('class')).not.toContain('ic-dark')
    await page.locator('#scheme-toggle').click()
    await expect.poll(() => root.getAttribute('class')).toContain('ic-dark')
  })
})
