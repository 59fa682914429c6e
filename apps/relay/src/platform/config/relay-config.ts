/**
 * @module platform/config/relay-config
 * The relay's settings from the environment, validated once at start-up: the only module that
 * reads `process.env`. Secrets may come from `NAME` or, for container secrets, `NAME_FILE`. A bad
 * value stops start-up with a message naming the variable, never echoing a secret.
 */
import { readFileSync } from 'node:fs'

import { z } from 'zod'

/** SQLite's file when DATABASE_URL is not set: relative, so where the relay is started (typed-folder.ts). */
export const DEFAULT_DATABASE_URL = 'file:relay.db'

const origins = z
  .string()
  .transform((text) =>
    text
      .split(',')
      .map((o) => o.trim())
      .filter((o) => o !== '')
  )
  .pipe(z.array(z.url({ protocol: /^https?$/ }).refine((o) => !o.includes('*'), 'no wildcards')))

export const relayConfigSchema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65_535).default(8787),
  /** 32 random bytes, base64: seals Intilery tokens and shared secrets at rest. */
  encryptionKey: z.string().min(40, 'must be 32 random bytes in base64 (openssl rand -base64 32)'),
  /** Keys the HMAC of looked-up ids in the audit log and of API key secrets. */
  auditKey: z.string().min(32, 'must be at least 32 characters of random text'),
  /** SQLite file (default) or a postgres:// URL. */
  databaseUrl: z.string().min(1).default(DEFAULT_DATABASE_URL),
  /** Optional tenants file (JSON or YAML) loaded at start-up. */
  tenantsFile: z.string().min(1).optional(),
  /** Browser origins allowed by CORS (exact origins, no wildcard). */
  allowedOrigins: origins.default([]),
  /** Hosts allowed to frame the relay's pages (Pipedrive custom panel). */
  frameAncestors: origins.default([]),
  /** Every request answers within this, with data, stale data or a clean error. */
  requestDeadlineMs: z.coerce.number().int().min(100).max(60_000).default(8_000),
  /**
   * A request's headers and body must have arrived within this, or the server answers 408 and
   * closes the connection: a client that never finishes cannot hold one. Requests are small.
   */
  requestTimeoutMs: z.coerce.number().int().min(100).max(300_000).default(15_000),
  /** How long an idle keep-alive connection stays open between requests. */
  keepAliveTimeoutMs: z.coerce.number().int().min(100).max(300_000).default(5_000),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Upstream answers kept per Intilery credential, in MB of their JSON (held in memory as objects,
   * about three times that). 16 holds some 200 typical customers (meta + first events page).
   */
  cacheMb: z.coerce.number().int().min(1).max(4_096).default(16),
  /** Where Pipedrive and browsers reach this relay (https in production): the OAuth redirect base. */
  publicUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Bearer token for `/metrics` and `/readyz`'s per-tenant detail; metrics are off without it. */
  metricsToken: z
    .string()
    .min(16, 'must be at least 16 characters of random text (openssl rand -hex 16)')
    .optional(),
})
export type BaseRelayConfig = z.infer<typeof relayConfigSchema>

const ENV: Record<keyof BaseRelayConfig, string> = {
  host: 'HOST',
  port: 'PORT',
  encryptionKey: 'RELAY_ENCRYPTION_KEY',
  auditKey: 'RELAY_AUDIT_KEY',
  databaseUrl: 'DATABASE_URL',
  tenantsFile: 'RELAY_TENANTS_FILE',
  allowedOrigins: 'RELAY_ALLOWED_ORIGINS',
  frameAncestors: 'RELAY_FRAME_ANCESTORS',
  requestDeadlineMs: 'RELAY_REQUEST_DEADLINE_MS',
  requestTimeoutMs: 'RELAY_REQUEST_TIMEOUT_MS',
  keepAliveTimeoutMs: 'RELAY_KEEP_ALIVE_TIMEOUT_MS',
  logLevel: 'LOG_LEVEL',
  cacheMb: 'RELAY_CACHE_MB',
  publicUrl: 'RELAY_PUBLIC_URL',
  metricsToken: 'RELAY_METRICS_TOKEN',
}
const SECRETS: readonly string[] = ['encryptionKey', 'auditKey', 'databaseUrl', 'metricsToken']

export class RelayConfigError extends Error {
  override readonly name = 'RelayConfigError'
}

function readEnv(
  env: Readonly<Record<string, string | undefined>>,
  name: string
): string | undefined {
  const direct = env[name]
  if (direct !== undefined && direct !== '') return direct
  const file = env[`${name}_FILE`]
  if (file === undefined || file === '') return undefined
  try {
    return readFileSync(file, 'utf8').trim()
  } catch (cause) {
    throw new RelayConfigError(`${name}_FILE: cannot read ${file}`, { cause })
  }
}

/** A part of the settings that a host module adds (see hosts/host-module.ts HostConfig). */
export interface ConfigPart {
  readonly shape: z.ZodRawShape
  readonly env: Readonly<Record<string, string>>
  readonly secrets: readonly PropertyKey[]
  check?(config: never): string | undefined
}

/**
 * The base settings and every part's, read from `NAME` or `NAME_FILE`.
 * @throws RelayConfigError naming the first bad variable (secrets are named, never shown).
 */
export function readRelayConfig(
  env: Readonly<Record<string, string | undefined>>,
  parts: readonly ConfigPart[]
): BaseRelayConfig & Readonly<Record<string, unknown>> {
  const names: Record<string, string> = { ...ENV }
  const secrets = new Set<PropertyKey>(SECRETS)
  let schema: z.ZodObject = relayConfigSchema
  for (const part of parts) {
    Object.assign(names, part.env)
    for (const key of part.secrets) secrets.add(key)
    schema = schema.extend(part.shape)
  }
  const input: Record<string, string> = {}
  for (const [key, name] of Object.entries(names)) {
    const value = readEnv(env, name)
    if (value !== undefined) input[key] = value
  }
  const parsed = schema.safeParse(input)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const key = issue?.path[0] as string | undefined
    const name = key === undefined ? 'relay config' : (names[key] ?? key)
    const missing = key !== undefined && input[key] === undefined
    throw new RelayConfigError(
      missing && key !== undefined && secrets.has(key)
        ? `${name} (or ${name}_FILE) is required`
        : `${name}: ${issue?.message ?? 'invalid'}`
    )
  }
  const config = parsed.data as BaseRelayConfig & Record<string, unknown>
  for (const part of parts) {
    const problem = part.check?.(config as never)
    if (problem !== undefined) throw new RelayConfigError(problem)
  }
  return config
}
