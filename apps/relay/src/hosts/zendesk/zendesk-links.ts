/**
 * @module hosts/zendesk/zendesk-links
 * How a tenant names its Zendesk accounts: each install is a subdomain (`acme` of
 * acme.zendesk.com) with the shared secret the app's secure setting holds, and optionally the
 * signing secret of write-back's webhook. The same fields in the store's input, a tenants file
 * and `relay tenants add`.
 */
import { z } from 'zod'

import type { HostTenantFields } from '../host-module.ts'
import { linkSecretSchema, type HostLinkRules } from '../../store/tenant-schema.ts'

export const ZENDESK = 'zendesk'

/** A DNS label, stored and looked up lower-case, as DNS and Zendesk treat it. */
export const zendeskSubdomainSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i, 'a DNS label: letters, digits and -')
  .transform((subdomain) => subdomain.toLowerCase())

export const zendeskLinkRules: HostLinkRules = {
  label: 'zendesk subdomain',
  accountId: zendeskSubdomainSchema,
  secret: true,
}

const unique = (keys: readonly string[]) => new Set(keys).size === keys.length

const zendeskShape = {
  zendesk: z
    .array(
      z.strictObject({
        subdomain: zendeskSubdomainSchema,
        sharedSecret: linkSecretSchema,
        /** Write-back's webhook signing secret (webhooks/), kept in the webhook's own table. */
        webhookSigningSecret: linkSecretSchema.optional(),
      })
    )
    .max(100)
    .refine((installs) => unique(installs.map((i) => i.subdomain)), 'a subdomain is listed twice')
    .default([]),
}

/** A tenants file says a subdomain, not a URL; the message says so. */
const fileSubdomain = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/i, 'must be a Zendesk subdomain such as "acme" (not a URL)')
  .transform((s) => s.toLowerCase())

export interface ZendeskInstall {
  readonly subdomain: string
  readonly sharedSecret: string
}

export const zendeskTenantFields: HostTenantFields<typeof zendeskShape> = {
  shape: zendeskShape,
  fileShape: (secret) => ({
    zendesk: z
      .array(
        z.strictObject({
          subdomain: fileSubdomain,
          sharedSecret: secret,
          webhookSigningSecret: secret.optional(),
        })
      )
      .default([]),
  }),
  fromFile(fields, resolve, where) {
    const installs = fields.zendesk as {
      subdomain: string
      sharedSecret: Parameters<typeof resolve>[0]
      webhookSigningSecret?: Parameters<typeof resolve>[0]
    }[]
    return {
      zendesk: installs.map((install, j) => ({
        subdomain: install.subdomain,
        sharedSecret: resolve(install.sharedSecret, `${where}.zendesk.${j}.sharedSecret`),
        ...(install.webhookSigningSecret === undefined
          ? {}
          : {
              webhookSigningSecret: resolve(
                install.webhookSigningSecret,
                `${where}.zendesk.${j}.webhookSigningSecret`
              ),
            }),
      })),
    }
  },
  toLinks: ({ zendesk }) =>
    zendesk.map(({ subdomain, sharedSecret }) => ({
      host: ZENDESK,
      accountId: subdomain,
      secret: sharedSecret,
    })),
  fromLinks: (links) => ({
    zendesk: links.map((link): ZendeskInstall => ({
      subdomain: link.accountId,
      sharedSecret: link.secret ?? '',
    })),
  }),
  summary: (subdomains) => ({ zendeskSubdomains: subdomains }),
}
