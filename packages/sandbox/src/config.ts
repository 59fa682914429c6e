/**
 * @module config
 * The sandbox's settings: defaults a new user can rely on (printed at start and in the README), each
 * overridable by an environment variable. Validated with zod so a typo stops start-up with a message.
 */
import { z } from 'zod'

const port = z.coerce.number().int().min(0).max(65_535)
const positive = z.coerce.number().positive()

export const sandboxConfigSchema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: port.default(4010),
  clientId: z.string().min(1).default('demo'),
  accountId: z.string().min(1).default('demo'),
  brandId: z.string().min(1).default('DEMO'),
  authToken: z.string().min(1).default('sandbox-token'),
  /** Guards the fault knobs and counters; kept apart from the Profile API token. */
  adminToken: z.string().min(1).default('sandbox-admin-token'),
  /** How long an unused scrollId stays valid. */
  scrollTtlMs: positive.default(5 * 60_000),
  ratePerSecond: positive.default(100),
  burst: positive.default(500),
  /** Seed of the generated dataset. */
  seed: z.coerce.number().int().default(20261122),
  /** Largest request accepted (URL, headers and body), as Intilery documents: 1 MB. */
  maxRequestBytes: z.coerce.number().int().positive().default(1_048_576),
})

export type SandboxConfig = z.infer<typeof sandboxConfigSchema>
export type SandboxConfigInput = z.input<typeof sandboxConfigSchema>

const ENV_NAMES: Record<keyof SandboxConfig, string> = {
  host: 'SANDBOX_HOST',
  port: 'SANDBOX_PORT',
  clientId: 'SANDBOX_CLIENT_ID',
  accountId: 'SANDBOX_ACCOUNT_ID',
  brandId: 'SANDBOX_BRAND_ID',
  authToken: 'SANDBOX_AUTH_TOKEN',
  adminToken: 'SANDBOX_ADMIN_TOKEN',
  scrollTtlMs: 'SANDBOX_SCROLL_TTL_MS',
  ratePerSecond: 'SANDBOX_RATE_PER_SECOND',
  burst: 'SANDBOX_BURST',
  seed: 'SANDBOX_SEED',
  maxRequestBytes: 'SANDBOX_MAX_REQUEST_BYTES',
}

export class SandboxConfigError extends Error {
  override readonly name = 'SandboxConfigError'
}

/**
 * Reads the environment variables in {@link ENV_NAMES}.
 * @throws SandboxConfigError naming the variable and what is wrong with it.
 */
export function sandboxConfigFromEnv(
  env: Readonly<Record<string, string | undefined>>
): SandboxConfig {
  const input: Record<string, string> = {}
  for (const [key, name] of Object.entries(ENV_NAMES)) {
    const value = env[name]
    if (value !== undefined && value !== '') input[key] = value
  }
  const parsed = sandboxConfigSchema.safeParse(input)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const key = issue?.path[0] as keyof SandboxConfig | undefined
    throw new SandboxConfigError(
      `${key === undefined ? 'sandbox config' : ENV_NAMES[key]}: ${issue?.message ?? 'invalid'}`
    )
  }
  return parsed.data
}

export function sandboxConfig(input: SandboxConfigInput = {}): SandboxConfig {
  return sandboxConfigSchema.parse(input)
}
