// GET /pipedrive/v1/panel: Pipedrive's JSON panel request, accepted and refused, every answer
// checked against the data structure we upload (json-panel-validator.ts).
import { SEEDED } from '@intilery-connect/sandbox'
import { describe, expect, it } from 'vitest'

import { assertValidPanel, assertValidPanelError } from './json-panel-validator.ts'
import {
  ADMIN,
  CLIENT_ID,
  CLIENT_SECRET,
  COMPANY,
  CUSTOM_PANEL_SECRET,
  REP,
  useHarness,
} from './pipedrive-harness.ts'

const harness = useHarness([ADMIN])

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

type PanelObject = Record<string, unknown> & { id: number; header: string }

async function panel(url: string, init?: RequestInit) {
  const response = await fetch(url, init)
  const body = (await response.json()) as Record<string, unknown>
  if (response.ok) assertValidPanel(body)
  else assertValidPanelError(body)
  return { status: response.status, body, data: (body.data ?? []) as PanelObject[] }
}

const errorOf = (body: Record<string, unknown>) =>
  body.error as { title: string; subtitle?: string; action?: { url: string; label: string } }

describe('the JSON panel for a customer Intilery knows', () => {
  it('shows Joe Bloggs: the profile first, then his notable events, within Pipedrive’s limits', async () => {
    const { status, body, data } = await panel(await harness().panelUrl('person', 1))
    expect(status).toBe(200)
    const [profile, ...events] = data
    expect(profile).toMatchObject({
      id: 1,
      header: 'Joe Bloggs',
      email: SEEDED.joeBloggs.email,
      intilery_id: SEEDED.joeBloggs.id,
      profile_link: { external: true, label: 'Open in Intilery' },
    })
    expect(profile?.last_active).toMatch(ISO_TIME)
    // The header's facts lead (computed traits, read beside the context).
    expect(profile?.facts).toContain('Churn risk: Low')
    // Then his other key traits.
    expect(profile?.details).toBe(
      'Organisation: Intilery · Industry: Other · Website: www.intilery.com'
    )
    // He has more notable events than fit: the profile and nine events, Pipedrive's ten objects.
    expect(data.map((object) => object.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    for (const event of events) {
      expect(typeof (event.event_type as { label?: unknown } | undefined)?.label).toBe('string')
      expect(event.event_time).toMatch(ISO_TIME)
    }
    // Newest first.
    const times = events.map((event) => String(event.event_time))
    expect(times).toEqual([...times].sort().reverse())
    expect(body.external_link).toMatchObject({ label: 'Open in Intilery' })
  })

  it('finds a deal’s contact person', async () => {
    const { data } = await panel(await harness().panelUrl('deal', 1))
    expect(data[0]).toMatchObject({ header: 'Joe Bloggs' })
  })

  it('tries every email of a person, and says which one matched', async () => {
    const { data } = await panel(await harness().panelUrl('person', 3))
    expect(data[0]).toMatchObject({
      header: 'Zoë Çelik',
      note: `Matched on ${SEEDED.unicode.email}.`,
    })
  })

  it('leads with the facts and shows the latest orders with their id and total', async () => {
    const { data } = await panel(await harness().panelUrl('person', 8))
    const [profile, ...events] = data
    expect(profile).toMatchObject({
      header: `${SEEDED.highValue.firstName} ${SEEDED.highValue.lastName}`,
    })
    expect(String(profile?.facts)).toMatch(/^Lifetime value: £[\d,]+\.\d\d · Orders: \d+ · /)
    // Her orders are older than her latest browsing: read on their own, they still show.
    const orders = events.filter((event) => event.order_id !== undefined)
    expect(orders.length).toBeGreaterThan(0)
    for (const order of orders) {
      expect(order.order_id).toMatch(/^HP-\d+$/)
      expect((order.value as { code: string }).code).toMatch(/^[A-Z]{3}$/)
      expect(order.event_time).toMatch(ISO_TIME)
    }
  })

  it('counts the customers sharing a person’s email and links to where the rep chooses', async () => {
    const { data } = await panel(await harness().panelUrl('person', 2))
    expect(data[0]).toMatchObject({
      header: 'Sam Taylor',
      note: '2 Intilery customers share this email: this is the most recently active.',
      pipedrive_link: {
        label: 'Choose one in the Intilery panel',
        value: `${harness().pipedrive.url}/person/2`,
        external: true,
      },
    })
  })

  it('leads with the customer the rep chose in the custom panel on that record, and says so', async () => {
    const before = await panel(await harness().panelUrl('person', 2))
    const shown = before.data[0]?.intilery_id
    // The context the custom panel reads on person 2 lists both customers; the rep picks the other.
    const token = await harness().token({}, CUSTOM_PANEL_SECRET)
    const api = (method: string, path: string, body?: unknown) =>
      fetch(`${harness().relayUrl}/pipedrive/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
    const email = String(before.data[0]?.email)
    const context = (await (
      await api('GET', `/context?email=${encodeURIComponent(email)}&scope=person:2`)
    ).json()) as { profiles: { id: string }[] }
    const other = context.profiles.map((p) => p.id).find((id) => id !== shown)
    expect(other).toBeDefined()
    const lookup = { type: 'email', value: email }
    const clear = (scope: string) =>
      api('DELETE', `/choice?email=${encodeURIComponent(email)}&scope=${scope}`)
    try {
      // A choice kept for another record is that record's, not this one's.
      expect((await api('PUT', '/choice', { lookup, id: other, scope: 'person:9' })).status).toBe(
        200
      )
      expect((await panel(await harness().panelUrl('person', 2))).data[0]).toMatchObject({
        intilery_id: shown,
        note: '2 Intilery customers share this email: this is the most recently active.',
      })
      expect((await api('PUT', '/choice', { lookup, id: other, scope: 'person:2' })).status).toBe(
        200
      )
      const { data } = await panel(await harness().panelUrl('person', 2))
      const [profile, ...events] = data
      expect(profile).toMatchObject({
        intilery_id: other,
        note: '2 Intilery customers share this email: this is the one chosen in the Intilery panel.',
      })
      // Its events are the chosen customer's own, not everyone's with the email.
      const [record] = harness().sandbox.store.find({ type: 'id', value: String(other) })
      const own = new Set(record?.events.map((stored) => stored.event.eventTime))
      expect(events.length).toBeGreaterThan(0)
      expect(events.filter((event) => !own.has(String(event.event_time)))).toEqual([])
      // A deal whose contact is that person: the panel's link led the rep to the person's page,
      // where the choice was made, so the deal's panel follows it too.
      // The stand-in's dataset is an array it reads on each request; read-only to its readers.
      const deals = harness().pipedrive.data.deals as unknown as unknown[]
      const [template] = harness().pipedrive.data.deals
      if (template === undefined) throw new Error('no deal in the dataset')
      deals.push({ ...template, id: 99, title: 'Shared-email deal', person_id: 2, org_id: 2 })
      try {
        expect((await panel(await harness().panelUrl('deal', 99))).data[0]).toMatchObject({
          intilery_id: other,
          note: '2 Intilery customers share this email: this is the one chosen in the Intilery panel.',
        })
      } finally {
        deals.splice(deals.length - 1, 1)
      }
    } finally {
      expect((await clear('person:2')).status).toBe(200)
      expect((await clear('person:9')).status).toBe(200)
    }
    expect((await panel(await harness().panelUrl('person', 2))).data[0]?.intilery_id).toBe(shown)
  })

  it('rolls an organization’s people up into one account, each person named', async () => {
    const { data } = await panel(await harness().panelUrl('organization', 2))
    const [account, ...people] = data
    expect(account).toMatchObject({
      header: 'Account overview',
      facts: '3 of 6 people known to Intilery',
      people: 'Sam Taylor, Bobby <img src=x onerror=alert(1)> Tables, and Priya Patel',
    })
    expect(account?.value).toMatchObject({ code: 'GBP' })
    expect(account?.last_active).toMatch(ISO_TIME)
    expect(people.map((p) => [p.header, (p.pipedrive_link as { value: string }).value])).toEqual([
      ['Sam Taylor', `${harness().pipedrive.url}/person/2`],
      ['Bobby <img src=x onerror=alert(1)> Tables', `${harness().pipedrive.url}/person/5`],
      ['Priya Patel', `${harness().pipedrive.url}/person/6`],
    ])
    // The account's total is the sum of its people's values (one currency here).
    const sum = people.reduce(
      (total, p) => total + ((p.value as { value?: number })?.value ?? 0),
      0
    )
    expect((account?.value as { value: number }).value).toBeCloseTo(sum, 2)
  })

  it('speaks the language of Accept-Language, best match first, else English', async () => {
    const url = await harness().panelUrl('organization', 3)
    const german = await panel(url, { headers: { 'accept-language': 'fr;q=0.5, de-AT, en;q=0.8' } })
    expect(german.data[0]).toMatchObject({
      header: 'Kontoübersicht',
      facts: '5 von 6 Personen bei Intilery bekannt',
    })
    expect(german.body.external_link).toMatchObject({ label: 'In Intilery öffnen' })
    const unknown = await panel(url, { headers: { 'accept-language': 'zh-CN, ko' } })
    expect(unknown.data[0]).toMatchObject({ header: 'Account overview' })
  })

  it('keeps hostile Pipedrive and Intilery values as plain text', async () => {
    const { data } = await panel(await harness().panelUrl('person', 5))
    // The hostile customer's own values arrive verbatim, as data, never as markdown; an email with
    // markup in it stays out of Pipedrive's typed email field, which could break the whole panel.
    expect(data[0]?.user_id).toBe(SEEDED.hostile.userId)
    expect(data[0]?.email).toBeUndefined()
    expect(JSON.stringify(data)).not.toContain('"markdown"')
  })

  it('reads through the admin’s install for a shared panel, only while the admin shares it', async () => {
    const url = async () =>
      harness().panelUrl('person', 1, {
        userId: REP,
        isShared: 'true',
        token: await harness().token({ userId: Number(REP) }),
      })
    const visibility = (isShared: boolean) =>
      fetch(`${harness().relayUrl}/pipedrive/oauth/callback`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Basic ${btoa(`${CLIENT_ID}:${CLIENT_SECRET}`)}`,
        },
        body: JSON.stringify({ company_id: 1001, user_id: Number(ADMIN), isShared }),
      })
    // `isShared` in the query alone lends nothing: it is not part of the signed token.
    expect((await panel(await url())).status).toBe(403)
    expect((await visibility(true)).status).toBe(204)
    const { status, data } = await panel(await url())
    expect(status).toBe(200)
    expect(data[0]).toMatchObject({ header: 'Joe Bloggs' })
    expect((await visibility(false)).status).toBe(204)
    expect((await panel(await url())).status).toBe(403)
  })
})

