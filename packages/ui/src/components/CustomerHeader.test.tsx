// @vitest-environment happy-dom
// The compact header as the panel renders it over a relay client: who, facts, chips, identities
// once with copy buttons, recent orders that lead into the timeline, the record link, and traits
// collapsed below the timeline, with no raw trait key in sight under the default settings.
import {
  toTimeline,
  type CustomerContext,
  type CustomerProfile,
  type PanelDisplay,
  type ProfileEvent,
} from '@intilery-connect/core'
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import type { EventsFilter, RelayClient } from '../relay-client.ts'
import { RelayCallError } from '../relay-error.ts'
import { CustomerPanel } from './CustomerPanel.tsx'

const ID = '4c90b9cf-5e4d-4689-ba57-b0f3e7c813fe'

/** The computed traits the sandbox computes for a shopper (seed/computed-traits.ts). */
const COMPUTED = {
  number_email_delivered_all_time: 9,
  number_email_opened_all_time: 4,
  number_email_clicked_all_time: 2,
  number_email_opened_30_days: 1,
  pages_viewed_30_days: 12,
  orders_count: 2,
  total_spend: 120.5,
  total_spend_currency: 'EUR',
  lifetime_value_gbp: 103.7,
  average_order_value: 60.25,
  last_order_date: '2026-11-21T20:15:00.000Z',
  favorite_category: 'Footwear',
  recently_viewed_not_purchased: ['p-7', 'p-8'],
  days_since_last_seen: 0,
  churn_risk: 'low',
}

function orderEvent(id: string, at: string, orderId: string, total: number): ProfileEvent {
  return {
    eventId: id,
    eventTime: at,
    eventAction: 'order_completed',
    rawData: {
      action: 'track',
      event: 'Order Completed',
      properties: {
        order_id: orderId,
        total,
        currency: 'EUR',
        products: [{ product_id: 'p-1', name: 'Trail Runner', quantity: 2 }],
      },
    },
  }
}

const viewed: ProfileEvent = {
  eventId: 'v1',
  eventTime: '2026-11-22T09:00:00.000Z',
  eventAction: 'product_viewed',
  rawData: {
    action: 'track',
    event: 'Product Viewed',
    properties: { product_id: 'p-7', name: 'Rain Jacket' },
  },
}

const recentOrder = orderEvent('o2', '2026-11-21T20:15:00.000Z', 'ORD-2', 80.5)
const olderOrder = orderEvent('o1', '2026-03-02T10:00:00.000Z', 'ORD-1', 40)

const profile: CustomerProfile = {
  id: ID,
  userId: ID,
  externalId: 'CRM-0000042',
  anonymousIds: ['anon-1'],
  emails: ['joe.bloggs@intilery.com'],
  phone: '+44111222333',
  name: { text: 'Joe Bloggs', source: 'name' },
  traits: { city: 'London', loyalty_tier: 'gold', address: { post_code: 'N1 9GU' } },
  computed: {},
  audiences: {
    dynamic: [{ id: 'audience_124516e8-6023-4b3a-8779-bcccb5d10eaf', name: '#124516e8' }],
    static: [],
  },
  consent: [
    { channel: 'email', subscribed: true },
    { channel: 'sms', subscribed: false },
  ],
  firstSeen: '2020-10-20T13:49:41.697Z',
  lastActive: '2026-11-22T09:00:00.000Z',
  firstEvent: {},
  lastEvent: { order_completed: { eventId: 'o2', eventTime: recentOrder.eventTime } },
}

// By default the first page has the recent order; the older one comes only from the orders read.
function contextOf(
  display?: PanelDisplay,
  who: CustomerProfile = profile,
  firstPage: ProfileEvent[] = [viewed, recentOrder]
): CustomerContext {
  return {
    match: 'one',
    profiles: [who],
    timeline: { entries: toTimeline(firstPage) },
    fetchedAt: '2026-11-22T10:00:00.000Z',
    stale: false,
    ...(display === undefined ? {} : { display }),
  }
}

let root: HTMLElement
let filters: EventsFilter[]

async function mount(
  context: CustomerContext,
  orders: () => Promise<ProfileEvent[]> = () => Promise.resolve([recentOrder, olderOrder])
) {
  filters = []
  const client: RelayClient = {
    context: () => Promise.resolve(context),
    events: () => Promise.reject(new Error('no more pages')),
    filteredEvents: async (_ref, filter) => {
      filters.push(filter)
      const events = await orders()
      return {
        entries: toTimeline(events),
        cursor: undefined,
        fetchedAt: context.fetchedAt,
        stale: false,
      }
    },
    computedTraits: () => Promise.resolve(COMPUTED),
  }
  root = document.createElement('div')
  document.body.append(root)
  await act(async () => {
    render(
      <CustomerPanel
        client={client}
        lookup={{ type: 'email', value: 'joe.bloggs@intilery.com' }}
        locale="en"
        timeZone="UTC"
        theme="zendesk"
      />,
      root
    )
    await Promise.resolve()
  })
  for (let i = 0; i < 4; i++) await act(() => new Promise((resolve) => setTimeout(resolve, 0)))
  return root
}

