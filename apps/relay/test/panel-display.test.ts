// The host apps' context answer carries the caller's tenant's display (presentation settings and
// Intilery record link), through the production tenant cache and the real store, on the Zendesk
// and the Pipedrive custom panel routes; API keys' answers do not. A change made in the store (as
// `relay tenants presentation set` makes it, from another process) shows on the next request.
import { customerContextSchema, type Presentation } from '@intilery-connect/core'
import { afterEach, describe, expect, it } from 'vitest'

import {
  CUSTOMERS,
  CUSTOM_PANEL_SECRET,
  SETUP,
  TENANT_NAMES,
  other,
  useTwoTenantHarness,
  type TenantName,
} from './two-tenant-harness.ts'

const harness = useTwoTenantHarness()

const byEmail = `email=${encodeURIComponent(CUSTOMERS.shared.email)}`

const callers = {
  zendesk: async (name: TenantName) => {
    const { subdomain, zendeskSecret } = SETUP[name]
    const token = await harness().zendeskToken(subdomain, zendeskSecret)
    return harness().get(`/zendesk/v1/context?${byEmail}`, `Bearer ${token}`)
  },
  'pipedrive custom panel': async (name: TenantName) => {
    const viewer = { companyId: SETUP[name].company, userId: SETUP[name].pipedriveUser }
    const token = await harness().pipedriveToken(viewer, CUSTOM_PANEL_SECRET)
    return harness().get(`/pipedrive/v1/context?${byEmail}`, `Bearer ${token}`)
  },
} as const

const defaultLink = (name: TenantName) =>
  `https://${SETUP[name].intilery.clientId}.${SETUP[name].intilery.accountId}.intilery.com/customers/{id}`

const presentationOf = (name: TenantName): Presentation => ({
  header: [
    { trait: 'plan', label: { en: `${name} plan`, de: `${name}-Tarif` }, format: 'text' },
    { trait: 'lifetime_value', format: 'money', currency: 'GBP' },
  ],
  audienceNames: { [`audience_${name}_vip`]: `${name} VIPs` },
})

afterEach(async () => {
  for (const name of TENANT_NAMES)
    await harness().store.presentations.set(name, { presentation: null, recordUrl: null })
})

describe.each(Object.keys(callers) as (keyof typeof callers)[])('the %s context answer', (via) => {
  const read = callers[via]

  it.each(TENANT_NAMES)(
    'carries %s’s defaults and record link when nothing is set',
    async (name) => {
      const { status, body } = await read(name)
      expect(status).toBe(200)
      expect(body.display).toEqual({ presentation: {}, recordUrl: defaultLink(name) })
      // Still the contract the apps check every answer against.
      expect(customerContextSchema.safeParse(body).success).toBe(true)
    }
  )

  it.each(TENANT_NAMES)(
    'shows a change to %s’s settings on the next request, and only to it',
    async (name) => {
      expect((await read(name)).body.display).toEqual({
        presentation: {},
        recordUrl: defaultLink(name),
      })
      await harness().store.presentations.set(name, {
        presentation: presentationOf(name),
        recordUrl: `https://crm.${name}.example/customers/{id}`,
      })
      const after = await read(name)
      expect(after.body.display).toEqual({
        presentation: presentationOf(name),
        recordUrl: `https://crm.${name}.example/customers/{id}`,
      })
      expect(after.body.profiles).toEqual((await read(name)).body.profiles)
      // The other tenant's callers keep their own.
      const theirs = await read(other(name))
      expect(theirs.body.display).toEqual({ presentation: {}, recordUrl: defaultLink(other(name)) })
      expect(theirs.text).not.toContain(`${name} plan`)

      await harness().store.presentations.set(name, { presentation: null, recordUrl: null })
      expect((await read(name)).body.display).toEqual({
        presentation: {},
        recordUrl: defaultLink(name),
      })
    }
  )
})

describe('API keys', () => {
  it.each(['meta', 'traits', 'audiences', 'events'])(
    'get no display on %s, even when the tenant has one',
    async (endpoint) => {
      await harness().store.presentations.set('acme', { presentation: presentationOf('acme') })
      const { status, body, text } = await harness().get(
        `/v1/profiles/userId:${CUSTOMERS.shared.userId}/${endpoint}`,
        `Bearer ${harness().apiKeys.acme}`
      )
      expect(status).toBe(200)
      expect(body).not.toHaveProperty('display')
      expect(text).not.toContain('acme plan')
      expect(text).not.toContain('intilery.com/customers')
    }
  )
})
