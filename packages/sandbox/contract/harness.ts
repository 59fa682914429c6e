/**
 * The contract suite's fixture: a sandbox on a free loopback port, a core client pointed at it, and
 * a raw fetch for what the client refuses to send (so the provider side is checked too).
 */
import { createProfileClient, type ProfileClientOptions } from '@intilery-connect/core'

import { startSandbox, type RunningSandbox } from '../src/server.ts'
import type { CreateSandboxOptions } from '../src/sandbox.ts'

export interface ContractTarget {
  readonly sandbox: RunningSandbox
  /** A client with retries and the client-side bucket off, unless overridden. */
  client(overrides?: Partial<ProfileClientOptions>): ReturnType<typeof createProfileClient>
  /** A request below the brand root (`/profiles/...`), with the auth header unless overridden. */
  raw(path: string, init?: RequestInit): Promise<Response>
  /** A tracking call, e.g. `track('track', { userId, event })`. */
  track(kind: string, body: unknown): Promise<Response>
  stop(): Promise<void>
}

export async function startContractTarget(
  options: CreateSandboxOptions = {}
): Promise<ContractTarget> {
  const sandbox = await startSandbox({ port: 0, ...options })
  const { clientId, accountId, brandId, authToken } = sandbox.config
  const headers = { 'content-type': 'application/json', 'auth-token': authToken }
  return {
    sandbox,
    client: (overrides = {}) =>
      createProfileClient({
        baseUrl: sandbox.url,
        clientId,
        accountId,
        brandId,
        authToken,
        retry: false,
        rateLimit: false,
        ...overrides,
      }),
    raw: (path, init = {}) =>
      fetch(`${sandbox.apiRoot}${path}`, {
        ...init,
        headers: { ...headers, ...(init.headers as Record<string, string>) },
      }),
    track: (kind, body) =>
      fetch(`${sandbox.apiRoot}/${kind}`, { method: 'POST', headers, body: JSON.stringify(body) }),
    stop: () => sandbox.stop(),
  }
}

/** The spec's error body, checked whole. */
export async function expectErrorBody(
  response: Response
): Promise<{ code: string; message: string }> {
  const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } }
  if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string') {
    throw new Error(`not an error body: ${JSON.stringify(body)}`)
  }
  return { code: body.error.code, message: body.error.message }
}
