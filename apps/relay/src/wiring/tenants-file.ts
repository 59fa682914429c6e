/**
 * @module wiring/tenants-file
 * Tenants declared in a file (JSON or YAML), loaded at start-up into the store. Secrets should not
 * sit in the file itself: each may be `{ env: NAME }` or `{ file: path }`; an inline string is
 * accepted for demos. A mistake stops start-up with the path of the bad field.
 */
import { readFileSync } from 'node:fs'

import { parse as parseYaml } from 'yaml'
import { z } from 'zod'

import type { SecretRef } from '../hosts/host-module.ts'
import { hostModules } from '../hosts/registry.ts'
import { API_KEY_SCOPES, type ApiKeyScope } from '../store/api-key-store.ts'
import { InvalidInputError } from '../store/errors.ts'
import type { SiteInput } from '../store/site-store.ts'
import { parsePresentation, parseRecordUrl } from '../store/presentation-schema.ts'
import { writebackSettingsSchema } from '../store/tenant-schema.ts'
import type { HostsTenantInput } from './host-types.ts'
import type { TenantDeclaration } from './tenant-declarations.ts'

const secret: z.ZodType<SecretRef> = z.union([
  z.string().min(1),
  z.object({ env: z.string().min(1) }).strict(),
  z.object({ file: z.string().min(1) }).strict(),
])

/** Each registered host's fields (`zendesk: […]`, `pipedriveCompanyIds: […]`…). */
const hostFileFields = Object.assign(
  {},
  ...hostModules.map((host) => host.tenantFields.fileShape(secret))
) as z.ZodRawShape

export const tenantsFileSchema = z
  .object({
    tenants: z.array(
      z
        .object({
          id: z.string().regex(/^[a-z0-9][a-z0-9-_]{0,62}$/i, 'letters, digits, - and _ only'),
          name: z.string().min(1),
          intilery: z
            .object({
              baseUrl: z.url({ protocol: /^https?$/ }),
              clientId: z.string().min(1),
              accountId: z.string().min(1),
              brandId: z.string().min(1),
              authToken: secret,
            })
            .strict(),
          ...hostFileFields,
          /** Checked after the file's shape (presentation-schema.ts), to be said in words. */
          presentation: z.unknown().optional(),
          recordUrl: z.unknown().optional(),
          /** Write-back (`{ enabled, trackingUrl? }`): off when absent. */
          writeback: writebackSettingsSchema.optional(),
          /** Keys issued elsewhere (or documented demo keys), imported at start-up if unknown. */
          apiKeys: z
            .array(
              z
                .object({
                  name: z.string().min(1),
                  key: secret,
                  traits: z.union([z.literal('*'), z.array(z.string().min(1))]),
                  /** Default `[profiles]`; the store checks the names. */
                  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1).optional(),
                })
                .strict()
            )
            .default([]),
          /** Sites whose visitors read their own data (store/site-store.ts checks the values). */
          sites: z
            .array(
              z
                .object({
                  id: z.string().min(1),
                  name: z.string().min(1).optional(),
                  origins: z.array(z.string()),
                  traits: z.array(z.string().min(1)).default([]),
                  audiences: z.record(z.string(), z.string()).default({}),
                  recommendations: z.boolean().default(false),
                  secret,
                })
                .strict()
                // As `relay sites add` refuses: its visitors would read an empty context.
                .refine(
                  (site) =>
                    site.traits.length > 0 ||
                    Object.keys(site.audiences).length > 0 ||
                    site.recommendations,
                  'a site must be allowed to read something: traits, audiences or recommendations'
                )
            )
            .default([]),
        })
        .strict()
    ),
  })
  .strict()

/** A declared tenant with the API keys the file imports. */
export type TenantInput = TenantDeclaration & {
  apiKeys: {
    name: string
    key: string
    traitAllowlist: string[] | '*'
    scopes?: ApiKeyScope[] | undefined
  }[]
  sites: (SiteInput & { id: string; secret: string })[]
}

export class TenantsFileError extends Error {
  override readonly name = 'TenantsFileError'
}

function resolveSecret(
  ref: SecretRef,
  where: string,
  env: Readonly<Record<string, string | undefined>>
): string {
  if (typeof ref === 'string') return ref
  if ('env' in ref) {
    const value = env[ref.env]
    if (value === undefined || value === '')
      throw new TenantsFileError(`${where}: environment variable ${ref.env} is not set`)
    return value
  }
  try {
    return readFileSync(ref.file, 'utf8').trim()
  } catch (cause) {
    throw new TenantsFileError(`${where}: cannot read ${ref.file}`, { cause })
  }
}

/**
 * A tenant's `presentation` and `recordUrl`, checked; a mistake names the tenant by its id and the
 * field in words (`…: tenant acme: presentation: header field 2, format: must be one of …`).
 */
function presentationOf(
  tenant: { readonly presentation?: unknown; readonly recordUrl?: unknown },
  where: string
): Pick<TenantInput, 'presentation' | 'recordUrl'> {
  try {
    return {
      ...(tenant.presentation === undefined
        ? {}
        : { presentation: parsePresentation(tenant.presentation) }),
      ...(tenant.recordUrl === undefined ? {} : { recordUrl: parseRecordUrl(tenant.recordUrl) }),
    }
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error
    const issues = error.issues
      .map((issue) => (issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`))
      .join('; ')
    throw new TenantsFileError(
      `${where}: ${error.subject === 'presentation' ? 'presentation: ' : ''}${issues}`
    )
  }
}

/** Parses file text (YAML is a superset of JSON, so one parser reads both). */
export function parseTenantsFile(
  text: string,
  env: Readonly<Record<string, string | undefined>>,
  source = 'tenants file'
): TenantInput[] {
  let raw: unknown
  try {
    raw = parseYaml(text)
  } catch (cause) {
    throw new TenantsFileError(`${source}: not valid JSON or YAML`, { cause })
  }
  const parsed = tenantsFileSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new TenantsFileError(
      `${source}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`
    )
  }
  return parsed.data.tenants.map((t, i) => ({
    ...(Object.assign(
      {},
      ...hostModules.map((host) =>
        host.tenantFields.fromFile(
          t,
          (ref, where) => resolveSecret(ref, where, env),
          `${source}: tenants.${i}`
        )
      )
    ) as HostsTenantInput),
    id: t.id,
    name: t.name,
    ...presentationOf(t, `${source}: tenant ${t.id}`),
    ...(t.writeback === undefined ? {} : { writeback: t.writeback }),
    intilery: {
      ...t.intilery,
      authToken: resolveSecret(
        t.intilery.authToken,
        `${source}: tenants.${i}.intilery.authToken`,
        env
      ),
    },
    apiKeys: t.apiKeys.map((k, j) => ({
      name: k.name,
      key: resolveSecret(k.key, `${source}: tenants.${i}.apiKeys.${j}.key`, env),
      traitAllowlist: k.traits,
      ...(k.scopes === undefined ? {} : { scopes: k.scopes }),
    })),
    sites: t.sites.map(({ secret: ref, name, ...site }, j) => ({
      ...site,
      name: name ?? site.id,
      secret: resolveSecret(ref, `${source}: tenants.${i}.sites.${j}.secret`, env),
    })),
  }))
}

export function loadTenantsFile(
  path: string,
  env: Readonly<Record<string, string | undefined>>
): TenantInput[] {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (cause) {
    throw new TenantsFileError(`cannot read tenants file ${path}`, { cause })
  }
  return parseTenantsFile(text, env, path)
}
