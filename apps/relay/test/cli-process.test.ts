// The `relay` command as a process, as operators and scripts run it: stdout carries only the
// output, a failure is one line on stderr (never a stack) with an exit code that says what failed.
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

import { describe, expect, it } from 'vitest'

const cwd = fileURLToPath(new URL('..', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'relay-cli-process-'))
const env = {
  PATH: process.env.PATH ?? '',
  RELAY_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
  RELAY_AUDIT_KEY: 'cli-process-audit-key-0123456789abcdef',
  DATABASE_URL: `file:${join(dir, 'relay.db')}`,
  TOKEN: 'intilery-token-process',
}

async function relay(argv: string[], extra: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', ...argv],
      { cwd, env: { ...env, ...extra } }
    )
    return { code: 0, stdout, stderr }
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string }
    return { code, stdout, stderr }
  }
}

describe('the relay command', () => {
  it('lists as JSON on a clean stdout, and refuses a wrong key with one line and exit code 3', async () => {
    const added = await relay([
      'tenants',
      'add',
      '--id',
      'demo',
      '--name',
      'Demo',
      '--base-url',
      'https://x.test',
      '--client-id',
      'c',
      '--account-id',
      'a',
      '--brand-id',
      'b',
      '--token-env',
      'TOKEN',
    ])
    expect(added).toEqual({ code: 0, stdout: 'added tenant demo\n', stderr: '' })
    const listed = await relay(['tenants', 'list', '--json'])
    expect(listed.stderr).toBe('')
    expect((JSON.parse(listed.stdout) as { id: string }[]).map((t) => t.id)).toEqual(['demo'])

    const wrong = await relay(['tenants', 'list'], {
      RELAY_ENCRYPTION_KEY: Buffer.alloc(32, 2).toString('base64'),
    })
    expect(wrong).toEqual({
      code: 3,
      stdout: '',
      stderr:
        'relay: RELAY_ENCRYPTION_KEY does not open the secrets in this database; was it rotated?\n',
    })
  })

  it('reads relative paths from where the command was typed (INIT_CWD), not apps/relay where pnpm runs it', async () => {
    const typed = mkdtempSync(join(tmpdir(), 'relay-cli-typed-'))
    writeFileSync(
      join(typed, 'tenants.yaml'),
      'tenants:\n  - id: typed\n    name: Typed\n    intilery: { baseUrl: "https://x.test", clientId: c, accountId: a, brandId: b, authToken: { file: token.txt } }\n'
    )
    writeFileSync(join(typed, 'token.txt'), 'intilery-token-from-a-file')
    const loaded = await relay(['tenants', 'load', 'tenants.yaml'], {
      INIT_CWD: typed,
      DATABASE_URL: 'file:typed-folder-test.db',
    })
    expect(loaded).toMatchObject({ code: 0, stderr: '' })
    expect(existsSync(join(typed, 'typed-folder-test.db'))).toBe(true)
    expect(existsSync(join(cwd, 'typed-folder-test.db'))).toBe(false)
    const listed = await relay(['tenants', 'list', '--json'], {
      INIT_CWD: typed,
      DATABASE_URL: 'file:typed-folder-test.db',
    })
    expect((JSON.parse(listed.stdout) as { id: string }[]).map((t) => t.id)).toEqual(['typed'])
  })

  it('says which folder a SQLite database needs, in one line and exit code 1', async () => {
    const folder = join(dir, 'missing')
    expect(await relay(['tenants', 'list'], { DATABASE_URL: `file:${folder}/relay.db` })).toEqual({
      code: 1,
      stdout: '',
      stderr: `relay: Database migration (setup) failed: cannot open the SQLite database ${folder}/relay.db: the folder ${folder} does not exist\n`,
    })
  })
})