const text = (selector: string) =>
  [...root.querySelectorAll(selector)].map((el) => el.textContent?.trim() ?? '')

afterEach(() => {
  render(null, root)
  root.remove()
})

describe('the customer header with default settings', () => {
  it('says who, since when, how recently, and the facts that matter, formatted', async () => {
    await mount(contextOf())
    expect(text('.ic-name')).toEqual(['Joe Bloggs'])
    expect(text('.ic-email')).toEqual(['joe.bloggs@intilery.com'])
    expect(text('.ic-since span')[0]).toBe('Customer since Oct 2020')
    expect(text('.ic-since span')[1]).toMatch(/^Active /)
    const facts = [...root.querySelectorAll('.ic-facts > div')].map((fact) => [
      fact.querySelector('dt')?.textContent,
      fact.querySelector('dd')?.textContent,
    ])
    expect(facts).toEqual([
      ['Lifetime value', '£103.70'],
      ['Orders', '2'],
      ['Churn risk', 'Low'],
      ['Last order', 'Nov 21, 2026'],
    ])
    // Audiences, then consent as two chips (subscribed, not), on as few lines as they fit.
    expect(text('.ic-header .ic-chip-rows li')).toEqual([
      '#124516e8',
      '✓ Subscribed: Email',
      '✕ Unsubscribed: SMS',
    ])
  })

  it('shows the id once when the user id is the Intilery id, each value with a copy button', async () => {
    await mount(contextOf())
    const identities = root.querySelector('details.ic-identities')
    expect(identities?.hasAttribute('open')).toBe(false)
    const rows = [...(identities?.querySelectorAll('.ic-id-row') ?? [])].map((row) => [
      row.querySelector('dt')?.textContent,
      row.querySelector('.ic-id-value')?.textContent,
    ])
    expect(rows).toEqual([
      ['Intilery ID and User ID', ID],
      ['External ID', 'CRM-0000042'],
      ['Email', 'joe.bloggs@intilery.com'],
      ['Phone', '+44111222333'],
      ['Anonymous ID', 'anon-1'],
    ])
    expect(root.textContent?.split(ID).length).toBe(2)
    expect(identities?.querySelectorAll('button.ic-copy')).toHaveLength(5)
  })

  it('lists recent orders from the orders read, the loaded one leading into the timeline', async () => {
    await mount(contextOf())
    expect(filters).toEqual([{ include: ['order_completed'] }])
    const orders = [...root.querySelectorAll('.ic-orders li')].map((li) =>
      [...li.querySelectorAll('[class^="ic-order-"]')].map((span) => span.textContent)
    )
    expect(orders).toEqual([
      ['ORD-2', 'Nov 21, 2026', '€80.50', '2 items'],
      ['ORD-1', 'Mar 2, 2026', '€40.00', '2 items'],
    ])
    // The older order is not among the loaded rows: a plain row, not a dead link.
    const [loaded, older] = [...root.querySelectorAll('.ic-orders li')]
    expect(older?.querySelector('button')).toBeNull()
    const button = loaded?.querySelector('button')
    expect(button?.getAttribute('title')).toBe('Show this order in the activity')
    void act(() => button?.click())
    const row = document.activeElement
    expect(row?.classList.contains('ic-entry')).toBe(true)
    expect(row?.classList.contains('ic-entry-target')).toBe(true)
    expect(row?.querySelector('time')?.getAttribute('datetime')).toBe(recentOrder.eventTime)
  })

  it('asks for no orders when the profile has none, and says when the read failed', async () => {
    await mount(contextOf(undefined, { ...profile, lastEvent: {} }, [viewed]))
    expect(filters).toEqual([])
    expect(root.querySelector('.ic-orders')).toBeNull()
    render(null, root)
    await mount(
      contextOf(undefined, { ...profile, lastEvent: { order_completed: {} as never } }),
      () => Promise.reject(new RelayCallError('unavailable', 'down'))
    )
    // The loaded row still shows its order; the failure is said only when nothing can be shown.
    expect(text('.ic-orders li .ic-order-id')).toEqual(['ORD-2'])
    expect(root.querySelector('.ic-header')?.textContent).not.toContain('can’t be reached')
    render(null, root)
    await mount(
      contextOf(undefined, { ...profile, lastEvent: { order_completed: {} as never } }, [viewed]),
      () => Promise.reject(new RelayCallError('unavailable', 'down'))
    )
    expect(root.querySelector('.ic-orders')).toBeNull()
    expect(root.querySelector('.ic-header')?.textContent).toContain(
      'Intilery can’t be reached right now.'
    )
  })

  it('keeps traits and computed traits collapsed below the timeline, in words', async () => {
    await mount(contextOf())
    const more = root.querySelector('details.ic-all-traits')
    expect(more?.hasAttribute('open')).toBe(false)
    const timeline = root.querySelector('.ic-timeline')
    expect(timeline?.compareDocumentPosition(more as Node)).toBe(Node.DOCUMENT_POSITION_FOLLOWING)
    expect(more?.querySelector('summary')?.textContent).toBe('All traits (13)')
    const rows: Record<string, unknown> = Object.fromEntries(
      [...(more?.querySelectorAll('.ic-row') ?? [])].map((row) => [
        row.querySelector('dt')?.textContent ?? '',
        row.querySelector('dd')?.textContent,
      ])
    )
    expect(rows).toMatchObject({
      City: 'London',
      'Loyalty tier': 'gold',
      Address: 'Post code: N1 9GU',
      'Emails delivered (all time)': '9',
      'Total spend': '€120.50',
      'Average order value': '€60.25',
      'Viewed, not bought': 'Rain Jacket and p-8',
      'Days since last seen': '0',
    })
  })

  it('shows no raw snake_case key anywhere in the panel', async () => {
    await mount(contextOf())
    // textContent includes what is collapsed: identities, traits, computed traits.
    const words = (root.textContent ?? '').match(/\b[a-z]+(?:_[a-z0-9]+)+\b/g) ?? []
    expect(words).toEqual([])
    expect(root.textContent).toContain('Emails opened (30 days)')
  })

  it('has no "Open in Intilery" link without a record URL', async () => {
    await mount(contextOf())
    expect(root.querySelector('.ic-record-link')).toBeNull()
  })
})

