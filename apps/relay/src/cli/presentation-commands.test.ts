// `relay tenants presentation show|set|clear`: the JSON the apps receive, a file set whole or
// refused whole (each mistake in words, nothing changed), the record link, and the warning for a
// tenant that RELAY_TENANTS_FILE declares (the relay would put the file's settings back).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { add, setup } from '../../test/cli-harness.ts'

const DEFAULT_LINK = 'https://demo.demo.intilery.com/customers/{id}'

const PRESENTATION_YAML = `header:
  - trait: lifetime_value
    label: { en: Lifetime value, de: Kundenwert }
    format: money
    currencyTrait: lifetime_value_currency
  - { trait: orders_count, label: Orders, format: number }
pinned: [plan]
audienceNames:
  audience_124516e8-aaaa: Recent openers
`
const PRESENTATION = {
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
  audienceNames: { 'audience_124516e8-aaaa': 'Recent openers' },
}

async function withDemo() {
  const harness = setup()
  expect((await harness.cli(...add)).code).toBe(0)
  const file = (name: string, text: string) => {
    const path = join(harness.dir, name)
    writeFileSync(path, text)
    return path
  }
  const show = async () => {
    const { code, out } = await harness.run(['tenants', 'presentation', 'show', '--tenant', 'demo'])
    expect(code).toBe(0)
    return JSON.parse(out) as unknown
  }
  return { ...harness, file, show }
}

describe('relay tenants presentation show', () => {
  it('prints the defaults the apps receive when nothing is set, saying so on stderr', async () => {
    const { run } = await withDemo()
    const shown = await run(['tenants', 'presentation', 'show', '--tenant', 'demo'])
    expect(shown.code).toBe(0)
    expect(JSON.parse(shown.out)).toEqual({ presentation: {}, recordUrl: DEFAULT_LINK })
    expect(shown.err).toBe(
      'relay: tenant demo has no presentation set: the apps use their defaults\n'
    )
  })

  it('says there is no record link when the Intilery ids cannot form a host name', async () => {
    const { cli, run } = await withDemo()
    await cli('tenants', 'update', '--id', 'demo', '--client-id', 'demo.example')
    const shown = await run(['tenants', 'presentation', 'show', '--tenant', 'demo', '--json'])
    expect(JSON.parse(shown.out)).toEqual({ presentation: {} })
    expect(shown.out).toBe('{"presentation":{}}\n')
    expect(shown.err).toContain('no record link')
  })

  it('fails for a tenant that does not exist', async () => {
    const { run } = await withDemo()
    expect(await run(['tenants', 'presentation', 'show', '--tenant', 'ghost'])).toEqual({
      code: 1,
      out: '',
      err: 'relay: no tenant ghost (relay tenants list shows the tenants)\n',
    })
  })
})

