import { describe, expect, expectTypeOf, it } from 'vitest'

import { InvalidRequestError, ValidationError } from '../errors.ts'
import {
  createProfileRef,
  type EmailRef,
  parseProfileRef,
  type ProfileRef,
  type SingleRef,
} from '../profile-ref.ts'
import type { Audiences, Meta, Traits } from '../schemas/profile.ts'
import type { ListLookup, Lookup, SingleLookup } from './create-profile-client.ts'
import { answering, href, setup } from './testing/fake-fetch.ts'
import type { RequestInfo } from './transport.ts'

const ROOT = 'https://intilery.test/track/intilery/marketing/MARKETING/v1/profiles'

const joe = { id: '4c90b9cf', firstName: 'Joe', email: 'joe.bloggs@intilery.com' }

function urlOf(fetchMock: ReturnType<typeof answering>, call = 0): string {
  return href(fetchMock.mock.calls[call]?.[0])
}

describe('requests', () => {
  it('GETs {baseUrl}/track/{clientId}/{accountId}/{brandId}/v1/profiles/{idType}:{id}/{endpoint}', async () => {
    const fetch = answering(joe)
    const { client } = setup(fetch)
    await client.traits(createProfileRef('userId', 'u-1'))
    await client.meta(createProfileRef('id', '4c90b9cf'))
    await client.audiences(createProfileRef('anonymousId', 'anon-7'))
    expect(fetch.mock.calls.map(([url]) => href(url))).toEqual([
      `${ROOT}/userId:u-1/traits`,
      `${ROOT}/id:4c90b9cf/meta`,
      `${ROOT}/anonymousId:anon-7/audiences`,
    ])
  })

  it('sends content-type, accept and auth-token, and no body', async () => {
    const fetch = answering(joe)
    await setup(fetch).client.traits(createProfileRef('userId', 'u-1'))
    const init = fetch.mock.calls[0]?.[1]
    expect(init?.method).toBe('GET')
    expect(init?.body).toBeUndefined()
    const headers = new Headers(init?.headers)
    expect(headers.get('content-type')).toBe('application/json')
    expect(headers.get('accept')).toBe('application/json')
    expect(headers.get('auth-token')).toBe('secret-token')
    expect(headers.has('user-agent')).toBe(false)
  })

  it('sends the user agent when one is configured', async () => {
    const fetch = answering(joe)
    await setup(fetch, { userAgent: 'intilery-connect/1.0' }).client.traits(
      createProfileRef('userId', 'u-1')
    )
    expect(new Headers(fetch.mock.calls[0]?.[1]?.headers).get('user-agent')).toBe(
      'intilery-connect/1.0'
    )
  })

  it('percent-encodes the id as one path segment', async () => {
    const fetch = answering(joe)
    await setup(fetch).client.traits(createProfileRef('userId', 'a/b+c?d#e f:g%h'))
    expect(urlOf(fetch)).toBe(`${ROOT}/userId:a%2Fb%2Bc%3Fd%23e%20f%3Ag%25h/traits`)
    expect(new URL(urlOf(fetch)).pathname.split('/')).toHaveLength(9)
  })

  it('lower-cases emails, even on refs built by hand', async () => {
    const fetch = answering({ data: [joe] })
    await setup(fetch).client.traits({ type: 'email', value: 'Joe.Bloggs@Intilery.com' })
    expect(urlOf(fetch)).toBe(`${ROOT}/email:joe.bloggs%40intilery.com/traits`)
  })

  it('encodes the account path and trims trailing slashes from baseUrl', async () => {
    const fetch = answering(joe)
    const { client } = setup(fetch, {
      baseUrl: 'http://localhost:8787/api//',
      clientId: 'my client',
      brandId: 'a/b',
    })
    await client.traits(createProfileRef('userId', 'u'))
    expect(urlOf(fetch)).toBe(
      'http://localhost:8787/api/track/my%20client/marketing/a%2Fb/v1/profiles/userId:u/traits'
    )
  })

  it('keeps the profile id out of the hooks', async () => {
    const seen: RequestInfo[] = []
    const fetch = answering(joe)
    const { client } = setup(fetch, {
      hooks: { onRequest: (info) => seen.push(info), onResponse: (info) => seen.push(info) },
    })
    await client.traits(createProfileRef('userId', 'secret-customer'))
    expect(seen).toHaveLength(2)
    expect(seen[0]).toEqual({
      method: 'GET',
      path: '/track/intilery/marketing/MARKETING/v1/profiles/userId:<id>/traits',
      attempt: 1,
    })
    expect(seen[1]).toMatchObject({ status: 200, requestId: 'req-1', attempt: 1 })
    expect(JSON.stringify(seen)).not.toContain('secret-customer')
  })
})

