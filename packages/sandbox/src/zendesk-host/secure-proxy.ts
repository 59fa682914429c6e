/**
 * @module zendesk-host/secure-proxy
 * Plays Zendesk's secure-request proxy (../shared/reference/zendesk.md §3.2): the app's
 * `client.request({ secure: true, jwt })` arrives here with placeholders. Settings are substituted
 * on the server, a secure one only where its manifest `scopes` allow (`url`, `header`,
 * `body`, `jwt_secret_key`); a write's `data` goes out as its body with its `contentType`; the HS256 JWT is signed with the substituted `secret_key` (adding `iat` and
 * `exp = iat + expiry`) and put where `{{jwt.token}}` stands; the call goes out only if the final
 * URL's host is in the manifest's domainWhitelist, and redirects are not followed (a redirect to
 * another host would carry the substituted headers there). The browser never sees a secure setting.
 * Whitelist entries are compared verbatim: Zendesk documents no setting substitution there (its
 * validator only checks for strings), so `{{setting.relay_host}}` matches no host
 * (docs/zendesk-packaging.md).
 */
import { sign } from 'hono/jwt'
import { z } from 'zod'

export const proxiedRequestSchema = z.object({
  url: z.string(),
  type: z.string().default('GET'),
  secure: z.boolean().optional(),
  headers: z.record(z.string(), z.string()).default({}),
  /** A request body (a string: the app's JSON), sent with `contentType` on writes. */
  data: z
    .string()
    .max(64 * 1024)
    .optional(),
  contentType: z.string().max(200).optional(),
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

export type SecureScope = 'url' | 'header' | 'body' | 'jwt_secret_key'

export interface Installation {
  /** Every setting, secure ones included: the proxy is server side. */
  readonly settings: Readonly<Record<string, string>>
  /** Secure settings and where each may be substituted (the manifest's `scopes`). */
  readonly secureScopes: Readonly<Record<string, readonly SecureScope[]>>
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

const PLACEHOLDER = /\{\{setting\.([A-Za-z0-9_]+)\}\}/g

/** Substitutes the settings allowed in `scope`; any placeholder left over is refused. */
function substitute(text: string, install: Installation, secure: boolean, scope: SecureScope) {
  const out = text.replace(PLACEHOLDER, (whole, name: string) => {
    const scopes = install.secureScopes[name]
    if (scopes !== undefined && !(secure && scopes.includes(scope))) return whole
    return install.settings[name] ?? whole
  })
  if (/\{\{setting\./.test(out)) {
    throw new ProxyRefusal(`A setting may not be used in the request's ${scope}`)
  }
  return out
}

export async function proxySecureRequest(
  request: ProxiedRequest,
  install: Installation,
  fetchImpl: typeof fetch = fetch,
  nowSeconds = Math.floor(Date.now() / 1000)
): Promise<ProxiedAnswer> {
  const secure = request.secure === true
  // Placeholders may sit in the path and query, never in the scheme, credentials or host.
  const template = new URL(request.url)
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(request.url)?.[1] ?? ''
  if (authority.includes('{{') || request.url.slice(0, request.url.indexOf(':')).includes('{{')) {
    throw new ProxyRefusal('Settings may not name the host a request goes to')
  }
  const url = new URL(substitute(request.url, install, secure, 'url'))
  if (url.host !== template.host || !['http:', 'https:'].includes(url.protocol)) {
    throw new ProxyRefusal('The request URL changed host once settings were substituted')
  }
  if (secure && !install.domainWhitelist.includes(url.hostname)) {
    throw new ProxyRefusal(`${url.hostname} is not in the app’s domainWhitelist`)
  }
  let token: string | undefined
  if (request.jwt !== undefined) {
    const secret = substitute(request.jwt.secret_key, install, secure, 'jwt_secret_key')
    token = await sign(
      { ...request.jwt.claims, iat: nowSeconds, exp: nowSeconds + request.jwt.expiry },
      secret,
      'HS256'
    )
  }
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers)) {
    const substituted = substitute(value, install, secure, 'header')
    headers[name] = token === undefined ? substituted : substituted.replace('{{jwt.token}}', token)
  }
  // A body goes out on writes (jQuery would fold a GET's `data` into its query; the app sends none).
  const withBody = request.data !== undefined && !['GET', 'HEAD'].includes(request.type)
  if (withBody && request.contentType !== undefined) headers['content-type'] = request.contentType
  const answer = await fetchImpl(url, {
    method: request.type,
    headers,
    ...(withBody ? { body: substitute(request.data ?? '', install, secure, 'body') } : {}),
    redirect: 'manual',
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
