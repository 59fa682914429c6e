// Tenant isolation through the API-key routes (`/v1/profiles/{ref}/{endpoint}`): a key reads only
// the Intilery brand of the tenant it was issued for, whatever customer it names, and a key
// cannot be made into another tenant's by mixing the parts of two keys.
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

const ENDPOINTS = ['traits', 'meta', 'metadata', 'audiences', 'events'] as const
type Endpoint = (typeof ENDPOINTS)[number]

const withKey = (name: TenantName, ref: string, endpoint: Endpoint) =>
  harness().get(`/v1/profiles/${ref}/${endpoint}`, `Bearer ${harness().apiKeys[name]}`)

const refs = (key: keyof typeof CUSTOMERS) => [
  `userId:${CUSTOMERS[key].userId}`,
  `email:${encodeURIComponent(CUSTOMERS[key].email)}`,
]

/** One profile for a userId; a `{ data: [...] }` list for an email (it may match several). */
const profilesOf = (body: Record<string, unknown>) =>
  (Array.isArray(body.data) ? body.data : [body]) as Record<string, unknown>[]

/** What each endpoint's answer must show for it to be this tenant's record of the customer. */
function expectOwnRecord(name: TenantName, endpoint: Endpoint, body: Record<string, unknown>) {
  const own = OWN[name]
  const id = harness().recordOf(name, 'shared').id
  if (endpoint === 'events') {
    const events = body.data as { id: string; brandId: string; rawData: { event: string } }[]
    expect(events.map((e) => e.rawData.event)).toContain(own.event)
    for (const event of events) {
      expect(event.id).toBe(id)
      expect(event.brandId).toBe(SETUP[name].intilery.brandId)
    }
    return
  }
  const [profile, ...more] = profilesOf(body)
  expect(more).toEqual([])
  expect(profile).toMatchObject({ id, lastName: own.lastName, plan: own.plan })
  if (endpoint === 'audiences') expect(profile?.audiencesStatic).toEqual([own.audience])
  if (endpoint === 'meta' || endpoint === 'metadata') {
    const firstEvents = Object.values(profile?.firstEvent as object) as { event: string }[]
    expect(firstEvents.map((e) => e.event)).toContain(own.event)
  }
}

describe.each(TENANT_NAMES)('an API key of %s', (name) => {
  describe.each(ENDPOINTS)('on %s', (endpoint) => {
    it.each(refs('shared'))(
      'reads its own tenant’s record of a customer both tenants have (%s)',
      async (ref) => {
        const { status, body, text } = await withKey(name, ref, endpoint)
        expect(status).toBe(200)
        expectOwnRecord(name, endpoint, body)
        harness().expectNothingForeign(name, text)
      }
    )

    it.each(refs(ONLY_IN[name]))('reads its own tenant’s customer (%s)', async (ref) => {
      const { status, body } = await withKey(name, ref, endpoint)
      expect(status).toBe(200)
      const ids =
        endpoint === 'events'
          ? (body.data as { id: string }[]).map((e) => e.id)
          : profilesOf(body).map((p) => p.id)
      expect(new Set(ids)).toEqual(new Set([harness().recordOf(name, ONLY_IN[name]).id]))
    })

    it.each(refs(ONLY_IN[other(name)]))(
      'finds no customer that only the other tenant has (%s)',
      async (ref) => {
        const { status, body, text } = await withKey(name, ref, endpoint)
        expect(status).toBe(404)
        expect(body).toMatchObject({ error: { code: 'not_found' } })
        harness().expectNothingForeign(name, text)
      }
    )
  })

  it('finds nobody by the other tenant’s Intilery id of the shared customer', async () => {
    const theirs = harness().recordOf(other(name), 'shared').id
    const { status } = await withKey(name, `id:${theirs}`, 'traits')
    expect(status).toBe(404)
    const mine = harness().recordOf(name, 'shared').id
    expect((await withKey(name, `id:${mine}`, 'traits')).status).toBe(200)
  })

  it('records its reads in the audit log under its own tenant', async () => {
    const since = new Date()
    const { requestId } = await withKey(name, refs('shared')[0] ?? '', 'traits')
    const entries: { tenantId: string; channel: string }[] = []
    for await (const entry of harness().store.audit.export(since))
      if (entry.requestId === requestId) entries.push(entry)
    expect(entries.map((e) => [e.tenantId, e.channel])).toEqual([[name, 'api']])
  })
})

describe('API keys across tenants', () => {
  // `icr_<id>_<secret>`: the id picks the stored key, the secret proves it.
  const parts = (key: string) => {
    const match = /^icr_([^_]+)_(.+)$/.exec(key)
    if (match === null) throw new Error(`not a relay key: ${key}`)
    return { id: match[1] ?? '', secret: match[2] ?? '' }
  }

  it.each(TENANT_NAMES)('refuses %s’s key id with the other tenant’s secret', async (name) => {
    const mine = parts(harness().apiKeys[name])
    const theirs = parts(harness().apiKeys[other(name)])
    for (const key of [`icr_${mine.id}_${theirs.secret}`, `icr_${theirs.id}_${mine.secret}`]) {
      const { status } = await harness().get(
        `/v1/profiles/userId:${CUSTOMERS.shared.userId}/traits`,
        `Bearer ${key}`
      )
      expect(status).toBe(401)
    }
  })
})