describe('relay tenants presentation set', () => {
  it('sets a YAML file, and show prints it with the record link', async () => {
    const { run, file, show } = await withDemo()
    const path = file('presentation.yaml', PRESENTATION_YAML)
    expect(
      await run(['tenants', 'presentation', 'set', '--tenant', 'demo', '--file', path])
    ).toEqual({ code: 0, out: 'set the presentation of tenant demo\n', err: '' })
    expect(await show()).toEqual({ presentation: PRESENTATION, recordUrl: DEFAULT_LINK })
  })

  it('takes JSON, from standard input too, and a tenants file’s presentation block', async () => {
    const { run, file, show } = await withDemo()
    const viaStdin = await run(
      ['tenants', 'presentation', 'set', '--tenant', 'demo', '--file', '-'],
      {},
      JSON.stringify({ pinned: ['plan'] })
    )
    expect(viaStdin.code).toBe(0)
    expect(await show()).toEqual({ presentation: { pinned: ['plan'] }, recordUrl: DEFAULT_LINK })

    const block = `presentation:\n${PRESENTATION_YAML.trimEnd().replace(/^/gm, '  ')}\nrecordUrl: https://crm.example.com/c/{id}\n`
    const path = file('block.yaml', block)
    expect(
      await run(['tenants', 'presentation', 'set', '--tenant', 'demo', '--file', path])
    ).toMatchObject({ code: 0, out: 'set the presentation and record link of tenant demo\n' })
    expect(await show()).toEqual({
      presentation: PRESENTATION,
      recordUrl: 'https://crm.example.com/c/{id}',
    })
  })

  it('sets and resets the record link alone, keeping the presentation', async () => {
    const { run, file, show } = await withDemo()
    await run([
      'tenants',
      'presentation',
      'set',
      '--tenant',
      'demo',
      '--file',
      file('p.yaml', PRESENTATION_YAML),
    ])
    const link = 'https://intilery.example.com/app/customers/{id}?tab=profile'
    expect(
      await run(['tenants', 'presentation', 'set', '--tenant', 'demo', '--record-url', link])
    ).toMatchObject({ code: 0, out: 'set the record link of tenant demo\n' })
    expect(await show()).toEqual({ presentation: PRESENTATION, recordUrl: link })
    await run(['tenants', 'presentation', 'set', '--tenant', 'demo', '--record-url', 'default'])
    expect(await show()).toEqual({ presentation: PRESENTATION, recordUrl: DEFAULT_LINK })
  })

  it.each([
    [
      'a wrong format and an unknown key',
      'header:\n  - { trait: ltv, format: cash, lable: LTV }\n',
      [
        '  header field 1, format: must be one of money, date, number, percent, text, list, product-ids\n',
        '  header field 1: unknown setting lable (known: trait, label, format, currency, currencyTrait)\n',
      ],
    ],
    [
      'a lower-case currency',
      'header:\n  - { trait: ltv, format: money, currency: gbp }\n',
      ['  header field 1, currency: must be a three-letter ISO 4217 code in capitals, e.g. GBP\n'],
    ],
    [
      'too many header fields',
      `header:\n${Array.from({ length: 9 }, (_, i) => `  - trait: t${i}\n`).join('')}`,
      ['  header: must have at most 8 entries\n'],
    ],
    [
      'a label in a wrong shape',
      'header:\n  - { trait: ltv, label: [a, b] }\n',
      [
        '  header field 1, label: must be a text (1 to 80 characters), or one text per locale such as { en: Lifetime value, de: Kundenwert }\n',
      ],
    ],
  ])('refuses %s in words and changes nothing (exit 1)', async (_, text, lines) => {
    const { run, file, show } = await withDemo()
    await run([
      'tenants',
      'presentation',
      'set',
      '--tenant',
      'demo',
      '--file',
      file('ok.yaml', PRESENTATION_YAML),
    ])
    const refused = await run([
      'tenants',
      'presentation',
      'set',
      '--tenant',
      'demo',
      '--file',
      file('bad.yaml', text),
    ])
    expect(refused).toEqual({
      code: 1,
      out: '',
      err: `relay: not a valid presentation; nothing was changed:\n${lines.join('')}`,
    })
    expect(await show()).toEqual({ presentation: PRESENTATION, recordUrl: DEFAULT_LINK })
  })

  it.each([
    'http://crm.example.com/{id}',
    'https://crm.example.com/customers',
    'javascript:alert(1)//{id}',
  ])('refuses the record link %s', async (link) => {
    const { run, show } = await withDemo()
    const refused = await run([
      'tenants',
      'presentation',
      'set',
      '--tenant',
      'demo',
      '--record-url',
      link,
    ])
    expect(refused.code).toBe(1)
    expect(refused.err).toMatch(
      /^relay: not a valid record URL; nothing was changed:\n {2}recordUrl: /
    )
    expect(await show()).toEqual({ presentation: {}, recordUrl: DEFAULT_LINK })
  })

  it('explains a wrong call (exit 2 from the CLI)', async () => {
    const { cli, file } = await withDemo()
    await expect(cli('tenants', 'presentation', 'set', '--tenant', 'demo')).rejects.toThrow(
      'give --file <presentation.json|yaml> and/or --record-url <url>'
    )
    await expect(
      cli('tenants', 'presentation', 'set', '--tenant', 'demo', '--file', '/nonexistent/p.yaml')
    ).rejects.toThrow('cannot read /nonexistent/p.yaml')
    await expect(
      cli(
        'tenants',
        'presentation',
        'set',
        '--tenant',
        'demo',
        '--file',
        file('x.yaml', 'header: [')
      )
    ).rejects.toThrow(/is not valid JSON or YAML/)
    await expect(cli('tenants', 'presentation', 'edit', '--tenant', 'demo')).rejects.toThrow(
      'give show, set or clear'
    )
    await expect(cli('tenants', 'presentation', 'show')).rejects.toThrow('--tenant is required')
  })

  it('fails for a tenant that does not exist', async () => {
    const { run, file } = await withDemo()
    expect(
      await run([
        'tenants',
        'presentation',
        'set',
        '--tenant',
        'ghost',
        '--file',
        file('p.yaml', PRESENTATION_YAML),
      ])
    ).toEqual({
      code: 1,
      out: '',
      err: 'relay: no tenant ghost (relay tenants list shows the tenants)\n',
    })
  })
})