describe('the customer header with the tenant’s presentation', () => {
  const display: PanelDisplay = {
    presentation: {
      header: [{ trait: 'total_spend', label: 'Spent', currencyTrait: 'total_spend_currency' }],
      pinned: ['favorite_category'],
      audienceNames: { 'audience_124516e8-6023-4b3a-8779-bcccb5d10eaf': 'Recent openers' },
    },
    recordUrl: 'https://acme.eu1.intilery.com/customers/{id}',
  }

  it('links the customer’s record, in a new tab, the id URL-encoded', async () => {
    await mount(contextOf(display, { ...profile, id: 'a/b c', userId: undefined }))
    const link = root.querySelector<HTMLAnchorElement>('a.ic-record-link')
    expect(link?.textContent).toBe('Open in Intilery')
    expect(link?.getAttribute('href')).toBe('https://acme.eu1.intilery.com/customers/a%2Fb%20c')
    expect(link?.getAttribute('target')).toBe('_blank')
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer')
  })

  it('shows the chosen facts, names audiences and pins traits open under the header', async () => {
    await mount(contextOf(display))
    expect(text('.ic-facts dt')).toEqual(['Spent'])
    expect(text('.ic-facts dd')).toEqual(['€120.50'])
    expect(text('.ic-header .ic-chip-rows li')[0]).toBe('Recent openers')
    const pinned = root.querySelector('.ic-header section[aria-label="Pinned traits"]')
    expect(pinned?.closest('details')).toBeNull()
    expect(pinned?.querySelector('.ic-row')?.textContent).toBe('Favourite categoryFootwear')
    expect(root.querySelector('details.ic-all-traits')?.textContent).not.toContain('Footwear')
  })
})

