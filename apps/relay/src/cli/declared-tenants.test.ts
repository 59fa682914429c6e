// A tenant declared in RELAY_TENANTS_FILE is put back as the file says at every start: the CLI
// commands that change one say so on stderr, keeping their output and exit code.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { add, setup } from '../../test/cli-harness.ts'

/** A tenants file declaring tenant demo (subdomain demo); its secrets name unset variables. */
function declareDemo(dir: string): string {
  const file = join(dir, 'tenants.yaml')
  writeFileSync(
    file,
    'tenants:\n  - id: demo\n    name: Demo\n    intilery: { baseUrl: "http://127.0.0.1:4010", clientId: demo, accountId: demo, brandId: DEMO, authToken: { env: UNSET_TOKEN } }\n    zendesk: [{ subdomain: demo, sharedSecret: { env: UNSET_SECRET } }]\n'
  )
  return file
}

const warning = (file: string) =>
  `relay: warning: tenant demo is declared in RELAY_TENANTS_FILE (${file}); the relay applies that file at every start and will undo this change: make it in the file too\n`

describe('commands that change a tenant declared in RELAY_TENANTS_FILE', () => {
  it('warn on stderr after update, rotate-token, rotate-secret and remove, exit code 0', async () => {
    const { cli, run, dir } = setup()
    expect((await cli(...add)).code).toBe(0)
    const file = declareDemo(dir)
    const withFile = { RELAY_TENANTS_FILE: file }
    const calls = [
      ['tenants', 'update', '--id', 'demo', '--name', 'Renamed'],
      ['tenants', 'rotate-token', '--id', 'demo', '--token-env', 'INTILERY_TOKEN'],
      [
        'tenants',
        'rotate-secret',
        '--zendesk-subdomain',
        'demo',
        '--zendesk-secret-env',
        'ZD_SECRET',
      ],
      ['tenants', 'remove', '--id', 'demo', '--yes'],
    ]
    for (const argv of calls) {
      const result = await run(argv, withFile)
      expect(result.code, argv.join(' ')).toBe(0)
      expect(result.err, argv.join(' ')).toBe(warning(file))
      expect(result.out, argv.join(' ')).not.toContain('warning')
    }
  })

  it('say nothing for a tenant the file does not declare, or without a file', async () => {
    const { cli, run, dir } = setup()
    await cli(...add.slice(0, 3), 'other', ...add.slice(4, -4))
    await cli(...add)
    const file = declareDemo(dir)
    expect(
      await run(['tenants', 'update', '--id', 'other', '--name', 'X'], { RELAY_TENANTS_FILE: file })
    ).toMatchObject({ code: 0, err: '' })
    expect(await run(['tenants', 'update', '--id', 'demo', '--name', 'X'])).toMatchObject({
      code: 0,
      err: '',
    })
    // A failed command changed nothing, so there is nothing to undo.
    expect(
      await run(['tenants', 'remove', '--id', 'nobody'], { RELAY_TENANTS_FILE: file })
    ).toEqual({
      code: 1,
      out: '',
      err: 'relay: no tenant nobody (relay tenants list shows the tenants)\n',
    })
  })

  it('say the file could not be checked when it cannot be read, and still succeed', async () => {
    const { cli, run, dir } = setup()
    await cli(...add)
    const missing = join(dir, 'missing.yaml')
    const result = await run(['tenants', 'update', '--id', 'demo', '--name', 'X'], {
      RELAY_TENANTS_FILE: missing,
    })
    expect(result.code).toBe(0)
    expect(result.out).toBe('updated tenant demo: --name\n')
    expect(result.err).toMatch(
      new RegExp(
        `^relay: warning: could not check whether tenant demo is declared in RELAY_TENANTS_FILE \\(${missing}\\): ENOENT[^\\n]*; if it is, the relay will undo this change at its next start\\n$`
      )
    )
  })
})
