/**
 * @module store/tenant-schema
 * What a tenant is, at the store's door. Tenant definitions come from a config file, the CLI or an
 * admin call, so they are parsed here rather than trusted: ids and account ids end up inside the
 * SecretBox context strings and the lookup keys, and must not be able to collide.
 *
 * The store knows hosts only as names with rules (`HostLinkRules`): each host module says what its
 * account ids look like and whether a link carries a secret.
 */
import type { Presentation } from '@intilery-connect/core'
import { z } from 'zod'

import type { IntileryCredentials } from '../ports.ts'

const text = (max: number) => z.string().trim().min(1).max(max)

/** Lower-case slug: it becomes part of sealing contexts, so `:` and spaces are out. */
export const tenantIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, _ and - (at most 64)')

/** A host module's name: part of routes, sealing contexts and audit rows. */
export const hostNameSchema = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/)

export const linkSecretSchema = z.string().min(1).max(1_024)

/** How one host's accounts are linked to tenants; each host module provides its own. */
export interface HostLinkRules {
  /** What one account is called in messages, e.g. `zendesk subdomain`. */
  readonly label: string
  /** Validates and normalises an account id (e.g. lower-cases a subdomain). */
  readonly accountId: z.ZodType<string, string>
  /** Whether every link carries a secret (sealed at rest), e.g. Zendesk's shared secret. */
  readonly secret: boolean
}

/** Every known host's rules, by host name. */
export type LinkRulebook = ReadonlyMap<string, HostLinkRules>

/** Plain http is for a loopback stand-in only: the tenant's Intilery token travels with each call. */
const LOOPBACK = /^(127\.0\.0\.1|localhost|\[::1\])$/

function httpsUnlessLoopback() {
  return z.url({ protocol: /^https?$/ }).refine((text) => {
    // Also runs when the url check failed (zod reports every issue), so a non-URL is just refused.
    if (!URL.canParse(text)) return false
    const url = new URL(text)
    return url.protocol === 'https:' || LOOPBACK.test(url.hostname)
  }, 'must be https (plain http only for 127.0.0.1 or localhost)')
}

export const intileryInputSchema = z.strictObject({
  baseUrl: httpsUnlessLoopback(),
  clientId: text(200),
  accountId: text(200),
  brandId: text(200),
  authToken: z.string().min(1).max(4_096),
})

/** Where write-back's `track` batches go (Intilery's `…/v1/batch`). */
export const trackingUrlSchema = httpsUnlessLoopback()
  .max(2_000)
  .refine(
    (text) => !URL.canParse(text) || new URL(text).username === '',
    'must carry no credentials'
  )

/**
 * Whether the tenant sends Zendesk and Pipedrive events to Intilery (off until an admin turns it
 * on), and where: by default the tracking endpoint beside its Profile API (writeback/tracking-url.ts).
 */
export const writebackSettingsSchema = z.strictObject({
  enabled: z.boolean(),
  trackingUrl: trackingUrlSchema.optional(),
})
export type WritebackSettings = z.output<typeof writebackSettingsSchema>

/** What a tenant without settings has: write-back off. */
export const WRITEBACK_OFF: WritebackSettings = { enabled: false }

export const baseTenantShape = {
  id: tenantIdSchema,
  name: text(200),
  intilery: intileryInputSchema,
  /**
   * How the host apps show this tenant's customers, and its record link template. Typed here,
   * checked by presentation-schema.ts (core's schema, unknown keys refused, issues in words).
   */
  presentation: z.custom<Presentation>().optional(),
  recordUrl: z.string().optional(),
  /** Absent: off (a tenant written whole without it has write-back off). */
  writeback: writebackSettingsSchema.optional(),
}

export const linkInputSchema = z.strictObject({
  host: hostNameSchema,
  accountId: z.string(),
  secret: linkSecretSchema.optional(),
})
export type LinkInput = z.input<typeof linkInputSchema>

/** What `tenants.upsert` takes: the tenant and every host account linked to it. */
export const tenantInputSchema = z.strictObject({
  ...baseTenantShape,
  links: z.array(linkInputSchema).max(500),
})
export type TenantInput = z.input<typeof tenantInputSchema>

/**
 * What `tenants.update` takes: only the fields to change, and links to add (a link the tenant has
 * already gets the given secret). The Intilery token changes only through its own rotation.
 */
export const tenantPatchSchema = z.strictObject({
  name: baseTenantShape.name.optional(),
  intilery: intileryInputSchema.omit({ authToken: true }).partial().optional(),
  links: z.array(linkInputSchema).max(500).default([]),
})
export type TenantPatch = z.input<typeof tenantPatchSchema>

/** A link as the relay uses it: the secret opened. Never for a response or a log. */
export interface TenantLink {
  readonly host: string
  readonly accountId: string
  readonly secret?: string | undefined
}

/** A tenant with its secrets opened: for the relay's own use, never for a response or a log. */
export interface Tenant {
  readonly id: string
  readonly name: string
  readonly intilery: IntileryCredentials
  /** By host, then account id. */
  readonly links: readonly TenantLink[]
  readonly writeback: WritebackSettings
  readonly createdAt: Date
  readonly updatedAt: Date
}

/** A tenant as listed: everything an operator may see, no secrets. */
export interface TenantSummary {
  readonly id: string
  readonly name: string
  readonly intilery: Omit<IntileryCredentials, 'authToken'>
  readonly links: readonly { readonly host: string; readonly accountId: string }[]
  readonly writeback: WritebackSettings
  readonly createdAt: Date
  readonly updatedAt: Date
}

/** The strings each secret is sealed under: a sealed value copied to another row will not open. */
export const sealingContext = {
  intileryToken: (tenantId: string) => `tenant:${tenantId}:intilery-token`,
  // Bound to the tenant too, so re-parenting a link row in the database does not hand the host
  // account to another tenant. (Zendesk's shared secrets were sealed under this same string
  // before links were generic, so migrated rows open unchanged.)
  linkSecret: (tenantId: string, host: string, accountId: string) =>
    `tenant:${tenantId}:${host}:${accountId}:secret`,
  siteSecret: (tenantId: string, siteId: string) => `tenant:${tenantId}:site:${siteId}:secret`,
} as const
