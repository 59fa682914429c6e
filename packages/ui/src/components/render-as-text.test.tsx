import {
  formatHeader,
  formatTimeline,
  normalizeProfile,
  toTimeline,
  type CustomerProfile,
} from '@intilery-connect/core'
import { render } from 'preact-render-to-string'
import { describe, expect, it } from 'vitest'

import { translatorFor } from '../i18n.ts'
import { ProfileCard } from './ProfileCard.tsx'
import { RecentOrders } from './RecentOrders.tsx'
import { Timeline } from './Timeline.tsx'
import { AllTraits } from './TraitRows.tsx'

const PAYLOAD = '<img src=x onerror=alert(1)>'

/** The header and the traits below the timeline, as the panel shows them. */
function card(profile: CustomerProfile) {
  const header = formatHeader(profile, undefined, { locale: 'en', timeZone: 'UTC' })
  return render(
    <>
      <ProfileCard t={translatorFor('en', 'UTC')} header={header} recordUrl="https://x/{id}" />
      <AllTraits more={header.more} />
    </>
  )
}

const meta = {
  id: '089cb6ad-3ceb-4e3f-929c-60a22303e9e6',
  identities: { userId: `xss/${PAYLOAD}`, email: [`bobby+${PAYLOAD}@example.com`] },
  traits: {
    firstName: PAYLOAD,
    lastName: '<script>alert(2)</script>',
    plan: `"><svg onload=alert(3)>`,
  },
  audiences: { dynamic: [{ id: 'a', name: PAYLOAD }], static: [] },
  firstActivity: '2026-01-01T00:00:00.000Z',
  lastActivity: '2026-11-20T00:00:00.000Z',
}

describe('rendering data as text', () => {
  it('escapes every hostile profile value and adds no element of its own', () => {
    const profile = normalizeProfile({ meta } as never)
    const html = card(profile)
    expect(html).not.toMatch(/<img|<script|<svg/i)
    expect(html).toContain('&lt;img src=x onerror=alert(1)>')
  })

  it('escapes hostile event names and properties in timeline rows', () => {
    const events = [
      {
        eventId: 'e1',
        eventTime: '2026-11-20T10:00:00.000Z',
        receivedTime: '2026-11-20T10:00:00.000Z',
        eventAction: 'track',
        rawData: { action: 'track', event: PAYLOAD, properties: { [PAYLOAD]: '<b>bold</b>' } },
      },
    ]
    const entries = formatTimeline(toTimeline(events), { locale: 'en', timeZone: 'UTC' })
    const html = render(
      <Timeline t={translatorFor('en', 'UTC')} entries={entries} emptyText="none" />
    )
    expect(html).not.toMatch(/<img|<b>/i)
    expect(html).toContain('&lt;img')
  })
})

describe('bidirectional overrides', () => {
  it('shows each override as U+FFFD, so `invoice\u202Efdp.exe` cannot pass for a PDF', () => {
    const profile = normalizeProfile({
      meta: { ...meta, traits: { firstName: 'Bobby', jobTitle: 'invoice\u202Efdp.exe' } },
    } as never)
    const html = card(profile)
    expect(html).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/)
    expect(html).toContain('invoice\uFFFDfdp.exe')
  })

  it('neutralises them in every part of the header: name, email, ids, facts, chips, orders', () => {
    const odd = (name: string) => `${name}\u202Etxt.exe`
    const profile: CustomerProfile = {
      id: 'c-1',
      userId: odd('user'),
      anonymousIds: [],
      emails: [odd('mail@example.com')],
      name: { text: odd('Bobby'), source: 'name' },
      traits: {},
      computed: {},
      audiences: { dynamic: [{ id: 'a', name: odd('audience') }], static: [] },
      consent: [],
      firstEvent: {},
      lastEvent: {},
    }
    const header = formatHeader(
      {
        ...profile,
        computed: { churn_risk: odd('risk') },
        consent: [{ channel: odd('pigeon'), subscribed: true }],
      },
      undefined,
      { locale: 'en', timeZone: 'UTC' }
    )
    const orders = [
      { entryId: 'e', orderId: odd('order'), at: '', date: 'Nov 1, 2026', total: odd('£1') },
    ]
    const t = translatorFor('en', 'UTC')
    const html = render(
      <ProfileCard
        t={t}
        header={header}
        orders={<RecentOrders t={t} orders={orders} targets={new Map()} />}
      />
    )
    expect(html).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/)
    for (const name of [
      'user',
      'mail@example.com',
      'Bobby',
      'audience',
      'risk',
      'pigeon',
      'order',
      '£1',
    ])
      expect(html).toContain(`${name}\uFFFDtxt.exe`)
  })
})
