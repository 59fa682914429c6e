import { describe, expect, it } from 'vitest'

import { parseTenantsFile, TenantsFileError } from './tenants-file.ts'

const yaml = `
tenants:
  - id: demo
    name: Demo brand
    intilery:
      baseUrl: http://127.0.0.1:4010
      clientId: demo
      accountId: demo
      brandId: DEMO
      authToken: { env: INTILERY_TOKEN }
    zendesk:
      - subdomain: Demo
        sharedSecret: { env: ZENDESK_SECRET }
    pipedriveCompanyIds: [1001]
`

describe('tenants file', () => {
  it('reads YAML, resolving secrets from the environment', () => {
    const [tenant] = parseTenantsFile(yaml, { INTILERY_TOKEN: 'tok', ZENDESK_SECRET: 'zs' })
    expect(tenant).toEqual({
      id: 'demo',
      name: 'Demo brand',
      intilery: {
        baseUrl: 'http://127.0.0.1:4010',
        clientId: 'demo',
        accountId: 'demo',
        brandId: 'DEMO',
        authToken: 'tok',
      },
      zendesk: [{ subdomain: 'demo', sharedSecret: 'zs' }],
      pipedriveCompanyIds: ['1001'],
      apiKeys: [],
    })
  })

  it('reads JSON too', () => {
    const json = JSON.stringify({
      tenants: [
        {
          id: 't',
          name: 'T',
          intilery: {
            baseUrl: 'https://x.test',
            clientId: 'c',
            accountId: 'a',
            brandId: 'b',
            authToken: 'inline',
          },
        },
      ],
    })
    expect(parseTenantsFile(json, {})[0]?.intilery.authToken).toBe('inline')
  })

  it.each([
    [
      yaml.replace('baseUrl: http://127.0.0.1:4010', 'baseUrl: ftp://x'),
      'tenants.0.intilery.baseUrl',
    ],
    [
      yaml.replace('subdomain: Demo', 'subdomain: https://demo.zendesk.com'),
      'tenants.0.zendesk.0.subdomain',
    ],
    [yaml.replace('    name: Demo brand\n', ''), 'tenants.0.name'],
    [yaml.replace('brandId: DEMO', 'brandId: DEMO\n      extra: 1'), 'tenants.0.intilery'],
  ])('names the bad field (%#)', (text, path) => {
    expect(() => parseTenantsFile(text, { INTILERY_TOKEN: 't', ZENDESK_SECRET: 's' })).toThrow(path)
  })

  it('names a missing secret variable without showing any secret', () => {
    const error = (() => {
      try {
        parseTenantsFile(yaml, { ZENDESK_SECRET: 'zs' })
      } catch (e) {
        return e
      }
      return undefined
    })()
    expect(error).toBeInstanceOf(TenantsFileError)
    expect((error as Error).message).toBe(
      'tenants file: tenants.0.intilery.authToken: environment variable INTILERY_TOKEN is not set'
    )
  })

  it('refuses text that is not JSON or YAML', () => {
    expect(() => parseTenantsFile('tenants: [', {})).toThrow(/not valid JSON or YAML/)
  })
})
