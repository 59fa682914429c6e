/**
 * The two tenants of two-tenant-harness.ts and the data that tells them apart: one customer is in
 * both tenants' Intilery brands with different values ({@link OWN}), and each brand has one
 * customer the other lacks. The two Pipedrive companies use the same person ids for different
 * people, so a CRM read under the wrong company shows too.
 */
import type { PipedrivePerson, RunningSandbox } from '@intilery-connect/sandbox'

export type TenantName = 'acme' | 'globex'
export const TENANT_NAMES: readonly TenantName[] = ['acme', 'globex']
export const other = (name: TenantName): TenantName => (name === 'acme' ? 'globex' : 'acme')

/** Everything that tells the tenants apart on the caller's side. */
export const SETUP = {
  acme: {
    intilery: { clientId: 'acme', accountId: 'acme-ac', brandId: 'ACME', authToken: 'acme-tok' },
    subdomain: 'acme',
    zendeskSecret: 'acme-zendesk-secret',
    company: '1001',
    pipedriveUser: '2001',
  },
  globex: {
    intilery: { clientId: 'globex', accountId: 'gx-ac', brandId: 'GLOBEX', authToken: 'gx-tok' },
    subdomain: 'globex',
    zendeskSecret: 'globex-zendesk-secret',
    company: '1002',
    pipedriveUser: '2002',
  },
} as const

/** The customers the harness adds to the tenants' Intilery brands. */
export const CUSTOMERS = {
  shared: { userId: 'iso-shared-1', email: 'pat.shared@example.com' },
  acmeOnly: { userId: 'iso-acme-only-1', email: 'alan.acme-only@example.com' },
  globexOnly: { userId: 'iso-globex-only-1', email: 'gina.globex-only@example.com' },
} as const
export type CustomerKey = keyof typeof CUSTOMERS

/** The customer each tenant has that the other lacks. */
export const ONLY_IN = { acme: 'acmeOnly', globex: 'globexOnly' } as const satisfies Record<
  TenantName,
  CustomerKey
>

/** The values each tenant's Intilery holds for its customers: only that tenant's reads show them. */
export const OWN = {
  acme: {
    lastName: 'Acmeson',
    plan: 'acme-gold',
    event: 'Acme Contract Signed',
    audience: 'audience_acme_vip',
  },
  globex: {
    lastName: 'Globexon',
    plan: 'globex-basic',
    event: 'Globex Trial Started',
    audience: 'audience_globex_trial',
  },
} as const

/**
 * Pipedrive person ids, the same in both companies. In each company person 101 is the shared
 * customer, 102 the tenant's own customer, and 103 the other tenant's customer, whom this
 * tenant's CRM knows but its Intilery does not.
 */
export const PERSON = { shared: 101, own: 102, othersCustomer: 103 } as const

const person = (id: number, name: string, email: string): PipedrivePerson => ({
  id,
  name,
  first_name: name.split(' ')[0] ?? null,
  last_name: name.split(' ')[1] ?? null,
  org_id: null,
  emails: [{ value: email, primary: true, label: 'work' }],
  phones: [],
})

export function personsOf(name: TenantName): PipedrivePerson[] {
  const own = CUSTOMERS[ONLY_IN[name]]
  const others = CUSTOMERS[ONLY_IN[other(name)]]
  return [
    person(PERSON.shared, 'Pat Shared', CUSTOMERS.shared.email),
    person(PERSON.own, 'Own Customer', own.email),
    person(PERSON.othersCustomer, 'Other Customer', others.email),
  ]
}

/** Adds this harness's customers to one tenant's Intilery through its tracking API. */
export async function seedIntilery(name: TenantName, sandbox: RunningSandbox): Promise<void> {
  const post = async (kind: 'identify' | 'track', body: object) => {
    const response = await fetch(`${sandbox.apiRoot}/${kind}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'auth-token': sandbox.config.authToken },
      body: JSON.stringify(body),
    })
    if (!response.ok) throw new Error(`${name}: ${kind} answered ${response.status}`)
  }
  for (const key of ['shared', ONLY_IN[name]] as const) {
    const { userId, email } = CUSTOMERS[key]
    const { lastName, plan, event, audience } = OWN[name]
    await post('identify', { userId, traits: { email, firstName: 'Pat', lastName, plan } })
    await post('track', { userId, event, properties: { tenant: name } })
    // The tracking API cannot place a customer in an audience; the sandbox's store can.
    const [record] = sandbox.store.find({ type: 'userId', value: userId })
    if (record === undefined) throw new Error(`${name}: ${userId} was not ingested`)
    record.audiencesStatic.push(audience)
  }
}
