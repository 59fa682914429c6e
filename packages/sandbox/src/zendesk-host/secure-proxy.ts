/**
 * @module zendesk-host/secure-proxy
 * Plays Zendesk's secure-request proxy (../shared/reference/zendesk.md §3.2): the app's
 * `client.request({ secure: true, jwt })` arrives here with placeholders; this substitutes
 * `{{setting.*}}` from the installation's settings (secure ones included) on the server, signs the
 * HS256 JWT with the substituted `secret_key` (adding `iat` and `exp = iat + expiry`), puts it where
 * `{{jwt.token}}` stands, and forwards the call, but only to a host in the manifest's
 * domainWhitelist. The browser never sees a secure setting.
 */
import { sign } from 'hono/jwt'
import { z } from 'zod'

export const proxiedRequestSchema = z.object({
  url: z.string(),
  type: z.string().default('GET'),
  secure: z.boolean().optional(),
  headers: z.record(z.string(), z.string()).default({}),
  jwt: z
    .object({
      algorithm: z.literal('HS256'),
      secret_key: z.string(),
      expiry: z.number().int().positive().max(3_600).default(60),
      claims: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
    })
    .optional(),
})
export type ProxiedRequest = z.infer<typeof proxiedRequestSchema>

export interface Installation {
  /** Every setting, secure ones included: the proxy is server side. */
  readonly settings: Readonly<Record<string, string>>
  readonly domainWhitelist: readonly string[]
}

export interface ProxiedAnswer {
  readonly status: number
  readonly body: string
  readonly headers: Readonly<Record<string, string>>
}

export class ProxyRefusal extends Error {
  override readonly name = 'ProxyRefusal'
}

function substitute(text: string, settings: Installation['settings']): string {
  return text.replace(
    /\{\{setting\.([A-Za-z0-9_]+)\}\}/g,
    (whole, name: string) => settings[name] ?? whole
  )
}

export async function proxySecureRequest(
  request: ProxiedRequest,
  install: Installation,
  fetchImpl: typeof fetch = fetch,
  nowSeconds = Math.floor(Date.now() / 1000)
): Promise<ProxiedAnswer> {
  const url = new URL(request.url)
  if (request.secure === true && !install.domainWhitelist.includes(url.hostname)) {
    throw new ProxyRefusal(`${url.hostname} is not in the app's domainWhitelist`)
  }
  const settings = request.secure === true ? install.settings : {}
  const headers: Record<string, string> = {}
  let token: string | undefined
  if (request.jwt !== undefined) {
    const secret = substitute(request.jwt.secret_key, settings)
    if (secret.includes('{{')) throw new ProxyRefusal('The JWT secret setting is not set')
    token = await sign(
      { ...request.jwt.claims, iat: nowSeconds, exp: nowSeconds + request.jwt.expiry },
      secret,
      'HS256'
    )
  }
  for (const [name, value] of Object.entries(request.headers)) {
    headers[name] = substitute(value, settings).replace('{{jwt.token}}', token ?? '{{jwt.token}}')
  }
  const answer = await fetchImpl(substitute(request.url, settings), {
    method: request.type,
    headers,
    signal: AbortSignal.timeout(15_000),
  })
  const retryAfter = answer.headers.get('retry-after')
  return {
    status: answer.status,
    body: await answer.text(),
    headers: {
      'content-type': answer.headers.get('content-type') ?? 'text/plain',
      ...(retryAfter === null ? {} : { 'retry-after': retryAfter }),
    },
  }
}
