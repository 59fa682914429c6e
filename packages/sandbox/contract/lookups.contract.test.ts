// Contract rows: id types, id encoding, endpoints (meta alias metadata), email multi-match, errors.
import {
  createProfileRef,
  type ListLookup,
  NotFoundError,
  parseProfileRef,
  type SingleLookup,
  type Traits,
  ValidationError,
} from '@intilery-connect/core'
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest'

import { SEEDED } from '../src/seed/index.ts'
import { expectErrorBody, startContractTarget, type ContractTarget } from './harness.ts'

let target: ContractTarget
beforeAll(async () => {
  target = await startContractTarget()
})
afterAll(() => target.stop())

const joe = SEEDED.joeBloggs

describe('id types', () => {
  it('finds Joe Bloggs by userId, id and email, with the traits the spec shows', async () => {
    const client = target.client()
    const byUserId = await client.traits(createProfileRef('userId', joe.userId))
    const byId = await client.traits(createProfileRef('id', joe.id))
    const byEmail = await client.traits(createProfileRef('email', joe.email))
    expect(byUserId.kind).toBe('single')
    expect(byUserId.profile).toMatchObject({
      firstName: 'Joe',
      lastName: 'Bloggs',
      website: 'www.intilery.com',
      organisation: 'Intilery',
      industry: 'Other',
      phone: '+44111222333444',
      externalId: 'joe.bloggs@intilery.com',
      email: 'joe.bloggs@intilery.com',
      id: joe.id,
      computed: { number_email_delivered_all_time: 9 },
      marketingPreferences: {
        channels: expect.arrayContaining([
          { channel: 'email', subscribed: true },
          { channel: 'sms', subscribed: true },
          { channel: 'whatsapp', subscribed: false },
        ]) as unknown,
      },
    })
    expect(byId.profile).toEqual(byUserId.profile)
    expect(byEmail.kind).toBe('list')
    expect(byEmail.profiles).toEqual([byUserId.profile])
    expectTypeOf(byEmail).toEqualTypeOf<ListLookup<Traits>>()
    expectTypeOf(byUserId).toEqualTypeOf<SingleLookup<Traits>>()
  })

  it('finds a customer by anonymousId', async () => {
    const anonymousId = 'anon-contract-1'
    expect(
      (
        await target.track('page', {
          anonymousId,
          name: 'Pricing',
          properties: { path: '/pricing' },
        })
      ).status
    ).toBe(200)
    const found = await target.client().traits(createProfileRef('anonymousId', anonymousId))
    expect(found.kind).toBe('single')
    expect(found.profile.id).toEqual(expect.any(String))
  })

  it('answers an unknown id type with 400 validation_error', async () => {
    const response = await target.raw('/profiles/phone:123/traits')
    expect(response.status).toBe(400)
    expect((await expectErrorBody(response)).code).toBe('validation_error')
  })

  it('answers a ref without a type with 400 validation_error', async () => {
    const response = await target.raw('/profiles/joe.bloggs/traits')
    expect(response.status).toBe(400)
    expect(await expectErrorBody(response)).toEqual({
      code: 'validation_error',
      message: 'ProfileID must be in format of id_type:id',
    })
  })

  it('refuses an invalid ref in the client before sending anything', async () => {
    const before = target.sandbox.counters.snapshot().total
    expect(() => parseProfileRef('phone:123')).toThrow(ValidationError)
    await expect(
      target.client().traits({ type: 'userId', value: 'x'.repeat(1025) })
    ).rejects.toThrow(ValidationError)
    expect(target.sandbox.counters.snapshot().total).toBe(before)
  })

  it('answers an id over 1,024 characters with 400 validation_error', async () => {
    const response = await target.raw(`/profiles/userId:${'x'.repeat(1025)}/traits`)
    expect(response.status).toBe(400)
    expect((await expectErrorBody(response)).code).toBe('validation_error')
  })
})

