// Emails, page and screen calls: from events shaped like the sandbox's seed, the kind, the title
// (message id + values) and the detail rows, exactly.
import { describe, expect, it } from 'vitest'

import { event, page, screen, track } from './test/events.ts'
import { id, itDescribes, type KindCase, named } from './test/kind-cases.ts'
import { toTimeline } from './to-timeline.ts'

const EMAIL = {
  email_id: '6adec8ad-3663-4c53-b02d-67d69de6da91',
  email_subject: 'Everyone loves a freebie',
  campaign_id: 'FreeTrialEshot',
}
const campaign = { label: id('timeline.detail.campaign'), value: 'FreeTrialEshot' }

const cases: KindCase[] = [
  {
    name: 'email sent',
    event: track('Email Sent', EMAIL),
    kind: 'email',
    title: { id: 'timeline.email.sent', values: { subject: 'Everyone loves a freebie' } },
    detail: [campaign],
  },
  {
    name: 'email delivered',
    event: track('Email Delivered', EMAIL),
    kind: 'email',
    title: { id: 'timeline.email.delivered', values: { subject: 'Everyone loves a freebie' } },
    detail: [campaign],
  },
  {
    name: 'email opened',
    event: track('Email Opened', EMAIL),
    kind: 'email',
    title: { id: 'timeline.email.opened', values: { subject: 'Everyone loves a freebie' } },
    detail: [campaign],
  },
  {
    name: 'email clicked, with link and url',
    event: track('Email Clicked', {
      ...EMAIL,
      link: 'See pricing',
      url: 'https://www.intilery.com/pricing?utm_source=intilery',
    }),
    kind: 'email',
    title: { id: 'timeline.email.clicked', values: { subject: 'Everyone loves a freebie' } },
    detail: [
      { label: id('timeline.detail.link'), value: 'See pricing' },
      {
        label: id('timeline.detail.url'),
        value: 'https://www.intilery.com/pricing?utm_source=intilery',
      },
      campaign,
    ],
  },
  {
    name: 'email bounced, with reason',
    event: track('Email Bounced', { ...EMAIL, reason: 'mailbox_full' }),
    kind: 'email',
    title: { id: 'timeline.email.bounced', values: { subject: 'Everyone loves a freebie' } },
    detail: [{ label: id('timeline.detail.reason'), value: 'mailbox_full' }, campaign],
  },
  {
    name: 'unsubscribed, with list',
    event: track('Unsubscribed', { ...EMAIL, list: 'marketing' }),
    kind: 'email',
    title: { id: 'timeline.email.unsubscribed', values: { subject: 'Everyone loves a freebie' } },
    detail: [{ label: id('timeline.detail.list'), value: 'marketing' }, campaign],
  },
  {
    name: 'email marked as spam, without a subject',
    event: track('Email Marked as Spam', { campaign_name: 'Spring' }),
    kind: 'email',
    title: { id: 'timeline.email.spamNoSubject' },
    detail: [{ label: id('timeline.detail.campaign'), value: 'Spring' }],
  },
  {
    name: 'page call',
    event: page({
      url: 'https://www.intilery.com/features',
      path: '/features',
      title: 'Platform features | Intilery',
      referrer: 'https://www.intilery.com/pricing',
    }),
    kind: 'page',
    title: { id: 'timeline.page.viewed', values: { page: 'Platform features | Intilery' } },
    detail: [
      { label: id('timeline.detail.path'), value: '/features' },
      { label: id('timeline.detail.referrer'), value: 'https://www.intilery.com/pricing' },
    ],
  },
  {
    name: 'page call without title or referrer (empty referrer is no row)',
    event: page({ url: 'https://www.intilery.com/pricing', path: '/pricing', referrer: '' }),
    kind: 'page',
    title: { id: 'timeline.page.viewed', values: { page: '/pricing' } },
    detail: [],
  },
  {
    name: 'page call with only a url',
    event: page({ url: 'https://shop.example.com/' }),
    kind: 'page',
    title: { id: 'timeline.page.viewed', values: { page: 'https://shop.example.com/' } },
    detail: [],
  },
  {
    name: 'page call with nothing',
    event: page({}),
    kind: 'page',
    title: { id: 'timeline.page.viewedUnknown' },
    detail: [],
  },
  {
    name: 'screen call',
    event: screen('Orders'),
    kind: 'screen',
    title: { id: 'timeline.screen.viewed', values: { screen: 'Orders' } },
    detail: [],
  },
  {
    name: 'screen call named at the top level, with a property',
    event: event('screen', {
      type: 'screen',
      extra: { name: 'Basket' },
      properties: { items: 3 },
    }),
    kind: 'screen',
    title: { id: 'timeline.screen.viewed', values: { screen: 'Basket' } },
    detail: [{ label: named('items'), value: 3 }],
  },
]

describe('emails, pages and screens', () => {
  itDescribes(cases)

  it('classifies by message type first: a page call is a page whatever its key', () => {
    const odd = { ...page({ path: '/x' }), eventAction: 'something_else' }
    expect(toTimeline([odd])[0]?.kind).toBe('page')
  })

  it('classifies a track call named like a page view as a page (the key decides)', () => {
    expect(toTimeline([track('Page Viewed', { path: '/x' })])[0]?.kind).toBe('page')
  })

  it('keeps the source of the event', () => {
    const input = event('Email Sent', { source: 'SERVER_API' })
    expect(toTimeline([input])[0]?.source).toBe('SERVER_API')
  })
})