describe('relay tenants presentation clear', () => {
  it('goes back to the defaults, record link included', async () => {
    const { run, file, show } = await withDemo()
    await run([
      'tenants',
      'presentation',
      'set',
      '--tenant',
      'demo',
      '--file',
      file('p.yaml', PRESENTATION_YAML),
      '--record-url',
      'https://crm.example.com/{id}',
    ])
    expect(await run(['tenants', 'presentation', 'clear', '--tenant', 'demo'])).toEqual({
      code: 0,
      out: 'cleared the presentation and record link of tenant demo: the apps use the defaults\n',
      err: '',
    })
    expect(await show()).toEqual({ presentation: {}, recordUrl: DEFAULT_LINK })
  })
})

describe('relay tenants load', () => {
  it('applies a tenant’s presentation block, and a file without one goes back to the defaults', async () => {
    const { run, file, show } = await withDemo()
    const tenant =
      'tenants:\n  - id: demo\n    name: Demo\n    intilery: { baseUrl: "http://127.0.0.1:4010", clientId: demo, accountId: demo, brandId: DEMO, authToken: { env: INTILERY_TOKEN } }\n'
    const block = `    presentation:\n${PRESENTATION_YAML.trimEnd().replace(/^/gm, '      ')}\n    recordUrl: https://crm.example.com/c/{id}\n`
    expect((await run(['tenants', 'load', file('with.yaml', tenant + block)])).code).toBe(0)
    expect(await show()).toEqual({
      presentation: PRESENTATION,
      recordUrl: 'https://crm.example.com/c/{id}',
    })
    expect((await run(['tenants', 'load', file('without.yaml', tenant)])).code).toBe(0)
    expect(await show()).toEqual({ presentation: {}, recordUrl: DEFAULT_LINK })
  })

  it('refuses a file whose presentation is wrong, naming the tenant, and changes nothing', async () => {
    const { run, file, show } = await withDemo()
    const bad =
      'tenants:\n  - id: demo\n    name: Demo\n    intilery: { baseUrl: "http://127.0.0.1:4010", clientId: demo, accountId: demo, brandId: DEMO, authToken: { env: INTILERY_TOKEN } }\n    presentation:\n      header: [{ trait: ltv, format: cash }]\n'
    await expect(run(['tenants', 'load', file('bad.yaml', bad)])).rejects.toThrow(
      'tenant demo: presentation: header field 1, format: must be one of money, date, number, percent, text, list, product-ids'
    )
    expect(await show()).toEqual({ presentation: {}, recordUrl: DEFAULT_LINK })
  })
})

describe('a tenant declared in RELAY_TENANTS_FILE', () => {
  it('gets the warning after set and clear, not after show', async () => {
    const { run, file } = await withDemo()
    const tenantsFile = file(
      'tenants.yaml',
      'tenants:\n  - id: demo\n    name: Demo\n    intilery: { baseUrl: "http://127.0.0.1:4010", clientId: demo, accountId: demo, brandId: DEMO, authToken: { env: UNSET_TOKEN } }\n'
    )
    const env = { RELAY_TENANTS_FILE: tenantsFile }
    const warning = `relay: warning: tenant demo is declared in RELAY_TENANTS_FILE (${tenantsFile}); the relay applies that file at every start and will undo this change: make it in the file too\n`
    const presentation = file('p.yaml', PRESENTATION_YAML)
    const set = await run(
      ['tenants', 'presentation', 'set', '--tenant', 'demo', '--file', presentation],
      env
    )
    expect(set).toMatchObject({ code: 0, err: warning })
    expect(await run(['tenants', 'presentation', 'clear', '--tenant', 'demo'], env)).toMatchObject({
      code: 0,
      err: warning,
    })
    const shown = await run(['tenants', 'presentation', 'show', '--tenant', 'demo'], env)
    expect(shown.err).not.toContain('warning')
    // A refused change changed nothing, so there is nothing for the file to undo.
    const refused = await run(
      ['tenants', 'presentation', 'set', '--tenant', 'demo', '--record-url', 'http://x/{id}'],
      env
    )
    expect(refused.code).toBe(1)
    expect(refused.err).not.toContain('warning')
  })
})
