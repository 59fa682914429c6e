import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { audiencesSchema, metaSchema, traitsSchema } from '../schemas/profile.ts'
import { audienceName } from './audience-name.ts'
import { customerProfileSchema } from './customer-profile.ts'
import { normalizeProfile, normalizeProfiles } from './normalize-profile.ts'

// Joe Bloggs as the Profile API spec shows him (traits, meta and audiences answers).
const marketingPreferences = {
  channels: [
    { subscribed: true, channel: 'email' },
    { subscribed: true, channel: 'sms' },
    { subscribed: false, channel: 'whatsapp' },
    { subscribed: false, channel: 'facebook' },
    { subscribed: false, channel: 'push' },
  ],
}
const joeTraits = traitsSchema.parse({
  lastName: 'Bloggs',
  website: 'www.intilery.com',
  externalId: 'joe.bloggs@intilery.com',
  organisation: 'Intilery',
  industry: 'Other',
  firstName: 'Joe',
  phone: '+44111222333444',
  id: '4c90b9cf-5e4d-4689-ba57-b0f3e7c813fe',
  computed: { number_email_delivered_all_time: 9 },
  marketingPreferences,
  email: 'joe.bloggs@intilery.com',
})
const summary = (eventId: string, eventTime: string) => ({
  eventId,
  eventTime,
  action: 'track',
  event: 'Email Sent',
})
const joeMeta = metaSchema.parse({
  ...joeTraits,
  computed: undefined,
  _subscriptionId: 'aW50aWxlcnk6bWFya2V0aW5n',
  createdBy: {
    filename: 'staff listaug20.csv',
    createdTime: '2020-08-24T15:54:15.323Z',
    type: 'audience-csv',
  },
  firstEvent: {
    email_sent: summary('b5148168', '2020-10-20T13:49:41.697Z'),
    email_opened: summary('4b7c99d4', '2020-11-19T13:37:50.929Z'),
  },
  lastEvent: {
    email_sent: summary('b8be0f1f', '2020-11-09T10:10:33.811Z'),
    email_opened: summary('ec717144', '2020-11-19T13:39:17.380Z'),
  },
  audiences: ['audience_2_days'],
  audiencesStatic: ['audience_board'],
  lastActivityTime: '2020-11-19T13:39:17.380Z',
})
const joeAudiences = audiencesSchema.parse({
  ...joeTraits,
  computed: undefined,
  audiences: ['audience_124516e8-6023-4b3a-8779-bcccb5d10eaf'],
  audiencesStatic: ['audience_board'],
})

