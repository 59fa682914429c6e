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
      sites: [],
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
    [
      `${yaml}    sites: [{ id: shop, origins: ["https://shop.example"], secret: inline }]\n`,
      'tenants.0.sites.0: a site must be allowed to read something',
    ],
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

describe('tenants file: presentation and record link', () => {
  const env = { INTILERY_TOKEN: 't', ZENDESK_SECRET: 's' }
  const withPresentation = (block: string) => `${yaml}${block}`

  it('reads a presentation block and a record link under the tenant', () => {
    const [tenant] = parseTenantsFile(
      withPresentation(`    presentation:
      header:
        - trait: lifetime_value
          label: { en: Lifetime value, de: Kundenwert }
          format: money
          currencyTrait: lifetime_value_currency
        - { trait: orders_count, label: Orders, format: number }
      pinned: [plan]
      audienceNames:
        audience_124516e8: Recent openers
    recordUrl: https://crm.example.com/customers/{id}
`),
      env
    )
    expect(tenant?.presentation).toEqual({
      header: [
        {
          trait: 'lifetime_value',
          label: { en: 'Lifetime value', de: 'Kundenwert' },
          format: 'money',
          currencyTrait: 'lifetime_value_currency',
        },
        { trait: 'orders_count', label: 'Orders', format: 'number' },
      ],
      pinned: ['plan'],
      audienceNames: { audience_124516e8: 'Recent openers' },
    })
    expect(tenant?.recordUrl).toBe('https://crm.example.com/customers/{id}')
  })

  it('leaves both out when the tenant declares neither', () => {
    const [tenant] = parseTenantsFile(yaml, env)
    expect(tenant).not.toHaveProperty('presentation')
    expect(tenant).not.toHaveProperty('recordUrl')
  })

  it.each([
    [
      '    presentation:\n      header: [{ trait: ltv, format: cash }]\n',
      'tenants file: tenant demo: presentation: header field 1, format: must be one of money, date, number, percent, text, list, product-ids',
    ],
    [
      '    presentation:\n      header: [{ trait: ltv, format: money, currency: gbp }]\n',
      'tenants file: tenant demo: presentation: header field 1, currency: must be a three-letter ISO 4217 code in capitals, e.g. GBP',
    ],
    [
      '    presentation:\n      headers: [{ trait: ltv }]\n',
      'tenants file: tenant demo: presentation: unknown setting headers (known: header, pinned, audienceNames)',
    ],
    [
      '    presentation:\n      header: [{ trait: ltv, lable: LTV }]\n',
      'tenants file: tenant demo: presentation: header field 1: unknown setting lable (known: trait, label, format, currency, currencyTrait)',
    ],
    [
      '    presentation:\n      pinned: [plan, ""]\n',
      'tenants file: tenant demo: presentation: pinned trait 2: must not be empty',
    ],
    [
      '    recordUrl: http://crm.example.com/customers/{id}\n',
      'tenants file: tenant demo: recordUrl: must be an https address of at most 500 characters containing {id}, e.g. https://crm.example.com/customers/{id}',
    ],
    [
      '    recordUrl: https://crm.example.com/customers\n',
      'tenants file: tenant demo: recordUrl: must be an https address',
    ],
  ])('names the tenant and the field in words (%#)', (block, message) => {
    expect(() => parseTenantsFile(withPresentation(block), env)).toThrow(message)
  })
})

describe('tenants file: write-back', () => {
  const env = { INTILERY_TOKEN: 'tok', ZENDESK_SECRET: 'zs' }

  it('reads write-back on, with or without its own tracking URL; absent, it is left out (off)', () => {
    const on = parseTenantsFile(`${yaml}    writeback: { enabled: true }\n`, env)[0]
    expect(on?.writeback).toEqual({ enabled: true })
    const url = 'https://track.example/v1/batch'
    const own = parseTenantsFile(
      `${yaml}    writeback: { enabled: true, trackingUrl: "${url}" }\n`,
      env
    )
    expect(own[0]?.writeback).toEqual({ enabled: true, trackingUrl: url })
    expect(parseTenantsFile(yaml, env)[0]).not.toHaveProperty('writeback')
  })

  it('refuses a plain-http tracking URL to a real host, and unknown settings, naming the field', () => {
    expect(() =>
      parseTenantsFile(
        `${yaml}    writeback: { enabled: true, trackingUrl: "http://track.example/v1/batch" }\n`,
        env
      )
    ).toThrow(
      'tenants file: tenants.0.writeback.trackingUrl: must be https (plain http only for 127.0.0.1 or localhost)'
    )
    expect(() =>
      parseTenantsFile(`${yaml}    writeback: { enabled: true, batch: 5 }\n`, env)
    ).toThrow(TenantsFileError)
    expect(() => parseTenantsFile(`${yaml}    writeback: { on: true }\n`, env)).toThrow(
      /tenants\.0\.writeback/
    )
  })
})