describe('the JSON panel when there is no customer to show', () => {
  it.each([
    // The custom panel's words (core's catalogue), so both panels say the same.
    ['person', 4, 'This person has no email address.'],
    ['deal', 2, 'This deal has no contact person.'],
    ['person', 7, 'No Intilery customer matches nobody.known@example.com.'],
    ['person', 999, 'Pipedrive could not find this person.'],
  ])('%s %i: says "%s"', async (resource, id, header) => {
    const { status, data } = await panel(await harness().panelUrl(resource, id))
    expect(status).toBe(200)
    expect(data).toHaveLength(1)
    expect(data[0]?.header).toBe(header)
  })
})

describe('the JSON panel refuses', () => {
  it.each([
    ['no token', { token: undefined }],
    ['a token for another user', 'other-user'],
    ['an expired token', 'expired'],
    ['a tampered token', 'tampered'],
    ['a token signed with the client secret when the panel has its own', 'client-secret'],
    ['alg none', 'none'],
  ] as const)('%s: 401 "Not authorized"', async (_, how) => {
    let overrides: Record<string, string | undefined>
    if (typeof how === 'object') overrides = how
    else if (how === 'other-user')
      overrides = { token: await harness().token({ userId: Number(REP) }) }
    else if (how === 'expired')
      overrides = { token: await harness().token({ iat: 1_600_000_000, exp: 1_600_000_300 }) }
    else if (how === 'client-secret')
      overrides = { token: await harness().token({}, CLIENT_SECRET) }
    else if (how === 'none') {
      const payload = Buffer.from(
        JSON.stringify({
          userId: 2001,
          companyId: 1001,
          iat: Math.floor(harness().clock.ms / 1000),
        })
      ).toString('base64url')
      overrides = { token: `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.` }
    } else {
      const [head, , signature] = (await harness().token()).split('.')
      const forged = Buffer.from(JSON.stringify({ userId: 2001, companyId: 1002 })).toString(
        'base64url'
      )
      overrides = { token: `${head}.${forged}.${signature}`, companyId: '1002' }
    }
    const { status, body } = await panel(await harness().panelUrl('person', 1, overrides))
    expect(status).toBe(401)
    expect(errorOf(body).title).toBe('Not authorized')
  })

  it('a malformed request: 400 in Pipedrive’s error format', async () => {
    const { status, body } = await panel(await harness().panelUrl('lead', 1))
    expect(status).toBe(400)
    expect(errorOf(body).title).toBe('Bad request')
  })

  it('an unknown company: "Connect Intilery", sending an admin through the install', async () => {
    const url = await harness().panelUrl('person', 1, {
      companyId: '9999',
      token: await harness().token({ companyId: 9999 }),
    })
    const { status, body } = await panel(url)
    expect(status).toBe(403)
    expect(errorOf(body)).toMatchObject({
      title: 'Connect Intilery',
      action: { label: 'Connect Intilery' },
    })
    expect(errorOf(body).action?.url).toBe(`${harness().relayUrl}/pipedrive/oauth/start`)
  })

  it('in the viewer’s language, as the panel speaks it', async () => {
    const url = await harness().panelUrl('person', 1, {
      userId: REP,
      token: await harness().token({ userId: Number(REP) }),
    })
    const { status, body } = await panel(url, { headers: { 'accept-language': 'nl-NL,nl;q=0.9' } })
    expect(status).toBe(403)
    expect(errorOf(body)).toMatchObject({
      title: 'Pipedrive koppelen',
      action: { label: 'Koppelen', url: `${harness().relayUrl}/pipedrive/oauth/start` },
    })
  })

  it('a user who has not installed the app: "Connect Pipedrive"', async () => {
    const url = await harness().panelUrl('person', 1, {
      userId: REP,
      token: await harness().token({ userId: Number(REP) }),
    })
    const { status, body } = await panel(url)
    expect(status).toBe(403)
    expect(errorOf(body)).toMatchObject({
      title: 'Connect Pipedrive',
      action: { url: `${harness().relayUrl}/pipedrive/oauth/start` },
    })
  })
})

