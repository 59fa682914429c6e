// Which browser the tests drive: CHROMIUM_PATH, else a system Chromium or Chrome on PATH, else the
// Chromium shipped in the npm package @sparticuz/chromium, which must run here with the tests'
// flags, so a machine with only Node and npm runs the browser tests too.
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, expect, it } from 'vitest'

import { ChromiumNotFoundError, findChromium, launchChromiumFrom } from '../src/browser.ts'

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

/** A directory for PATH holding executables of the given names (not browsers; never run). */
function pathWith(...names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-path-'))
  dirs.push(dir)
  for (const name of names) {
    writeFileSync(join(dir, name), '#!/bin/sh\nexit 1\n')
    chmodSync(join(dir, name), 0o755)
  }
  return dir
}

it('takes a system Chromium on PATH first, then Google Chrome', async () => {
  const both = pathWith('google-chrome', 'chromium')
  expect(await findChromium({ PATH: both })).toEqual({
    source: 'system',
    path: join(both, 'chromium'),
    env: {},
  })
  const chrome = pathWith('google-chrome')
  expect((await findChromium({ PATH: `${pathWith()}:${chrome}` })).path).toBe(
    join(chrome, 'google-chrome')
  )
})

it('takes CHROMIUM_PATH over PATH, and refuses one that is not there', async () => {
  const dir = pathWith('my-chromium', 'chromium')
  expect(await findChromium({ CHROMIUM_PATH: join(dir, 'my-chromium'), PATH: dir })).toMatchObject({
    source: 'CHROMIUM_PATH',
    path: join(dir, 'my-chromium'),
  })
  await expect(findChromium({ CHROMIUM_PATH: join(dir, 'missing') })).rejects.toThrow(
    ChromiumNotFoundError
  )
})

it('refuses E2E_CHROMIUM=system without one on PATH, and an unknown E2E_CHROMIUM', async () => {
  await expect(findChromium({ E2E_CHROMIUM: 'system', PATH: pathWith() })).rejects.toThrow(
    /apt-get install -y chromium/
  )
  await expect(findChromium({ E2E_CHROMIUM: 'firefox', PATH: pathWith() })).rejects.toThrow(
    ChromiumNotFoundError
  )
})

it('falls back to the npm-shipped Chromium 147 when PATH has no browser', async () => {
  const found = await findChromium({ PATH: pathWith() })
  expect(found.source).toBe('bundled')
  const version = spawnSync(found.path, ['--version'], {
    encoding: 'utf8',
    env: { ...process.env, ...found.env },
  })
  expect(version.stdout).toMatch(/^Chromium 147\./)
  // Forced even where a system browser exists.
  expect(await findChromium({ E2E_CHROMIUM: 'bundled', PATH: pathWith('chromium') })).toEqual(found)
})

it('runs the npm-shipped Chromium with the tests’ flags: a page, a frame, its script, a screenshot', async () => {
  const browser = await launchChromiumFrom({ E2E_CHROMIUM: 'bundled', PATH: pathWith() })
  try {
    expect(browser.version()).toMatch(/^147\./)
    const page = await browser.newPage()
    await page.setContent(
      '<h1>Joe</h1><iframe srcdoc="<p id=inner>Bloggs</p>"></iframe><script>document.title = "ok"</script>'
    )
    expect(await page.title()).toBe('ok')
    expect(await page.frames()[1]?.locator('#inner').textContent()).toBe('Bloggs')
    expect((await page.screenshot()).length).toBeGreaterThan(1000)
  } finally {
    await browser.close()
  }
})
