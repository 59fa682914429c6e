import { describe, expect, it } from 'vitest'

import { PipedriveCallError, type PipedriveApi, type TokenAnswer } from './pipedrive-port.ts'
import {
  apiDomainsSchema,
  DEFAULT_API_DOMAINS,
  isTrustedApiDomain,
  withTrustedApiDomains,
} from './trusted-api-domains.ts'

const DEFAULT = [DEFAULT_API_DOMAINS]

describe('trusted api_domain origins', () => {
  it('trusts a company’s own Pipedrive origin under the default', () => {
    expect(isTrustedApiDomain('https://acme.pipedrive.com', DEFAULT)).toBe(true)
    expect(isTrustedApiDomain('https://acme.pipedrive.com/', DEFAULT)).toBe(true)
    expect(isTrustedApiDomain('https://ACME.Pipedrive.com', DEFAULT)).toBe(true)
  })

  it.each([
    ['http://acme.pipedrive.com', 'plain http'],
    ['https://pipedrive.com', 'no company label'],
    ['https://acme.pipedrive.com.evil.example', 'a look-alike suffix'],
    ['https://evilpipedrive.com', 'not a subdomain'],
    ['https://acme.pipedrive.com:8443', 'another port'],
    ['https://acme.pipedrive.com/api', 'a path'],
    ['https://acme.pipedrive.com?x=1', 'a query'],
    ['https://user:pw@acme.pipedrive.com', 'credentials'],
    ['https://acme.pipedrive.com@evil.example', 'credentials hiding the host'],
    ['http://127.0.0.1:4500', 'a stand-in not configured'],
    ['not a url', 'not a URL'],
  ])('refuses %s (%s)', (domain) => {
    expect(isTrustedApiDomain(domain, DEFAULT)).toBe(false)
  })

  it('trusts a configured stand-in origin exactly', () => {
    const patterns = apiDomainsSchema.parse('https://*.pipedrive.com, http://127.0.0.1:4500')
    expect(isTrustedApiDomain('http://127.0.0.1:4500', patterns)).toBe(true)
    expect(isTrustedApiDomain('http://127.0.0.1:4501', patterns)).toBe(false)
    expect(isTrustedApiDomain('https://acme.pipedrive.com', patterns)).toBe(true)
  })

  it.each([
    ['', 'empty'],
    ['http://*.pipedrive.com', 'plain http to a real host'],
    ['http://pipedrive.example', 'plain http to a real host'],
    ['https://acme.pipedrive.com/api', 'a path'],
    ['acme.pipedrive.com', 'no scheme'],
    ['https://*.*.pipedrive.com', 'two wildcards'],
  ])('refuses the setting %j (%s)', (setting) => {
    expect(apiDomainsSchema.safeParse(setting).success).toBe(false)
  })
})

describe('withTrustedApiDomains', () => {
  const answer = (api_domain: string): TokenAnswer => ({
    access_token: 'a',
    refresh_token: 'r',
    expires_in: 3600,
    api_domain,
  })
  const api = (domain: string) =>
    withTrustedApiDomains(
      {
        oauth: {
          exchangeCode: () => Promise.resolve(answer(domain)),
          refresh: () => Promise.resolve(answer(domain)),
        },
        crm: () => {
          throw new Error('not used')
        },
      } satisfies PipedriveApi,
      DEFAULT
    )

  it('passes a trusted answer through, from an exchange and a refresh', async () => {
    await expect(api('https://acme.pipedrive.com').oauth.exchangeCode('c')).resolves.toEqual(
      answer('https://acme.pipedrive.com')
    )
    await expect(api('https://acme.pipedrive.com').oauth.refresh('r')).resolves.toMatchObject({
      api_domain: 'https://acme.pipedrive.com',
    })
  })

  it('refuses an untrusted one as a not_connected failure, from an exchange and a refresh', async () => {
    for (const call of [
      api('https://evil.example').oauth.exchangeCode('c'),
      api('https://evil.example').oauth.refresh('r'),
    ]) {
      const error: unknown = await call.catch((e: unknown) => e)
      expect(error).toBeInstanceOf(PipedriveCallError)
      expect(error).toMatchObject({
        failure: 'untrusted_api_domain',
        code: 'not_connected',
        status: 403,
      })
    }
  })
})
