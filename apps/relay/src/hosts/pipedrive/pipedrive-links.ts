/**
 * @module hosts/pipedrive/pipedrive-links
 * How a tenant names its Pipedrive accounts: company ids, without secrets (each user's OAuth
 * tokens live in the installations table). The same field in the store's input, a tenants file and
 * `relay tenants add --pipedrive-company`; the setup page links one more.
 */
import { z } from 'zod'

import type { HostCli, HostTenantFields } from '../host-module.ts'
import type { HostLinkRules } from '../../store/tenant-schema.ts'

export const PIPEDRIVE = 'pipedrive'

/** Pipedrive company ids are integers; kept as text so ids past 2^53 stay exact. */
export const pipedriveCompanyIdSchema = z
  .string()
  .trim()
  .regex(/^\d{1,20}$/, 'digits only')

export const pipedriveLinkRules: HostLinkRules = {
  label: 'pipedrive company',
  accountId: pipedriveCompanyIdSchema,
  secret: false,
}

const unique = (keys: readonly string[]) => new Set(keys).size === keys.length

const pipedriveShape = {
  pipedriveCompanyIds: z
    .array(pipedriveCompanyIdSchema)
    .max(100)
    .refine(unique, 'a company id is listed twice')
    .default([]),
}

export const pipedriveTenantFields: HostTenantFields<typeof pipedriveShape> = {
  shape: pipedriveShape,
  // YAML reads 1001 as a number; the id is text everywhere after.
  fileShape: () => ({ pipedriveCompanyIds: z.array(z.coerce.string()).default([]) }),
  fromFile: (fields) => ({ pipedriveCompanyIds: fields.pipedriveCompanyIds as string[] }),
  toLinks: ({ pipedriveCompanyIds }) =>
    pipedriveCompanyIds.map((companyId) => ({ host: PIPEDRIVE, accountId: companyId })),
  fromLinks: (links) => ({ pipedriveCompanyIds: links.map((link) => link.accountId) }),
  summary: (companyIds) => ({ pipedriveCompanyIds: companyIds }),
}

export const pipedriveCli: HostCli = {
  options: { 'pipedrive-company': { type: 'string', multiple: true } },
  addUsage: '[--pipedrive-company <id>]',
  tenantFields: ({ values }) => ({
    pipedriveCompanyIds: values['pipedrive-company'] ?? [],
  }),
}
