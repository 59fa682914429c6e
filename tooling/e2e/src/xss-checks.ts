/**
 * The "rendered as text" check both apps share: the XSS customer (xss-customer.ts) open in the
 * shared UI shows every payload, one by one, as the text it is, in the place it belongs. (That no
 * element was added is each app's own check: what counts as injected differs by page.)
 */
import type { FrameLocator } from 'playwright-core'
import { expect } from 'vitest'

import { XSS_EVENTS, XSS_NAME, XSS_TRAITS } from './xss-customer.ts'

type Row = [label: string, value: string]
/** By label, in code-unit order: the same for what is shown and what is expected. */
const byLabel = (a: Row, b: Row) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)

/** Checks the customer the app is showing; the caller has searched for it. */
export async function expectEveryPayloadAsText(app: FrameLocator): Promise<void> {
  await expect.poll(() => app.locator('.ic-name').textContent()).toBe(XSS_NAME)
  // Each trait, one row per payload: its label and its value, each the whole of a payload.
  const traits = await app
    .locator('section[aria-label="Traits"] .ic-row')
    .evaluateAll((rows) =>
      rows.map((row): Row => [
        row.querySelector('dt')?.textContent ?? '',
        row.querySelector('dd')?.textContent ?? '',
      ])
    )
  expect(traits.sort(byLabel)).toEqual((Object.entries(XSS_TRAITS) as Row[]).sort(byLabel))

  // One event per payload and the identify are more than the relay's first page of 50.
  await app.getByRole('button', { name: 'Load more' }).click()
  const entries = app.locator('.ic-entries > .ic-entry.ic-kind-custom')
  await expect.poll(() => entries.count()).toBe(XSS_EVENTS.length)
  for (const toggle of await app.locator('.ic-entry .ic-link[aria-expanded=false]').all())
    await toggle.click()
  // Each event: its title and its properties' names and values, newest first.
  const events = await entries.evaluateAll((items) =>
    items.map((item) => ({
      event: item.querySelector('.ic-entry-title')?.textContent,
      properties: Object.fromEntries(
        [...item.querySelectorAll('.ic-entry-details > div')].map((row): Row => [
          row.querySelector('dt')?.textContent ?? '',
          row.querySelector('dd')?.textContent ?? '',
        ])
      ),
    }))
  )
  // A property name that is a key (`detail`) reads as a word; each payload name is shown as it is.
  const shown = XSS_EVENTS.map(({ event, properties }) => ({
    event,
    properties: Object.fromEntries(
      Object.entries(properties).map(([name, value]) => [
        name === 'detail' ? 'Detail' : name,
        value,
      ])
    ),
  }))
  expect(events).toEqual(shown)
}
