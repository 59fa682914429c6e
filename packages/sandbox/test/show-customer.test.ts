// `pnpm customer` is how a reader of the README sees the formatters on any sandbox customer.
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const cwd = fileURLToPath(new URL('..', import.meta.url))
const customer = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'scripts/show-customer.ts', ...args], { cwd })

describe('pnpm customer', () => {
  it('prints the card, the timeline and the note in the locale asked for', async () => {
    const { stdout } = await customer(
      'userId:4c90b9cf-5e4d-4689-ba57-b0f3e7c813fe',
      '--locale',
      'de',
      '--time-zone',
      'Europe/Berlin',
      '--events',
      '5',
      '--note',
      'markdown'
    )
    expect(stdout).toContain('Joe Bloggs')
    expect(stdout).toContain('Identitäten')
    expect(stdout).toContain('Marketing-Einwilligung')
    expect(stdout).toMatch(/Heute|Gestern/)
    expect(stdout).toContain('**') // the markdown note
  })

  it.each([
    ['an invalid ref', ['phone:123'], 'Unknown id type'],
    ['an unknown customer', ['email:nobody@example.com'], 'no sandbox customer matches'],
  ])('explains %s and exits 1', async (_label, args, message) => {
    const failure = (await customer(...args).catch((error: unknown) => error)) as {
      code?: number
      stderr?: string
    }
    expect(failure.code).toBe(1)
    expect(failure.stderr).toContain(message)
  })
})
