// Tenant isolation through the Zendesk sidebar's routes: an agent of one Zendesk subdomain reads
// only the Intilery brand of the tenant that subdomain is installed for, and a token signed for
// one install never opens another.
import { describe, expect, it } from 'vitest'

import {
  CUSTOMERS,
  ONLY_IN,
  OWN,
  SETUP,
  TENANT_NAMES,
  other,
  useTwoTenantHarness,
  type TenantName,
} from './two-tenant-harness.ts'

const harness = useTwoTenantHarness()

const agent = async (name: TenantName, path: string) => {
  const { subdomain, zendeskSecret } = SETUP[name]
  const token = await harness().zendeskToken(subdomain, zendeskSecret)
  return harness().get(`/zendesk/v1${path}`, `Bearer ${token}`)
}

const byEmail = (email: string) => `email=${encodeURIComponent(email)}`

interface ContextBody {
  match: string
  profiles: { id: string; lastName?: string; traits: Record<string, unknown> }[]
}
interface EventsBody {
  entries: { title: { values?: { name?: string } }; raw: { eventId: string } }[]
}
/** An email lookup may match several profiles, so its traits come as a list. */
interface TraitsBody {
  traits: { kind: 'list'; profiles: { id: string; lastName: string; plan: string }[] }
}

describe.each(TENANT_NAMES)('an agent of the %s Zendesk', (name) => {
  const own = OWN[name]
  const foreign = CUSTOMERS[ONLY_IN[other(name)]]

  it.each([
    ['by email', byEmail(CUSTOMERS.shared.email)],
    ['by userId', `userId=${CUSTOMERS.shared.userId}`],
  ])('sees its own tenant’s values of a customer both tenants have (%s)', async (_, query) => {
    const { status, body, text } = await agent(name, `/context?${query}`)
    expect(status).toBe(200)
    const context = body as unknown as ContextBody
    expect(context.match).toBe('one')
    expect(context.profiles[0]).toMatchObject({
      id: harness().recordOf(name, 'shared').id,
      lastName: own.lastName,
      traits: { plan: own.plan },
    })
    expect(text).toContain(own.audience)
    harness().expectNothingForeign(name, text)
  })

  it('sees its own tenant’s customer on every route', async () => {
    const mine = CUSTOMERS[ONLY_IN[name]]
    const context = await agent(name, `/context?${byEmail(mine.email)}`)
    expect(context.status).toBe(200)
    expect((context.body as unknown as ContextBody).profiles[0]?.id).toBe(
      harness().recordOf(name, ONLY_IN[name]).id
    )
    expect((await agent(name, `/events?ref=userId:${mine.userId}`)).status).toBe(200)
    expect((await agent(name, `/traits?ref=userId:${mine.userId}`)).status).toBe(200)
  })

  it('reads the shared customer’s timeline from its own tenant’s brand', async () => {
    const { status, body, text } = await agent(
      name,
      `/events?ref=userId:${CUSTOMERS.shared.userId}`
    )
    expect(status).toBe(200)
    const { entries } = body as unknown as EventsBody
    expect(entries.map((e) => e.title.values?.name)).toContain(own.event)
    // Every row is one of this tenant's brand's events (the rows name no brand: panel-entries.ts).
    const ownEvents = new Set(
      harness()
        .recordOf(name, 'shared')
        .events.map((e) => e.event.eventId)
    )
    expect(entries.length).toBeGreaterThan(0)
    for (const entry of entries) expect(ownEvents).toContain(entry.raw.eventId)
    harness().expectNothingForeign(name, text)
  })

  it('reads the shared customer’s traits from its own tenant’s brand', async () => {
    const { status, body, text } = await agent(
      name,
      `/traits?ref=email:${encodeURIComponent(CUSTOMERS.shared.email)}`
    )
    expect(status).toBe(200)
    expect((body as unknown as TraitsBody).traits.profiles).toMatchObject([
      {
        id: harness().recordOf(name, 'shared').id,
        lastName: own.lastName,
        plan: own.plan,
      },
    ])
    harness().expectNothingForeign(name, text)
  })

  it.each([
    ['context by email', () => `/context?${byEmail(foreign.email)}`],
    ['context by userId', () => `/context?userId=${foreign.userId}`],
    [
      'context by the other tenant’s Intilery id',
      () => `/context?id=${harness().recordOf(other(name), ONLY_IN[other(name)]).id}`,
    ],
    ['events', () => `/events?ref=userId:${foreign.userId}`],
    ['traits', () => `/traits?ref=email:${encodeURIComponent(foreign.email)}`],
  ])('finds no customer that only the other tenant has (%s)', async (_, path) => {
    const { status, body, text } = await agent(name, path())
    expect(status).toBe(404)
    expect(body).toMatchObject({ error: { code: 'not_found' } })
    harness().expectNothingForeign(name, text)
  })

  it('records its reads in the audit log under its own tenant', async () => {
    const since = new Date()
    const { requestId } = await agent(name, `/context?${byEmail(CUSTOMERS.shared.email)}`)
    const entries = []
    for await (const entry of harness().store.audit.export(since))
      if (entry.requestId === requestId) entries.push(entry)
    expect(entries.map((e) => [e.tenantId, e.channel, e.outcome])).toEqual([
      [name, 'zendesk', 'ok'],
    ])
  })
})

describe('Zendesk tokens across installs', () => {
  it.each(TENANT_NAMES)(
    'refuses a token signed with %s’s shared secret that names the other subdomain',
    async (name) => {
      const token = await harness().zendeskToken(
        SETUP[other(name)].subdomain,
        SETUP[name].zendeskSecret
      )
      for (const path of [
        `/context?${byEmail(CUSTOMERS.shared.email)}`,
        `/events?ref=userId:${CUSTOMERS.shared.userId}`,
        `/traits?ref=userId:${CUSTOMERS.shared.userId}`,
      ]) {
        const { status, body } = await harness().get(`/zendesk/v1${path}`, `Bearer ${token}`)
        expect(status).toBe(401)
        expect(body).toMatchObject({ error: { code: 'unauthenticated' } })
      }
    }
  )

  it('refuses a subdomain no tenant has installed, whichever tenant’s secret signed it', async () => {
    for (const name of TENANT_NAMES) {
      const token = await harness().zendeskToken('initech', SETUP[name].zendeskSecret)
      const { status } = await harness().get(
        `/zendesk/v1/context?${byEmail(CUSTOMERS.shared.email)}`,
        `Bearer ${token}`
      )
      expect(status).toBe(401)
    }
  })
})