describe('normalizeProfile', () => {
  it('builds the spec’s Joe Bloggs from traits, meta and audiences', () => {
    const joe = normalizeProfile({ traits: joeTraits, meta: joeMeta, audiences: joeAudiences })
    expect(customerProfileSchema.safeParse(joe).success).toBe(true)
    expect(joe).toMatchObject({
      id: '4c90b9cf-5e4d-4689-ba57-b0f3e7c813fe',
      externalId: 'joe.bloggs@intilery.com',
      emails: ['joe.bloggs@intilery.com'],
      phone: '+44111222333444',
      name: { text: 'Joe Bloggs', source: 'name' },
      firstName: 'Joe',
      lastName: 'Bloggs',
      traits: { website: 'www.intilery.com', organisation: 'Intilery', industry: 'Other' },
      computed: { number_email_delivered_all_time: 9 },
      consent: marketingPreferences.channels.map(({ channel, subscribed }) => ({
        channel,
        subscribed,
      })),
      firstSeen: '2020-10-20T13:49:41.697Z',
      lastActive: '2020-11-19T13:39:17.380Z',
    })
    expect(joe.audiences.dynamic).toEqual([
      { id: 'audience_2_days', name: '2 days' },
      { id: 'audience_124516e8-6023-4b3a-8779-bcccb5d10eaf', name: '#124516e8' },
    ])
    expect(joe.audiences.static).toEqual([{ id: 'audience_board', name: 'Board' }])
    expect(joe.lastEvent.email_opened?.eventId).toBe('ec717144')
    expect(Object.keys(joe.traits)).not.toEqual(
      expect.arrayContaining(['_subscriptionId', 'createdBy', 'computed'])
    )
  })

  it('works from any one answer alone', () => {
    expect(normalizeProfile({ traits: joeTraits }).computed).toEqual({
      number_email_delivered_all_time: 9,
    })
    expect(normalizeProfile({ meta: joeMeta }).lastActive).toBe('2020-11-19T13:39:17.380Z')
    expect(normalizeProfile({ audiences: joeAudiences }).audiences.static).toHaveLength(1)
  })

  it.each([
    [
      { id: 'c1', email: 'Ann@Example.com' },
      { text: 'Ann@Example.com', source: 'email' },
    ],
    [
      { id: 'c1', userId: 'u-9' },
      { text: 'u-9', source: 'userId' },
    ],
    [
      { id: 'c1', externalId: 'crm-7' },
      { text: 'crm-7', source: 'externalId' },
    ],
    [{ id: 'c1' }, { text: 'c1', source: 'id' }],
    [
      { id: 'c1', name: 'Zoë Çelik' },
      { text: 'Zoë Çelik', source: 'name' },
    ],
    [
      { id: 'c1', first_name: '渡辺', last_name: '裕子' },
      { text: '渡辺 裕子', source: 'name' },
    ],
    [
      { id: 'c1', firstName: '   ', email: 'a@b.c' },
      { text: 'a@b.c', source: 'email' },
    ],
  ])('falls back sensibly for the display name (%o)', (traits, name) => {
    expect(normalizeProfile({ traits: traitsSchema.parse(traits) }).name).toEqual(name)
  })

  it('skips odd fields instead of throwing', () => {
    // Assigned after parsing: the client schema would refuse this consent list before it got here.
    const odd = traitsSchema.parse({ id: 'c1' })
    Object.assign(odd, {
      id: 'c1',
      phone: 441234,
      emails: ['a@x.com', 'A@X.com', 7, null],
      marketingPreferences: {
        channels: [
          { channel: 'EMAIL', subscribed: true },
          { channel: 'sms', subscribed: 'yes' },
          null,
        ],
      },
      computed: { score: 0.7 },
      nickname: null,
    })
    const profile = normalizeProfile({ traits: odd })
    expect(profile.phone).toBe('441234')
    expect(profile.emails).toEqual(['a@x.com'])
    expect(profile.consent).toEqual([{ channel: 'email', subscribed: true }])
    expect(profile.traits).not.toHaveProperty('nickname')
  })

  it('keeps hostile strings verbatim as data', () => {
    const payload = '<img src=x onerror=alert(1)>'
    const profile = normalizeProfile({
      traits: traitsSchema.parse({
        id: 'c1',
        firstName: payload,
        [payload]: payload,
        computed: { [payload]: payload },
      }),
    })
    expect(profile.name.text).toBe(payload)
    expect(profile.traits[payload]).toBe(payload)
    expect(profile.computed[payload]).toBe(payload)
  })

  it('never throws on arbitrary trait shapes, and always yields a valid profile', () => {
    const loose = fc.dictionary(fc.string({ maxLength: 12 }), fc.anything({ maxDepth: 2 }), {
      maxKeys: 12,
    })
    fc.assert(
      fc.property(loose, loose, fc.string({ minLength: 1, maxLength: 40 }), (traits, meta, id) => {
        const parsedTraits = traitsSchema.safeParse({ ...traits, id })
        const parsedMeta = metaSchema.safeParse({ ...meta, id })
        const parts = {
          traits: parsedTraits.success ? parsedTraits.data : traitsSchema.parse({ id }),
          meta: parsedMeta.success ? parsedMeta.data : undefined,
        }
        expect(customerProfileSchema.safeParse(normalizeProfile(parts)).success).toBe(true)
      }),
      { numRuns: 1000 }
    )
  })
})

describe('normalizeProfiles', () => {
  it('joins the lists of an email lookup by id, most recently active first', () => {
    const a = { id: 'a', email: 'sam.taylor@example.com', firstName: 'Sam', lastName: 'Taylor' }
    const b = {
      id: 'b',
      email: 'Sam.Taylor@example.com',
      firstName: 'Samantha',
      lastName: 'Taylor',
    }
    const profiles = normalizeProfiles({
      traits: [traitsSchema.parse(a), traitsSchema.parse(b)],
      meta: [
        metaSchema.parse({ ...a, lastActivityTime: '2026-01-01T00:00:00Z' }),
        metaSchema.parse({ ...b, lastActivityTime: '2026-03-01T00:00:00Z' }),
      ],
    })
    expect(profiles.map((p) => [p.id, p.name.text, p.lastActive])).toEqual([
      ['b', 'Samantha Taylor', '2026-03-01T00:00:00Z'],
      ['a', 'Sam Taylor', '2026-01-01T00:00:00Z'],
    ])
  })
})

describe('audienceName', () => {
  it.each([
    ['audience_2_days', '2 days'],
    ['audience_high_value', 'High value'],
    ['audience_cart-abandoners', 'Cart abandoners'],
    ['audience_124516e8-6023-4b3a-8779-bcccb5d10eaf', '#124516e8'],
    ['vip_list', 'Vip list'],
    ['audience_', 'audience_'],
    ['<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
  ])('%s -> %s', (id, name) => {
    expect(audienceName(id)).toBe(name)
  })
})