describe('id encoding', () => {
  it.each([
    ['plus and at', 'a+b@example.com'],
    ['slash', 'crm/42/x'],
    ['colons', 'urn:crm:42'],
    ['percent, question mark and hash', '100% ?really #yes'],
    ['unicode', 'ユーザー-Zoë-😀'],
  ])('round-trips a userId with %s', async (_label, userId) => {
    expect((await target.track('identify', { userId, traits: { firstName: 'Enc' } })).status).toBe(
      200
    )
    const found = await target.client().traits(createProfileRef('userId', userId))
    expect(found.profile.userId).toBe(userId)
  })

  it('matches emails case-insensitively', async () => {
    const found = await target.client().traits(createProfileRef('email', 'JOE.Bloggs@Intilery.COM'))
    expect(found.profiles.map((p) => p.id)).toEqual([joe.id])
    const raw = await target.raw(
      `/profiles/email:${encodeURIComponent('JOE.BLOGGS@INTILERY.COM')}/traits`
    )
    expect(raw.status).toBe(200)
  })
})

describe('endpoints', () => {
  it('serves meta and its alias metadata identically, with first/last events and audiences', async () => {
    const ref = encodeURIComponent(joe.userId)
    const meta = (await (await target.raw(`/profiles/userId:${ref}/meta`)).json()) as Record<
      string,
      unknown
    >
    const metadata = (await (
      await target.raw(`/profiles/userId:${ref}/metadata`)
    ).json()) as Record<string, unknown>
    expect(metadata).toEqual(meta)
    const viaClient = await target.client().meta(createProfileRef('userId', joe.userId))
    expect(viaClient.profile.audiences).toEqual(expect.arrayContaining(['audience_2_days']))
    expect(viaClient.profile.audiencesStatic).toEqual(['audience_board'])
    expect(viaClient.profile.firstEvent?.email_sent?.eventId).toEqual(expect.any(String))
    expect(viaClient.profile.lastEvent?.email_opened?.eventId).toBe(
      'ec717144-924c-4826-981b-848459c39176'
    )
    expect(viaClient.profile.lastActivityTime).toEqual(expect.any(String))
  })

  it('serves audiences with dynamic and static lists', async () => {
    const audiences = await target.client().audiences(createProfileRef('userId', joe.userId))
    expect(audiences.profile.audiences).toContain('audience_124516e8-6023-4b3a-8779-bcccb5d10eaf')
    expect(audiences.profile.audiencesStatic).toContain('audience_board')
  })

  it('answers an unknown endpoint with 404 not_found', async () => {
    const response = await target.raw(`/profiles/userId:${joe.userId}/friends`)
    expect(response.status).toBe(404)
    expect((await expectErrorBody(response)).code).toBe('not_found')
  })
})

describe('email lookups', () => {
  it('return every profile sharing an email, for traits, meta and audiences', async () => {
    const ref = createProfileRef('email', SEEDED.sharedEmail)
    const client = target.client()
    for (const lookup of [client.traits(ref), client.meta(ref), client.audiences(ref)]) {
      const result = await lookup
      expect(result.kind).toBe('list')
      expect(new Set(result.profiles.map((p) => p.id)).size).toBe(2)
    }
  })

  it('return the events of every match', async () => {
    const client = target.client()
    const [a, b] = (await client.traits(createProfileRef('email', SEEDED.sharedEmail))).profiles
    const page = await client.events(createProfileRef('email', SEEDED.sharedEmail))
    const owners = new Set(page.data.map((event) => event.customerId))
    expect(owners).toEqual(new Set([a?.id, b?.id]))
  })
})

describe('not found', () => {
  it('is a 404 not_found body and a NotFoundError carrying the request id', async () => {
    const raw = await target.raw('/profiles/userId:nobody-here/traits')
    expect(raw.status).toBe(404)
    expect(await expectErrorBody(raw)).toEqual({
      code: 'not_found',
      message: 'Profile was not found.',
    })
    const error = await target
      .client()
      .traits(createProfileRef('email', 'nobody@example.com'))
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NotFoundError)
    expect((error as NotFoundError).status).toBe(404)
    expect((error as NotFoundError).requestId).toMatch(/^[0-9a-f-]{36}$/)
  })
})
