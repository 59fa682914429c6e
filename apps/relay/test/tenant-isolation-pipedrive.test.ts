// Tenant isolation through the Pipedrive routes: a viewer of one Pipedrive company reads its own
// company's CRM records and the Intilery brand of the tenant that company is linked to, through
// the JSON panel and every custom panel route; a token for one company never opens another's.
import { describe, expect, it } from 'vitest'

import {
  CUSTOM_PANEL_SECRET,
  CUSTOMERS,
  ONLY_IN,
  OWN,
  PANEL_SECRET,
  PERSON,
  SETUP,
  TENANT_NAMES,
  other,
  useTwoTenantHarness,
  type TenantName,
} from './two-tenant-harness.ts'

const harness = useTwoTenantHarness()

const viewerOf = (name: TenantName) => ({
  companyId: SETUP[name].company,
  userId: SETUP[name].pipedriveUser,
})

type Viewer = ReturnType<typeof viewerOf>

/** The JSON panel request Pipedrive sends `viewer` for a person's detail view. */
async function jsonPanel(viewer: Viewer, person: number, signedFor: Viewer = viewer) {
  const query = new URLSearchParams({
    resource: 'person',
    view: 'details',
    ...viewer,
    selectedIds: String(person),
    isShared: 'false',
    token: await harness().pipedriveToken(signedFor, PANEL_SECRET),
  })
  return harness().get(`/pipedrive/v1/panel?${query.toString()}`)
}

/** A custom panel API call with the SDK token of `name`'s installed user. */
async function panelApi(name: TenantName, path: string) {
  const token = await harness().pipedriveToken(viewerOf(name), CUSTOM_PANEL_SECRET)
  return harness().get(`/pipedrive/v1${path}`, `Bearer ${token}`)
}

type PanelObject = Record<string, unknown> & { header: string }