describe('the copy button', () => {
  let writeText: ReturnType<typeof vi.fn<(text: string) => Promise<void>>>
  beforeEach(() => {
    writeText = vi.fn<(text: string) => Promise<void>>(() => Promise.resolve())
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
  })

  it('copies the whole value, says "Copied" for a moment, then "Copy" again', async () => {
    await mount(contextOf())
    vi.useFakeTimers()
    try {
      const button = root.querySelector<HTMLButtonElement>('.ic-identities button.ic-copy')
      expect(button?.getAttribute('aria-label')).toBe('Copy Intilery ID and User ID')
      expect(button?.textContent).toBe('Copy')
      await act(async () => {
        button?.click()
        await Promise.resolve()
      })
      expect(writeText).toHaveBeenCalledWith(ID)
      expect(button?.textContent).toBe('Copied')
      await act(async () => {
        await vi.advanceTimersByTimeAsync(1500)
      })
      expect(button?.textContent).toBe('Copy')
    } finally {
      vi.useRealTimers()
    }
  })

  /** document.execCommand as the older way sees it: what was selected when 'copy' was asked. */
  function execCommandCopies(result: boolean) {
    const copied: string[] = []
    const execCommand = vi.fn((command: string) => {
      const field = document.activeElement
      if (command === 'copy' && field instanceof HTMLTextAreaElement) copied.push(field.value)
      return result
    })
    Object.defineProperty(document, 'execCommand', { value: execCommand, configurable: true })
    return { copied, execCommand }
  }

  it('copies the older way when the host’s permissions policy refuses the clipboard', async () => {
    writeText.mockRejectedValue(
      new DOMException('blocked by permissions policy', 'NotAllowedError')
    )
    const { copied } = execCommandCopies(true)
    await mount(contextOf())
    const button = root.querySelector<HTMLButtonElement>('.ic-identities button.ic-copy')
    await act(async () => {
      button?.click()
      await Promise.resolve()
    })
    expect(copied).toEqual([ID])
    expect(button?.textContent).toBe('Copied')
    expect(document.activeElement).toBe(button)
    expect(document.querySelector('textarea')).toBeNull()
  })

  it('does not ask the Clipboard API when the policy says up front it is not allowed', async () => {
    const allowsFeature = vi.fn((feature: string) => feature !== 'clipboard-write')
    Object.defineProperty(document, 'featurePolicy', {
      value: { allowsFeature },
      configurable: true,
    })
    try {
      const { copied } = execCommandCopies(true)
      await mount(contextOf())
      await act(async () => {
        root.querySelector<HTMLButtonElement>('.ic-identities button.ic-copy')?.click()
        await Promise.resolve()
      })
      expect(allowsFeature).toHaveBeenCalledWith('clipboard-write')
      expect(writeText).not.toHaveBeenCalled()
      expect(copied).toEqual([ID])
    } finally {
      Reflect.deleteProperty(document, 'featurePolicy')
    }
  })

  it('copies the older way where there is no Clipboard API', async () => {
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true })
    const { copied } = execCommandCopies(true)
    await mount(contextOf())
    await act(async () => {
      root.querySelector<HTMLButtonElement>('.ic-identities button.ic-copy')?.click()
      await Promise.resolve()
    })
    expect(copied).toEqual([ID])
  })

  it('says it could not copy when both ways fail', async () => {
    writeText.mockRejectedValue(new Error('denied'))
    execCommandCopies(false)
    await mount(contextOf())
    const button = root.querySelector<HTMLButtonElement>('.ic-identities button.ic-copy')
    await act(async () => {
      button?.click()
      await Promise.resolve()
    })
    expect(button?.textContent).toBe('Could not copy')
  })
})

describe('recent orders past the first three, and product names', () => {
  const many = Array.from({ length: 5 }, (_, i) =>
    orderEvent(`m${i}`, `2026-11-1${i}T10:00:00.000Z`, `ORD-M${i}`, 10 + i)
  )

  it('shows three orders and folds the other two behind "2 more"', async () => {
    await mount(contextOf(), () => Promise.resolve(many))
    const section = root.querySelector('.ic-orders')
    expect(
      [...(section?.querySelectorAll(':scope > ul .ic-order-id') ?? [])].map((el) => el.textContent)
    ).toEqual(['ORD-2', 'ORD-M4', 'ORD-M3'])
    const more = section?.querySelector('details')
    expect(more?.hasAttribute('open')).toBe(false)
    expect(more?.querySelector('summary')?.textContent).toBe('2 more')
    expect([...(more?.querySelectorAll('.ic-order-id') ?? [])].map((el) => el.textContent)).toEqual(
      ['ORD-M2', 'ORD-M1']
    )
  })

  it('reads product views for the names of a product-id trait, once it is known', async () => {
    const views: ProfileEvent = {
      ...viewed,
      eventId: 'v8',
      rawData: { ...viewed.rawData, properties: { product_id: 'p-8', name: 'Wool Hat' } },
    }
    await mount(
      contextOf(undefined, {
        ...profile,
        lastEvent: {
          ...profile.lastEvent,
          product_viewed: { eventId: 'v8', eventTime: '2026-11-22T08:00:00.000Z' },
        },
      }),
      () => Promise.resolve([recentOrder, views])
    )
    expect(filters).toEqual([{ include: ['order_completed'] }, { include: ['product_viewed'] }])
    const row = [...root.querySelectorAll('.ic-all-traits .ic-row')].find(
      (r) => r.querySelector('dt')?.textContent === 'Viewed, not bought'
    )
    expect(row?.querySelector('dd')?.textContent).toBe('Rain Jacket and Wool Hat')
  })
})
