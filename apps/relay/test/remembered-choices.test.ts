// The agent's remembered choice among customers sharing an email (`PUT`/`DELETE …/choice`, and the
// context's `choice`), through both host apps over the real store: authenticated like /context,
// kept under the installation the caller's token speaks for (Zendesk: subdomain and installation;
// Pipedrive: company, plus the record), so no caller reads or writes another tenant's or
// installation's; refused when malformed; answered only while the id is among the matches; and
// logged without the requester.
import { customerContextSchema } from '@intilery-connect/core'
import { SEEDED } from '@intilery-connect/sandbox'
import { describe, expect, it } from 'vitest'

import {
  CUSTOM_PANEL_SECRET,
  SETUP,
  useTwoTenantHarness,
  type TenantName,
} from './two-tenant-harness.ts'

const harness = useTwoTenantHarness()
const EMAIL = SEEDED.sharedEmail
const lookup = { type: 'email', value: EMAIL } as const

const zendesk = async (name: TenantName, installation?: string) => {
  const { subdomain, zendeskSecret } = SETUP[name]
  const claims = installation === undefined ? {} : { installation_id: installation }
  return `Bearer ${await harness().zendeskToken(subdomain, zendeskSecret, claims)}`
}
const pipedrive = async (
  name: TenantName,
  { company, pipedriveUser }: { company: string; pipedriveUser: string } = SETUP[name]
) => {
  const claims = { companyId: company, userId: pipedriveUser }
  return `Bearer ${await harness().pipedriveToken(claims, CUSTOM_PANEL_SECRET)}`
}