describe.each(TENANT_NAMES)('a Pipedrive viewer of %s’s company', (name) => {
  const own = OWN[name]
  const foreign = CUSTOMERS[ONLY_IN[other(name)]]
  const { clientId, accountId } = SETUP[name].intilery

  it('sees its own tenant’s record of a customer both tenants have in the JSON panel', async () => {
    const { status, body, text } = await jsonPanel(viewerOf(name), PERSON.shared)
    expect(status).toBe(200)
    const [profile, ...events] = body.data as PanelObject[]
    expect(profile).toMatchObject({
      header: `Pat ${own.lastName}`,
      intilery_id: harness().recordOf(name, 'shared').id,
      details: `Plan: ${own.plan}`,
    })
    expect(events.map((e) => e.header)).toContain(own.event)
    // The link opens the customer's record in the tenant's own Intilery account.
    expect(body.external_link).toEqual({
      url: `https://${clientId}.${accountId}.intilery.com/customers/${harness().recordOf(name, 'shared').id}`,
      label: 'Open in Intilery',
    })
    harness().expectNothingForeign(name, text)
  })

  it('sees its own tenant’s customer in the JSON panel', async () => {
    const { status, body } = await jsonPanel(viewerOf(name), PERSON.own)
    expect(status).toBe(200)
    expect((body.data as PanelObject[])[0]).toMatchObject({
      intilery_id: harness().recordOf(name, ONLY_IN[name]).id,
      email: CUSTOMERS[ONLY_IN[name]].email,
    })
  })

  it('shows no customer for a person whose customer only the other tenant has', async () => {
    const { status, body, text } = await jsonPanel(viewerOf(name), PERSON.othersCustomer)
    expect(status).toBe(200)
    // One object saying there is no customer (its wording is the panel's own business).
    const data = body.data as PanelObject[]
    expect(data).toHaveLength(1)
    expect(data[0]?.header).toMatch(/^No Intilery customer/)
    expect(data[0]).not.toHaveProperty('intilery_id')
    harness().expectNothingForeign(name, text)
  })

  it('resolves its own company’s persons and matches them in its own tenant', async () => {
    const shared = await panelApi(name, `/subject?resource=person&id=${PERSON.shared}`)
    expect(shared.body).toEqual({
      resource: 'person',
      id: PERSON.shared,
      emails: [CUSTOMERS.shared.email],
      lookup: { type: 'email', value: CUSTOMERS.shared.email },
    })
    // Person 102 is a different person in each company: the tenant's own customer.
    const mine = CUSTOMERS[ONLY_IN[name]].email
    expect((await panelApi(name, `/subject?resource=person&id=${PERSON.own}`)).body).toMatchObject({
      emails: [mine],
      lookup: { type: 'email', value: mine },
    })
    const theirs = await panelApi(name, `/subject?resource=person&id=${PERSON.othersCustomer}`)
    expect(theirs.body).toEqual({
      resource: 'person',
      id: PERSON.othersCustomer,
      emails: [foreign.email],
      reason: 'no_profile',
    })
  })

  it('reads the shared customer’s context, events and traits from its own tenant', async () => {
    const email = encodeURIComponent(CUSTOMERS.shared.email)
    const id = harness().recordOf(name, 'shared').id
    const context = await panelApi(name, `/context?email=${email}`)
    expect(context.status).toBe(200)
    expect(context.body).toMatchObject({
      match: 'one',
      profiles: [{ id, lastName: own.lastName, traits: { plan: own.plan } }],
    })
    const events = await panelApi(name, `/events?ref=email:${email}`)
    expect(events.status).toBe(200)
    const entries = events.body.entries as { title: { values?: { name?: string } } }[]
    expect(entries.map((e) => e.title.values?.name)).toContain(own.event)
    const traits = await panelApi(name, `/traits?ref=userId:${CUSTOMERS.shared.userId}`)
    expect(traits.status).toBe(200)
    expect(traits.body.traits).toMatchObject({
      kind: 'single',
      profile: { id, lastName: own.lastName, plan: own.plan },
    })
    for (const answer of [context, events, traits])
      harness().expectNothingForeign(name, answer.text)
  })

  it.each([
    ['context', () => `/context?email=${encodeURIComponent(foreign.email)}`],
    ['events', () => `/events?ref=userId:${foreign.userId}`],
    ['traits', () => `/traits?ref=email:${encodeURIComponent(foreign.email)}`],
  ])('finds no customer that only the other tenant has (%s)', async (_, path) => {
    const { status, body, text } = await panelApi(name, path())
    expect(status).toBe(404)
    expect(body).toMatchObject({ error: { code: 'not_found' } })
    harness().expectNothingForeign(name, text)
  })

  it('records its reads in the audit log under its own tenant', async () => {
    const since = new Date()
    const { requestId } = await panelApi(
      name,
      `/context?email=${encodeURIComponent(CUSTOMERS.shared.email)}`
    )
    const entries: { tenantId: string; channel: string }[] = []
    for await (const entry of harness().store.audit.export(since))
      if (entry.requestId === requestId) entries.push(entry)
    expect(entries.map((e) => [e.tenantId, e.channel])).toEqual([[name, 'pipedrive']])
  })
})

describe.each(TENANT_NAMES)('a Pipedrive token for %s’s company', (name) => {
  const them = other(name)

  it('is refused by the JSON panel of the other company', async () => {
    // Pipedrive's request names the other company; the token signed for this one says otherwise.
    const { status, text } = await jsonPanel(viewerOf(them), PERSON.shared, viewerOf(name))
    expect(status).toBe(401)
    for (const marker of [...harness().foreignMarkers(name), ...harness().foreignMarkers(them)])
      expect(text).not.toContain(marker)
  })

  it('lends its user’s install to nobody in the other company', async () => {
    // A token naming the other company but this company's installed user: that user never
    // installed the app there, so there is nothing to read the other company's CRM with.
    const crossed = { companyId: SETUP[them].company, userId: SETUP[name].pipedriveUser }
    const sdk = await harness().pipedriveToken(crossed, CUSTOM_PANEL_SECRET)
    const email = encodeURIComponent(CUSTOMERS.shared.email)
    for (const path of [
      `/subject?resource=person&id=${PERSON.shared}`,
      `/context?email=${email}`,
    ]) {
      const { status, body } = await harness().get(`/pipedrive/v1${path}`, `Bearer ${sdk}`)
      expect(status).toBe(403)
      expect(body).toMatchObject({ error: { code: 'not_connected' } })
    }
    const panel = await jsonPanel(crossed, PERSON.shared)
    expect(panel.status).toBe(403)
    expect(panel.body).toMatchObject({ error: { title: 'Connect Pipedrive' } })
  })
})