describe('the JSON panel across a token’s expiry', () => {
  it('50 concurrent panel requests at expiry cause exactly one refresh', async () => {
    await harness().install(ADMIN)
    harness().clock.ms += 61 * 60_000
    harness().pipedrive.grants.expireAccessTokens()
    const before = harness().pipedrive.grants.tokenCalls.refresh_token
    const urls = await Promise.all(
      Array.from({ length: 50 }, () => harness().panelUrl('person', 1))
    )
    const answers = await Promise.all(urls.map((url) => panel(url)))
    expect(answers.every((a) => a.status === 200)).toBe(true)
    expect(harness().pipedrive.grants.tokenCalls.refresh_token - before).toBe(1)
  })

  it('a revoked refresh token marks the install disconnected: "Reconnect Pipedrive"', async () => {
    await harness().install(ADMIN)
    const grant = harness().pipedrive.grants.grantOf(Number(COMPANY), Number(ADMIN))
    harness().pipedrive.grants.revoke(grant?.refreshToken ?? '', 'refresh_token')
    harness().clock.ms += 61 * 60_000
    const { status, body } = await panel(await harness().panelUrl('person', 1))
    expect(status).toBe(403)
    expect(errorOf(body)).toMatchObject({
      title: 'Reconnect Pipedrive',
      action: { label: 'Reconnect' },
    })
    expect((await harness().installations.get(COMPANY, ADMIN))?.status).toBe('disconnected')
    await harness().install(ADMIN)
    expect((await panel(await harness().panelUrl('person', 1))).status).toBe(200)
  })
})