async function call(
  method: 'GET' | 'PUT' | 'DELETE',
  path: string,
  authorization: string | undefined,
  body?: unknown
) {
  const headers: Record<string, string> = {}
  if (authorization !== undefined) headers.authorization = authorization
  if (body !== undefined) headers['content-type'] = 'application/json'
  const response = await harness().app.request(path, {
    method,
    headers,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

/** The context for the shared email; its match ids and remembered choice. */
async function context(base: string, authorization: string, query = '') {
  const answer = await call(
    'GET',
    `${base}/context?email=${encodeURIComponent(EMAIL)}${query}`,
    authorization
  )
  expect(answer.status).toBe(200)
  const parsed = customerContextSchema.parse(answer.body)
  expect(parsed.match).toBe('many')
  return { ids: parsed.profiles.map((profile) => profile.id), choice: parsed.choice?.id }
}

describe('a Zendesk agent’s remembered choice', () => {
  const base = '/zendesk/v1'

  it('needs the Zendesk proxy’s token, like /context', async () => {
    expect((await call('PUT', `${base}/choice`, undefined, { lookup, id: 'x' })).status).toBe(401)
    const forged = `Bearer ${await harness().zendeskToken('acme', 'not-the-secret', { installation_id: '1' })}`
    expect((await call('PUT', `${base}/choice`, forged, { lookup, id: 'x' })).status).toBe(401)
    const query = `email=${encodeURIComponent(EMAIL)}`
    expect((await call('DELETE', `${base}/choice?${query}`, undefined)).status).toBe(401)
  })

  it('is answered with the context for its installation only, until forgotten', async () => {
    const mine = await zendesk('acme', '360001')
    const { ids, choice } = await context(base, mine)
    expect(ids.length).toBeGreaterThan(1)
    expect(choice).toBeUndefined()
    const chosen = ids[1] ?? ''

    const put = await call('PUT', `${base}/choice`, mine, { lookup, id: chosen })
    expect(put).toEqual({ status: 200, body: { choice: { id: chosen } } })
    expect((await context(base, mine)).choice).toBe(chosen)

    // Another installation of the same Zendesk, an older app naming none, another tenant's Zendesk.
    expect((await context(base, await zendesk('acme', '360002'))).choice).toBeUndefined()
    expect((await context(base, await zendesk('acme'))).choice).toBeUndefined()
    expect((await context(base, await zendesk('globex', '360001'))).choice).toBeUndefined()

    // Emails compare case-insensitively, as Intilery's do: the upper-case one forgets it.
    const forget = await call(
      'DELETE',
      `${base}/choice?email=${encodeURIComponent(EMAIL.toUpperCase())}`,
      mine
    )
    expect(forget).toEqual({ status: 200, body: { choice: null } })
    expect((await context(base, mine)).choice).toBeUndefined()
  })

  it('cannot be written for another installation or Zendesk: the scope is the token’s', async () => {
    const mine = await zendesk('acme', '360003')
    const { ids } = await context(base, mine)
    // A scope in the request is refused rather than trusted.
    const scoped = await call('PUT', `${base}/choice`, mine, {
      lookup,
      id: ids[0],
      scope: 'globex:360003',
    })
    expect(scoped.status).toBe(400)
    expect((await context(base, await zendesk('globex', '360003'))).choice).toBeUndefined()
    // A token without the installation cannot write one at all.
    const older = await call('PUT', `${base}/choice`, await zendesk('acme'), { lookup, id: ids[0] })
    expect(older.status).toBe(400)
    expect(older.body).toMatchObject({ error: { code: 'bad_request' } })
    expect((await context(base, await zendesk('acme'))).choice).toBeUndefined()
  })

  it('is answered only while the chosen customer is among the matches', async () => {
    const mine = await zendesk('acme', '360004')
    const elsewhere = harness().recordOf('acme', 'acmeOnly').id
    expect((await call('PUT', `${base}/choice`, mine, { lookup, id: elsewhere })).status).toBe(200)
    const { ids, choice } = await context(base, mine)
    expect(ids).not.toContain(elsewhere)
    expect(choice).toBeUndefined()
  })

  it.each([
    ['no id', { lookup }],
    ['an empty id', { lookup, id: '' }],
    ['an id over 1024 characters', { lookup, id: 'x'.repeat(1025) }],
    ['an unknown id type', { lookup: { type: 'phone', value: '+44' }, id: 'x' }],
    ['no lookup', { id: 'x' }],
    ['an unknown field', { lookup, id: 'x', remember: 'forever' }],
    ['a body that is not JSON', '{"lookup":'],
  ])('refuses a body with %s', async (_, body) => {
    const answer = await call('PUT', `${base}/choice`, await zendesk('acme', '360005'), body)
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({ error: { code: 'bad_request' } })
  })

  it('refuses a DELETE naming no requester, or two', async () => {
    const mine = await zendesk('acme', '360005')
    expect((await call('DELETE', `${base}/choice`, mine)).status).toBe(400)
    const two = `email=${encodeURIComponent(EMAIL)}&userId=u`
    expect((await call('DELETE', `${base}/choice?${two}`, mine)).status).toBe(400)
  })

  it('is logged like every request, without the requester or the chosen id', async () => {
    const mine = await zendesk('acme', '360006')
    const { ids } = await context(base, mine)
    const before = harness().logs.length
    await call('PUT', `${base}/choice`, mine, { lookup, id: ids[0] })
    await call('PUT', `${base}/choice`, mine, { lookup, id: '' })
    const lines = harness().logs.slice(before)
    expect(lines).toEqual([
      expect.objectContaining({
        method: 'PUT',
        route: `${base}/choice`,
        status: 200,
        tenant: 'acme',
        channel: 'zendesk',
      }),
      expect.objectContaining({
        method: 'PUT',
        route: `${base}/choice`,
        status: 400,
        code: 'bad_request',
      }),
    ])
    const text = JSON.stringify(lines)
    for (const secret of [EMAIL, ids[0] ?? '', 'sam.taylor']) expect(text).not.toContain(secret)
  })
})

describe('a Pipedrive rep’s remembered choice', () => {
  const base = '/pipedrive/v1'
  const person = (id: number) => `&scope=person:${id}`

  it('needs the panel’s SDK token', async () => {
    expect(
      (await call('PUT', `${base}/choice`, undefined, { lookup, id: 'x', scope: 'person:101' }))
        .status
    ).toBe(401)
  })

  it('is kept for the rep’s company and the record, never another company’s', async () => {
    const acme = await pipedrive('acme')
    const { ids, choice } = await context(base, acme, person(101))
    expect(choice).toBeUndefined()
    const chosen = ids[0] ?? ''
    const put = await call('PUT', `${base}/choice`, acme, {
      lookup,
      id: chosen,
      scope: 'person:101',
    })
    expect(put).toEqual({ status: 200, body: { choice: { id: chosen } } })

    expect((await context(base, acme, person(101))).choice).toBe(chosen)
    // Another record of the same company; no record named; the same record in another company.
    expect((await context(base, acme, person(102))).choice).toBeUndefined()
    expect((await context(base, acme)).choice).toBeUndefined()
    expect((await context(base, await pipedrive('globex'), person(101))).choice).toBeUndefined()
    // Another Pipedrive company of the same tenant, with the app installed too.
    const second = { company: '1003', pipedriveUser: '2003' }
    await harness().store.tenants.link('pipedrive', 'acme', second.company)
    await harness().installations.save(second.company, second.pipedriveUser, {
      accessToken: 'second-company-access',
      refreshToken: 'second-company-refresh',
      accessExpiresAt: Date.now() + 3_600_000,
      apiDomain: harness().pipedrives.acme.url,
    })
    const acmeSecond = await pipedrive('acme', second)
    expect((await context(base, acmeSecond, person(101))).choice).toBeUndefined()

    const query = `email=${encodeURIComponent(EMAIL)}&scope=person:101`
    expect((await call('DELETE', `${base}/choice?${query}`, acme)).status).toBe(200)
    expect((await context(base, acme, person(101))).choice).toBeUndefined()
  })

  it.each([
    ['no record', undefined],
    ['a record that is not one', 'company:1002'],
    ['a record id that is not a number', 'person:abc'],
  ])('refuses a choice with %s', async (_, scope) => {
    const body = { lookup, id: 'x', ...(scope === undefined ? {} : { scope }) }
    const answer = await call('PUT', `${base}/choice`, await pipedrive('acme'), body)
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({ error: { code: 'bad_request' } })
  })
})
