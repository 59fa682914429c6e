/**
 * @module hosts/pipedrive/api/trusted-api-domains
 * Pipedrive's token endpoint says where an installation's API calls go (`api_domain`, e.g.
 * `https://acme.pipedrive.com`), and the relay then sends that installation's access token there
 * on every call. A token answer is not signed, so the relay accepts only addresses it was told to
 * trust: `https://*.pipedrive.com` by default, or the list in PIPEDRIVE_API_DOMAINS (a stand-in's
 * loopback origin in tests and the demo). Anything else is refused before it is stored or called,
 * as an error that says to reconnect, never as a server error.
 */
import { z } from 'zod'

import { PipedriveCallError, type PipedriveApi, type TokenAnswer } from './pipedrive-port.ts'

export const DEFAULT_API_DOMAINS = 'https://*.pipedrive.com'

const LOOPBACK = /^(127\.0\.0\.1|localhost|\[::1\])$/

/**
 * One trusted origin: `https://host[:port]`, or `https://*.domain[:port]` for any one or more
 * labels before `domain`. Plain http only for a loopback stand-in: a token must never travel in
 * clear to a real host.
 */
export const apiDomainPattern = z
  .string()
  .trim()
  .regex(
    /^https?:\/\/(\*\.)?[a-z0-9.[\]:-]+$/i,
    'must be an origin such as https://*.pipedrive.com or http://127.0.0.1:4500'
  )
  .refine((pattern) => {
    // Also runs when the regex failed (zod reports every issue), so a non-URL is just refused.
    if (!URL.canParse(pattern.replace('://*.', '://'))) return false
    const url = new URL(pattern.replace('://*.', '://'))
    return url.protocol === 'https:' || (LOOPBACK.test(url.hostname) && !pattern.includes('*'))
  }, 'http is allowed for a loopback address only')

/** PIPEDRIVE_API_DOMAINS: comma-separated origins (apiDomainPattern). */
export const apiDomainsSchema = z
  .string()
  .transform((text) => text.split(',').filter((part) => part.trim() !== ''))
  .pipe(z.array(apiDomainPattern).min(1, 'list at least one origin'))

/** Whether `apiDomain` is a bare origin one of the patterns allows. */
export function isTrustedApiDomain(apiDomain: string, patterns: readonly string[]): boolean {
  let url: URL
  try {
    url = new URL(apiDomain)
  } catch {
    return false
  }
  // A bare origin only: a path, query or credentials would change where calls go or what they carry.
  const bare = apiDomain.replace(/\/$/, '').toLowerCase() === url.origin
  if (!bare || url.username !== '' || url.password !== '') return false
  return patterns.some((pattern) => {
    if (!pattern.includes('://*.')) return new URL(pattern).origin === url.origin
    const base = new URL(pattern.replace('://*.', '://'))
    return (
      base.protocol === url.protocol &&
      base.port === url.port &&
      url.hostname.endsWith(`.${base.hostname}`) &&
      url.hostname.length > base.hostname.length + 1
    )
  })
}

/** The token answer as given, or the refusal every caller can show: reconnect. */
function checked(answer: TokenAnswer, patterns: readonly string[], during: string): TokenAnswer {
  if (isTrustedApiDomain(answer.api_domain, patterns)) return answer
  throw new PipedriveCallError(
    'untrusted_api_domain',
    `Pipedrive named an API address this relay does not trust during ${during}; reconnect Pipedrive, and if it happens again ask the relay's operator to check PIPEDRIVE_API_DOMAINS`
  )
}

/** The API with every token answer (code exchange and refresh) checked against `patterns`. */
export function withTrustedApiDomains(
  api: PipedriveApi,
  patterns: readonly string[]
): PipedriveApi {
  return {
    oauth: {
      exchangeCode: async (...args) =>
        checked(await api.oauth.exchangeCode(...args), patterns, 'the code exchange'),
      refresh: async (...args) =>
        checked(await api.oauth.refresh(...args), patterns, 'a token refresh'),
    },
    crm: (...args) => api.crm(...args),
  }
}