describe('single and list lookups', () => {
  it.each(['userId', 'id', 'anonymousId'] as const)(
    'a %s lookup gives { kind: single }',
    async (type) => {
      const { client } = setup(answering(joe))
      const result = await client.traits(createProfileRef(type, 'x'))
      expectTypeOf(result).toEqualTypeOf<SingleLookup<Traits>>()
      expect(result).toEqual({ kind: 'single', profile: joe, requestId: 'req-1' })
    }
  )

  it('an email lookup gives { kind: list } with every matching profile', async () => {
    const jane = { id: 'p2', email: 'joe.bloggs@intilery.com', firstName: 'Jane' }
    const { client } = setup(answering({ data: [joe, jane] }))
    const result = await client.traits(createProfileRef('email', 'joe.bloggs@intilery.com'))
    expectTypeOf(result).toEqualTypeOf<ListLookup<Traits>>()
    expect(result).toEqual({ kind: 'list', profiles: [joe, jane], requestId: 'req-1' })
  })

  it('meta and audiences follow the same rule', async () => {
    const { client } = setup(answering({ data: [{ id: 'p1', audiences: ['a1'] }] }))
    const email = createProfileRef('email', 'a@b.c')
    const meta = await client.meta(email)
    const audiences = await client.audiences(email)
    expectTypeOf(meta).toEqualTypeOf<ListLookup<Meta>>()
    expectTypeOf(audiences).toEqualTypeOf<ListLookup<Audiences>>()
    expect(meta.kind).toBe('list')
    expect(audiences.profiles[0]?.audiences).toEqual(['a1'])
  })

  it('types the result by the ref: lists for email refs, one profile otherwise', async () => {
    expectTypeOf<Lookup<EmailRef, Traits>>().toEqualTypeOf<ListLookup<Traits>>()
    expectTypeOf<Lookup<SingleRef, Traits>>().toEqualTypeOf<SingleLookup<Traits>>()
    expectTypeOf<Lookup<ProfileRef, Traits>>().toEqualTypeOf<
      ListLookup<Traits> | SingleLookup<Traits>
    >()
    const { client } = setup(answering(joe))
    const either = await client.traits(parseProfileRef('userId:u-1'))
    expectTypeOf(either).toEqualTypeOf<ListLookup<Traits> | SingleLookup<Traits>>()
    expect(either.kind === 'single' ? either.profile.firstName : undefined).toBe('Joe')
  })

  it('keeps fields Intilery adds, at every level', async () => {
    const profile = {
      ...joe,
      website: 'www.intilery.com',
      computed: { number_email_delivered_all_time: 9 },
      marketingPreferences: {
        channels: [{ channel: 'email', subscribed: true, since: '2020' }],
        note: 'x',
      },
    }
    const single = await setup(answering(profile)).client.traits(createProfileRef('userId', 'u'))
    expect(single.profile).toEqual(profile)
    const list = await setup(answering({ data: [profile], total: 1 })).client.traits(
      createProfileRef('email', 'a@b.c')
    )
    expect(list.profiles).toEqual([profile])
    const meta = {
      id: 'p1',
      _subscriptionId: 'abc',
      firstEvent: { email_sent: { eventId: 'e', eventTime: 't', sendType: 'email' } },
    }
    expect(
      (await setup(answering(meta)).client.meta(createProfileRef('id', 'p1'))).profile
    ).toEqual(meta)
  })
})

describe('validation before sending', () => {
  it.each<[string, ProfileRef]>([
    ['an unknown id type', { type: 'phone', value: '123' } as unknown as ProfileRef],
    ['an empty id', { type: 'userId', value: '' }],
    ['an over-long id', { type: 'id', value: 'x'.repeat(1025) }],
    ['an invalid email', { type: 'email', value: 'not-an-email' }],
    ['a lone surrogate', { type: 'anonymousId', value: 'a\uD800' }],
  ])('rejects %s with ValidationError and sends nothing', async (_name, ref) => {
    const fetch = answering(joe)
    const { client } = setup(fetch)
    await expect(client.traits(ref)).rejects.toBeInstanceOf(ValidationError)
    await expect(client.meta(ref)).rejects.toBeInstanceOf(ValidationError)
    await expect(client.audiences(ref)).rejects.toBeInstanceOf(ValidationError)
    await expect(client.events(ref)).rejects.toBeInstanceOf(ValidationError)
    expect(() => client.iterateEvents(ref)).toThrow(ValidationError)
    expect(fetch).not.toHaveBeenCalled()
  })
})

describe('listProfiles', () => {
  const page = {
    data: [{ id: 'p1', lastActivityTime: '2020-11-19T13:39:17.380Z', extra: true }],
    from: 2,
    size: 10,
    total: 57,
  }

  it('GETs …/v1/profiles?from=&size= and reports the page', async () => {
    const fetch = answering(page)
    const result = await setup(fetch).client.listProfiles({ from: 2, size: 10 })
    expect(urlOf(fetch)).toBe(`${ROOT}?from=2&size=10`)
    expect(result).toEqual({
      profiles: page.data,
      from: 2,
      size: 10,
      total: 57,
      requestId: 'req-1',
    })
  })

  it('defaults to the first page of 100', async () => {
    const fetch = answering({ data: [] })
    const result = await setup(fetch).client.listProfiles()
    expect(urlOf(fetch)).toBe(`${ROOT}?from=0&size=100`)
    expect(result).toMatchObject({ profiles: [], from: 0, size: 100, total: undefined })
  })

  it.each([
    { from: -1 },
    { from: 1.5 },
    { size: 0 },
    { size: 101 },
    { size: 2.5 },
    { from: Number.NaN },
  ])('rejects %o with InvalidRequestError and sends nothing', async (query) => {
    const fetch = answering(page)
    await expect(setup(fetch).client.listProfiles(query)).rejects.toBeInstanceOf(
      InvalidRequestError
    )
    expect(fetch).not.toHaveBeenCalled()
  })
})
