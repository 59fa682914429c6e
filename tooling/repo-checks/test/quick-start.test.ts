// The README promises two commands; CI must run the same test command, and both must call the
// root scripts that exist. This keeps the three from drifting apart.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const read = (path: string) => readFileSync(`${root}/${path}`, 'utf8')

const readme = read('README.md')
const quickStart = /## Quick start[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? ''
const commands = quickStart
  .split('\n')
  .map((line) => line.replace(/#.*$/, '').trim())
  .filter((line) => line !== '')
const pkg = JSON.parse(read('package.json')) as {
  packageManager: string
  scripts: Record<string, string>
}

describe('README quick start', () => {
  it('is exactly two commands: install+start and install+test', () => {
    expect(commands).toHaveLength(2)
    expect(commands[0]).toMatch(/ install && .* start$/)
    expect(commands[1]).toMatch(/ install && .* test$/)
  })

  it('uses the pinned package manager and scripts that exist', () => {
    const pnpm = pkg.packageManager.replace('pnpm@', '')
    for (const command of commands) expect(command).toContain(`pnpm@${pnpm}`)
    expect(pkg.scripts.start).toBeDefined()
    expect(pkg.scripts.test).toBeDefined()
  })

  it('is what CI runs for tests', () => {
    expect(read('.ci/run')).toContain(commands[1])
  })

  it('is followed in CI by the suites that need real servers, which it leaves out', () => {
    expect(pkg.scripts['test:servers']).toBeDefined()
    expect(read('.ci/run')).toMatch(/start_servers\n.*pnpm@[\d.]+ test:servers\n/)
  })
})
