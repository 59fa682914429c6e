/**
 * @module store/tenant-schema
 * What a tenant is, at the store's door. Tenant definitions come from a config file, the CLI or an
 * admin call, so they are parsed here rather than trusted: ids and subdomains end up inside the
 * SecretBox context strings and the Zendesk lookup key, and must not be able to collide.
 */
import { z } from 'zod'

import type { IntileryCredentials } from '../ports.ts'

const text = (max: number) => z.string().trim().min(1).max(max)

/** Lower-case slug: it becomes part of sealing contexts, so `:` and spaces are out. */
export const tenantIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, _ and - (at most 64)')

/**
 * A Zendesk subdomain (`acme` of acme.zendesk.com): a DNS label. Stored and looked up lower-case,
 * as DNS and Zendesk treat it.
 */
export const zendeskSubdomainSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i, 'a DNS label: letters, digits and -')
  .transform((subdomain) => subdomain.toLowerCase())

/** Pipedrive company ids are integers; kept as text so ids past 2^53 stay exact. */
export const pipedriveCompanyIdSchema = z
  .string()
  .trim()
  .regex(/^\d{1,20}$/, 'digits only')

export const sharedSecretSchema = z.string().min(1).max(1_024)

const unique = (keys: readonly string[]) => new Set(keys).size === keys.length

export const tenantInputSchema = z.strictObject({
  id: tenantIdSchema,
  name: text(200),
  intilery: z.strictObject({
    baseUrl: z.url({ protocol: /^https?$/ }),
    clientId: text(200),
    accountId: text(200),
    brandId: text(200),
    authToken: z.string().min(1).max(4_096),
  }),
  zendesk: z
    .array(z.strictObject({ subdomain: zendeskSubdomainSchema, sharedSecret: sharedSecretSchema }))
    .max(100)
    .refine((installs) => unique(installs.map((i) => i.subdomain)), 'a subdomain is listed twice'),
  pipedriveCompanyIds: z
    .array(pipedriveCompanyIdSchema)
    .max(100)
    .refine(unique, 'a company id is listed twice'),
})

/** What callers pass to `tenants.upsert` (before trimming and lower-casing). */
export type TenantInput = z.input<typeof tenantInputSchema>
/** The same, normalised. */
export type ValidTenant = z.output<typeof tenantInputSchema>

export interface ZendeskInstall {
  readonly subdomain: string
  readonly sharedSecret: string
}

/** A tenant with its secrets opened: for the relay's own use, never for a response or a log. */
export interface Tenant {
  readonly id: string
  readonly name: string
  readonly intilery: IntileryCredentials
  readonly zendesk: readonly ZendeskInstall[]
  readonly pipedriveCompanyIds: readonly string[]
  readonly createdAt: Date
  readonly updatedAt: Date
}

/** A tenant as listed: everything an operator may see, no secrets. */
export interface TenantSummary {
  readonly id: string
  readonly name: string
  readonly intilery: Omit<IntileryCredentials, 'authToken'>
  readonly zendeskSubdomains: readonly string[]
  readonly pipedriveCompanyIds: readonly string[]
  readonly createdAt: Date
  readonly updatedAt: Date
}

/** The strings each secret is sealed under: a sealed value copied to another row will not open. */
export const sealingContext = {
  intileryToken: (tenantId: string) => `tenant:${tenantId}:intilery-token`,
  // Bound to the tenant too, so re-parenting an install row in the database does not hand its
  // Zendesk account to another tenant.
  zendeskSecret: (tenantId: string, subdomain: string) =>
    `tenant:${tenantId}:zendesk:${subdomain}:secret`,
} as const
