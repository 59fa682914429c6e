// @vitest-environment happy-dom
// An installation's own header fields (Zendesk's `header_fields` setting) over the tenant's
// presentation from the relay: the keys given, in that order; a key the tenant describes keeps its
// label and format, another gets the defaults; without the setting the tenant's header stands.
import {
  toTimeline,
  type CustomerContext,
  type CustomerProfile,
  type PanelDisplay,
} from '@intilery-connect/core'
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it } from 'vitest'

import type { RelayClient } from '../relay-client.ts'
import { CustomerPanel } from './CustomerPanel.tsx'

const profile: CustomerProfile = {
  id: 'c-1',
  userId: 'c-1',
  anonymousIds: [],
  emails: ['ann@example.com'],
  name: { text: 'Ann Example', source: 'name' },
  traits: { city: 'Leeds', plan: 'gold' },
  computed: {},
  audiences: { dynamic: [], static: [] },
  consent: [],
  firstSeen: '2024-01-02T10:00:00.000Z',
  lastActive: '2026-11-22T09:00:00.000Z',
  firstEvent: {},
  lastEvent: {},
}

const display: PanelDisplay = {
  presentation: {
    header: [
      { trait: 'plan', label: { en: 'Plan tier' }, format: 'text' },
      { trait: 'spend', label: 'Spend', format: 'money', currency: 'GBP' },
    ],
  },
}

let root: HTMLElement

async function factsShown(headerFields?: readonly string[]) {
  const context: CustomerContext = {
    match: 'one',
    profiles: [profile],
    timeline: { entries: toTimeline([]) },
    fetchedAt: '2026-11-22T10:00:00.000Z',
    stale: false,
    display,
  }
  const client: RelayClient = {
    context: () => Promise.resolve(context),
    events: () => Promise.reject(new Error('no more pages')),
    filteredEvents: () => Promise.reject(new Error('not asked')),
    computedTraits: () => Promise.resolve({ spend: 1234.5, orders_count: 3 }),
  }
  root = document.createElement('div')
  document.body.append(root)
  await act(async () => {
    render(
      <CustomerPanel
        client={client}
        lookup={{ type: 'email', value: 'ann@example.com' }}
        locale="en"
        timeZone="UTC"
        theme="zendesk"
        headerFields={headerFields}
      />,
      root
    )
    await Promise.resolve()
  })
  for (let i = 0; i < 4; i++) await act(() => new Promise((resolve) => setTimeout(resolve, 0)))
  return [...root.querySelectorAll('.ic-facts > div')].map((fact) => [
    fact.querySelector('dt')?.textContent,
    fact.querySelector('dd')?.textContent,
  ])
}

afterEach(() => {
  render(null, root)
  root.remove()
})

describe('CustomerPanel headerFields', () => {
  it('shows the tenant’s header without the setting', async () => {
    expect(await factsShown()).toEqual([
      ['Plan tier', 'gold'],
      ['Spend', '£1,234.50'],
    ])
  })

  it('shows the installation’s keys in its order, keeping the tenant’s labels and formats', async () => {
    expect(await factsShown(['spend', 'city', 'plan'])).toEqual([
      ['Spend', '£1,234.50'],
      ['City', 'Leeds'],
      ['Plan tier', 'gold'],
    ])
  })
})
