import { describe, expect, it } from 'vitest'

import { seedCustomers, SEEDED } from '../index.ts'
import { BRAND, NOW, eventName, named, props } from '../testing.ts'

const customers = seedCustomers({ now: NOW, brand: BRAND })
const joe = customers.find((c) => c.id === SEEDED.joeBloggs.id)
if (joe === undefined) throw new Error('Joe Bloggs is missing')
const byId = (eventId: string) => joe.events.find((e) => e.event.eventId === eventId)
function event(eventId: string) {
  const found = byId(eventId)
  if (found === undefined) throw new Error(`no event ${eventId}`)
  return found
}
const spec = (iso: string) => Date.parse(iso)

const OPENED_LAST = 'ec717144-924c-4826-981b-848459c39176'
const OPENED_BEFORE = '4b7c99d4-0714-41e0-b285-1ef300634984'
const FIRST_SENT = 'b5148168-928f-4f61-9a3d-ff1be6da5820'
const LAST_SENT = 'b8be0f1f-e1af-41b8-9f8c-17514f3ccad6'

describe('Joe Bloggs, as the spec shows him', () => {
  it('has the spec’s ids and traits', () => {
    expect(joe.userId).toBe('4c90b9cf-5e4d-4689-ba57-b0f3e7c813fe')
    expect(joe.traits).toEqual({
      lastName: 'Bloggs',
      website: 'www.intilery.com',
      externalId: 'joe.bloggs@intilery.com',
      organisation: 'Intilery',
      industry: 'Other',
      firstName: 'Joe',
      phone: '+44111222333444',
      email: 'joe.bloggs@intilery.com',
    })
  })

  it('has the spec’s marketing preferences, metadata and audiences', () => {
    expect(joe.marketingPreferences).toEqual([
      { subscribed: true, channel: 'email' },
      { subscribed: true, channel: 'sms' },
      { subscribed: false, channel: 'whatsapp' },
      { subscribed: false, channel: 'facebook' },
      { subscribed: false, channel: 'push' },
    ])
    expect(joe.subscriptionId).toBe(
      'aW50aWxlcnk6bWFya2V0aW5nOjg3MzA1NWVmLTdmYmYtNDYyNS1iMWNkLTEwYjRlNDc5YjIwZA=='
    )
    expect(joe.createdBy).toEqual({
      filename: 'staff listaug20.csv',
      createdTime: expect.any(String) as unknown,
      type: 'audience-csv',
    })
    expect(joe.audiences).toEqual([
      'audience_2_days',
      'audience_124516e8-6023-4b3a-8779-bcccb5d10eaf',
    ])
    expect(joe.audiencesStatic).toEqual(['audience_board'])
  })

  it('was delivered exactly nine emails, each sent first', () => {
    expect(joe.computed.number_email_delivered_all_time).toBe(9)
    expect(named(joe.events, 'Email Sent')).toHaveLength(9)
    expect(named(joe.events, 'Email Delivered')).toHaveLength(9)
    expect(named(joe.events, 'Email Sent')[0]?.event.eventId).toBe(FIRST_SENT)
    expect(named(joe.events, 'Email Sent').at(-1)?.event.eventId).toBe(LAST_SENT)
  })

  it('has the spec’s events, in the spec’s order and spacing, the last a few hours before now', () => {
    const order = joe.events.map((e) => e.event.eventId)
    const positions = [FIRST_SENT, LAST_SENT, OPENED_BEFORE, OPENED_LAST].map((id) =>
      order.indexOf(id)
    )
    expect(positions.every((p) => p >= 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    expect(joe.events.at(-1)?.event.eventId).toBe(OPENED_LAST)
    const last = byId(OPENED_LAST)?.ms ?? 0
    expect(NOW - last).toBeGreaterThan(60 * 60_000)
    expect(NOW - last).toBeLessThan(12 * 60 * 60_000)
    expect(last - (byId(OPENED_BEFORE)?.ms ?? 0)).toBe(
      spec('2020-11-19T13:39:17.380Z') - spec('2020-11-19T13:37:50.929Z')
    )
    expect(last - (byId(LAST_SENT)?.ms ?? 0)).toBe(
      spec('2020-11-19T13:39:17.380Z') - spec('2020-11-09T10:10:33.811Z')
    )
    expect(last - (byId(FIRST_SENT)?.ms ?? 0)).toBe(
      spec('2020-11-19T13:39:17.380Z') - spec('2020-10-20T13:49:41.697Z')
    )
  })

  it('reproduces the spec’s last Email Opened event', () => {
    const opened = byId(OPENED_LAST)?.event
    expect(opened).toMatchObject({
      id: SEEDED.joeBloggs.id,
      customerId: SEEDED.joeBloggs.id,
      userId: SEEDED.joeBloggs.userId,
      externalId: 'joe.bloggs@intilery.com',
      email: 'joe.bloggs@intilery.com',
      eventAction: 'email_opened',
      clientId: 'intilery',
      accountId: 'marketing',
      brandId: 'MARKETING',
      source: 'SEGMENT_API',
      rawData: {
        userId: SEEDED.joeBloggs.userId,
        action: 'track',
        event: 'Email Opened',
        context: {
          ip: '217.42.6.253',
          user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_4) AppleWebKit/605.1.15',
          traits: { email: 'joe.bloggs@intilery.com' },
        },
        properties: {
          email_id: '41937e92-b472-46ae-94e3-f29cc05cda5d',
          email_subject: 'Thanks for requesting an Intilery trial',
          campaign_id: 'TRIAL_WELCOME',
        },
        sendType: 'email',
      },
    })
    expect(Date.parse(opened?.receivedTime ?? '') - Date.parse(opened?.eventTime ?? '')).toBe(532)
    expect(props(event(OPENED_BEFORE))).toEqual(props(event(OPENED_LAST)))
  })

  it('has the spec’s sent emails', () => {
    expect(props(event(FIRST_SENT))).toEqual({
      email_id: '6adec8ad-3663-4c53-b02d-67d69de6da91',
      email_subject: 'Everyone loves a freebie',
      campaign_id: 'FreeTrialEshot',
    })
    expect(props(event(LAST_SENT))).toEqual({
      email_id: 'd67f6825-c560-4186-a2b6-516557e7151e',
      email_subject: 'Everything you need, in one place',
      campaign_id: 'Nov2',
    })
    expect(byId(FIRST_SENT)?.event.rawData.context).toEqual({
      traits: { email: 'joe.bloggs@intilery.com' },
    })
  })

  it('was sent the trial welcome email before opening it', () => {
    const sent = joe.events.findIndex(
      (e) => eventName(e) === 'Email Sent' && props(e).campaign_id === 'TRIAL_WELCOME'
    )
    expect(sent).toBeGreaterThanOrEqual(0)
    expect(sent).toBeLessThan(joe.events.findIndex((e) => e.event.eventId === OPENED_BEFORE))
  })

  it('browsed intilery.com, read the shop’s journal, and did a few other things', () => {
    const pages = joe.events.filter((e) => e.event.rawData.action === 'page')
    const onIntilery = pages.filter((e) =>
      String(props(e).url).startsWith('https://www.intilery.com/')
    )
    expect(onIntilery.length).toBeGreaterThanOrEqual(5)
    // The rest is the weekend at Harbour & Pine the demo site personalizes from.
    expect(
      pages
        .filter((e) => !onIntilery.includes(e))
        .every((e) => String(props(e).url).startsWith('https://shop.example.com/'))
    ).toBe(true)
    expect(joe.computed.favorite_blog_category).toBe('Outdoors')
    expect(named(joe.events, 'Product Viewed')).toHaveLength(4)
    expect(named(joe.events, 'Order Completed')).toHaveLength(0)
    for (const name of [
      'Form Submitted',
      'Lead Created',
      'Trial Started',
      'Webinar Registered',
      'Identify',
    ]) {
      expect(named(joe.events, name).length, name).toBeGreaterThan(0)
    }
  })

  it('is the only customer with his email', () => {
    expect(
      customers.filter((c) => String(c.traits.email).toLowerCase() === SEEDED.joeBloggs.email)
    ).toHaveLength(1)
  })
})
