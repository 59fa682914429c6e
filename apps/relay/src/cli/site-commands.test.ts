import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { add, setup } from '../../test/cli-harness.ts'

describe('relay sites', () => {
  it('adds a site, printing its secret once, lists it without the secret, and removes it', async () => {
    const { cli, run, store } = setup()
    await cli(...add)
    const added = await run([
      'sites',
      'add',
      '--tenant',
      'demo',
      '--id',
      'shop',
      '--origin',
      'https://shop.example',
      '--origin',
      'http://127.0.0.1:4800',
      '--traits',
      'first_name,favorite_blog_category',
      '--audiences',
      'aud-1=VIP shoppers',
      '--recommendations',
    ])
    expect(added.code).toBe(0)
    const [idLine, secret] = added.out.trim().split('\n')
    expect(idLine).toBe('site id shop')
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(added.err).toMatch(/shown once/)
    expect(added.err).toMatch(/iss = the site id, sub = the visitor’s userId/)

    const listed = await cli('sites', 'list', '--tenant', 'demo', '--json')
    expect(JSON.parse(listed.out)).toEqual([
      {
        id: 'shop',
        tenantId: 'demo',
        name: 'shop.example',
        origins: ['https://shop.example', 'http://127.0.0.1:4800'],
        traits: ['first_name', 'favorite_blog_category'],
        audiences: { 'aud-1': 'VIP shoppers' },
        recommendations: true,
        declared: false,
      },
    ])
    expect(listed.out).not.toContain(secret ?? '-')
    expect((await cli('sites', 'list', '--tenant', 'demo')).out).toMatch(
      /^ID\s+NAME\s+ORIGINS\s+TRAITS\s+AUDIENCES\s+RECOMMENDATIONS\nshop\s+shop\.example\s+https:\/\/shop\.example,http:\/\/127\.0\.0\.1:4800\s+first_name,favorite_blog_category\s+aud-1=VIP shoppers\s+yes\n$/
    )
    expect(await store(async (s) => (await s.sites.get('shop'))?.secret)).toBe(secret)

    expect(await run(['sites', 'remove', '--id', 'shop'])).toMatchObject({ code: 0 })
    expect(await run(['sites', 'remove', '--id', 'shop'])).toMatchObject({
      code: 1,
      err: 'relay: no site shop\n',
    })
  })

  it('says what is wrong with a site before writing anything', async () => {
    const { cli } = setup()
    await cli(...add)
    await expect(cli('sites', 'add', '--tenant', 'demo')).rejects.toThrow(/--origin is required/)
    await expect(
      cli(
        'sites',
        'add',
        '--tenant',
        'demo',
        '--origin',
        'https://shop.example/path',
        '--traits',
        'name'
      )
    ).rejects.toThrow(/no path/)
    await expect(
      cli('sites', 'add', '--tenant', 'demo', '--origin', 'https://shop.example')
    ).rejects.toThrow(
      'a site must be allowed to read something: give --traits, --audiences or --recommendations'
    )
    await expect(
      cli('sites', 'add', '--tenant', 'demo', '--origin', 'https://a.example', '--audiences', 'x')
    ).rejects.toThrow(/id=Name/)
    expect(JSON.parse((await cli('sites', 'list', '--tenant', 'demo', '--json')).out)).toEqual([])
  })
})

describe('relay tenants load with sites and scoped keys', () => {
  it('declares the file’s sites and follows its edits, secrets and key scopes included', async () => {
    const { dir, cli, run, store } = setup()
    const file = join(dir, 'tenants.yaml')
    const write = (traits: string, scopes: string) =>
      writeFileSync(
        file,
        'tenants:\n  - id: t1\n    name: T1\n    intilery: { baseUrl: "https://x.test", clientId: c, accountId: a, brandId: b, authToken: { env: INTILERY_TOKEN } }\n' +
          `    apiKeys: [{ name: svc, key: { env: ZD_SECRET }, traits: "*", scopes: [${scopes}] }]\n` +
          `    sites: [{ id: demo-shop, origins: ["http://127.0.0.1:4800"], traits: [${traits}], recommendations: true, secret: { env: SITE_SECRET } }]\n`
      )
    const env = { SITE_SECRET: 'declared-site-secret-0123456789-0123456789' }
    write('first_name', 'profiles')
    expect((await run(['tenants', 'load', file], env)).code).toBe(0)
    expect(await store(async (s) => s.sites.get('demo-shop'))).toMatchObject({
      name: 'demo-shop',
      traits: ['first_name'],
      recommendations: true,
      secret: env.SITE_SECRET,
    })
    write('first_name,favorite_blog_category', 'profiles, recommendations')
    expect((await run(['tenants', 'load', file], env)).code).toBe(0)
    expect((await store(async (s) => s.sites.get('demo-shop')))?.traits).toEqual([
      'first_name',
      'favorite_blog_category',
    ])
    const [key] = JSON.parse((await cli('keys', 'list', '--tenant', 't1', '--json')).out) as {
      scopes: string[]
    }[]
    expect(key?.scopes).toEqual(['profiles', 'recommendations'])
  })

  it('retires a site the file no longer lists, and warns that removing a declared one is undone', async () => {
    const { dir, run, store } = setup()
    const file = join(dir, 'tenants.yaml')
    const tenant =
      'tenants:\n  - id: t1\n    name: T1\n    intilery: { baseUrl: "https://x.test", clientId: c, accountId: a, brandId: b, authToken: { env: INTILERY_TOKEN } }\n'
    const env = { SITE_SECRET: 'declared-site-secret-0123456789-0123456789' }
    writeFileSync(
      file,
      `${tenant}    sites: [{ id: demo-shop, origins: ["https://shop.example"], traits: [firstName], secret: { env: SITE_SECRET } }]\n`
    )
    await run(['tenants', 'load', file], env)
    const removed = await run(['sites', 'remove', '--id', 'demo-shop'])
    expect(removed.code).toBe(0)
    expect(removed.err).toMatch(/declared in the tenants file; take it out there too/)
    await run(['tenants', 'load', file], env)
    expect(await store(async (s) => (await s.sites.get('demo-shop'))?.declared)).toBe(true)

    writeFileSync(file, tenant)
    const loaded = await run(['tenants', 'load', file], env)
    expect(loaded.err).toBe(
      'relay: warning: site demo-shop of tenant t1 is no longer in the tenants file: removed, its visitor tokens are refused\n'
    )
    expect(await store(async (s) => s.sites.get('demo-shop'))).toBeUndefined()
  })
})
