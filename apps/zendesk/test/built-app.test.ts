// The built app against Zendesk's validator rules, offline (Zendesk validates only server-side):
// the real build passes, and each rule catches the mistake it exists for.
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access -- the tests edit JSON fixtures in place */
import { spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { APP_DIR, AppRefusedError, buildApp } from '../scripts/build-app.ts'
import { encodePng } from '../scripts/png.ts'
import { validateApp } from '../scripts/validate-app.ts'

const work = mkdtempSync(join(tmpdir(), 'zendesk-app-'))
let built: string
beforeAll(async () => {
  built = await buildApp({ outDir: join(work, 'dist'), relayDomains: ['relay.example.com'] })
}, 60_000)
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** A copy of the built app with one thing changed. */
function variant(name: string, change: (dir: string) => void): string {
  const dir = join(work, name)
  cpSync(built, dir, { recursive: true })
  change(dir)
  return dir
}
const editJson = (file: string, edit: (value: Record<string, any>) => void) => {
  const value = JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>
  edit(value)
  writeFileSync(file, JSON.stringify(value))
}

describe('the built Zendesk app', () => {
  it('passes every validator rule', () => {
    expect(validateApp(built)).toEqual([])
  })

  it('zips the app with manifest.json at the root and nothing else nested oddly', () => {
    const entries = Object.keys(unzipSync(readFileSync(join(built, 'app.zip'))))
    expect(entries).toContain('manifest.json')
    expect(entries).toContain('assets/index.html')
    expect(entries).toContain('translations/en.json')
    for (const locale of ['de', 'fr', 'es', 'nl', 'pt-br', 'ja'])
      expect(entries).toContain(`translations/${locale}.json`)
    expect(entries.every((entry) => !entry.startsWith('dist/') && entry !== 'app.zip')).toBe(true)
  })

  it('ships its catalogues parsed, each its own chunk, and no message parser', () => {
    const assets = join(built, 'assets')
    const script = readFileSync(join(assets, 'index.js'), 'utf8')
    // A sentence only core's ICU parser holds (message-syntax.ts): the stand-in replaced it.
    expect(script).not.toContain('needs an "other" case')
    expect(script).toContain('compiled at build time')
    const english = readFileSync(join(assets, 'en.js'), 'utf8')
    // One up-front script: every other chunk is loaded with import(), none statically.
    expect(script).not.toMatch(/\bfrom\s*["'`]\.\/[^"'`]+\.js["'`]/)
    const compiledPlural = /type:[`"']plural[`"']/
    expect(english).toMatch(compiledPlural)
    expect(script).not.toMatch(compiledPlural)
  })

  it('names the relay host as the only domain the proxy may send the secret’s signatures to', () => {
    const manifest = JSON.parse(readFileSync(join(built, 'manifest.json'), 'utf8')) as {
      domainWhitelist: string[]
      parameters: { name: string; secure?: boolean; scopes?: string[] }[]
    }
    expect(manifest.domainWhitelist).toEqual(['relay.example.com'])
    expect(manifest.parameters.find((p) => p.name === 'shared_secret')).toMatchObject({
      secure: true,
      scopes: ['jwt_secret_key'],
    })
  })

  it('declares the optional header_fields setting, labelled and explained in every locale', () => {
    const manifest = JSON.parse(readFileSync(join(built, 'manifest.json'), 'utf8')) as {
      parameters: { name: string; type: string; required?: boolean; secure?: boolean }[]
    }
    expect(manifest.parameters.find((p) => p.name === 'header_fields')).toEqual({
      name: 'header_fields',
      type: 'text',
      required: false,
    })
    for (const locale of ['en', 'de', 'es', 'fr', 'ja', 'nl', 'pt-br']) {
      const translation = JSON.parse(
        readFileSync(join(built, 'translations', `${locale}.json`), 'utf8')
      ) as { app: { parameters: Record<string, { label: string; helpText?: string }> } }
      const { label, helpText } = translation.app.parameters.header_fields ?? { label: '' }
      expect(label, locale).not.toBe('')
      // The example keys are trait keys, the same in every language.
      expect(helpText, locale).toContain('lifetime_value, orders_count')
    }
  })

  it('is a private app, as each customer uploads it (Admin Center → Upload private app)', () => {
    const manifest = JSON.parse(readFileSync(join(built, 'manifest.json'), 'utf8')) as {
      private: boolean
    }
    expect(manifest.private).toBe(true)
  })

  it('accepts a private app whose translations only name it, as Zendesk does', () => {
    const dir = variant('names-only', (d) => {
      for (const locale of ['en', 'fr'])
        editJson(join(d, 'translations', `${locale}.json`), (t) => {
          delete t.app.short_description
          delete t.app.long_description
          delete t.app.installation_instructions
        })
    })
    expect(validateApp(dir)).toEqual([])
  })

  it.each([
    [
      'a public app without its Marketplace listing texts',
      (d: string) => {
        editJson(join(d, 'manifest.json'), (m) => void (m.private = false))
        editJson(join(d, 'translations', 'en.json'), (t) => void delete t.app.long_description)
      },
      'translations/en.json app.long_description: a public',
    ],
    [
      'frameworkVersion 1.0',
      (d: string) => editJson(join(d, 'manifest.json'), (m) => void (m.frameworkVersion = '1.0')),
      'frameworkVersion',
    ],
    [
      'a location URL that does not exist',
      (d: string) =>
        editJson(
          join(d, 'manifest.json'),
          (m) => void (m.location.support.ticket_sidebar.url = 'assets/missing.html')
        ),
      'does not exist',
    ],
    [
      'a location URL outside assets/',
      (d: string) =>
        editJson(
          join(d, 'manifest.json'),
          (m) => void (m.location.support.user_sidebar = { url: 'index.html' })
        ),
      'start with assets/',
    ],
    [
      'no default-locale translation',
      (d: string) => rmSync(join(d, 'translations', 'en.json')),
      'default locale',
    ],
    [
      'a secure parameter without scopes',
      (d: string) => editJson(join(d, 'manifest.json'), (m) => void delete m.parameters[1].scopes),
      'needs scopes',
    ],
    [
      'secure parameters without a domainWhitelist',
      (d: string) => editJson(join(d, 'manifest.json'), (m) => void (m.domainWhitelist = [])),
      'domainWhitelist',
    ],
    [
      'a setting placeholder in the domainWhitelist',
      (d: string) =>
        editJson(
          join(d, 'manifest.json'),
          (m) => void (m.domainWhitelist = ['{{setting.relay_host}}'])
        ),
      'does not substitute settings in domainWhitelist',
    ],
    [
      'a URL instead of a host name in the domainWhitelist',
      (d: string) =>
        editJson(
          join(d, 'manifest.json'),
          (m) => void (m.domainWhitelist = ['https://relay.example.com/'])
        ),
      'must be a bare host name',
    ],
    [
      'an unknown parameter type',
      (d: string) =>
        editJson(join(d, 'manifest.json'), (m) => void (m.parameters[0].type = 'password')),
      'unknown type',
    ],
    [
      'a short description over 80 characters',
      (d: string) =>
        editJson(
          join(d, 'translations', 'fr.json'),
          (t) => void (t.app.short_description = 'x'.repeat(81))
        ),
      'short_description',
    ],
    [
      'a logo of the wrong size',
      (d: string) =>
        writeFileSync(
          join(d, 'assets', 'logo.png'),
          encodePng(300, 300, () => [0, 0, 0, 255])
        ),
      'must be 320x320',
    ],
    [
      'a screenshot of the wrong size',
      (d: string) =>
        writeFileSync(
          join(d, 'assets', 'screenshot-0.png'),
          encodePng(800, 600, () => [0, 0, 0, 255])
        ),
      'must be 1024x768',
    ],
    [
      'a parameter label missing from a translation',
      (d: string) =>
        editJson(join(d, 'translations', 'ja.json'), (t) => void delete t.app.parameters.relay_url),
      'no label for parameter relay_url',
    ],
    [
      'a non-secure text setting named like a secret',
      (d: string) => {
        editJson(
          join(d, 'manifest.json'),
          (m) => void (m.parameters as unknown[]).push({ name: 'api_token', type: 'text' })
        )
        for (const locale of ['en', 'de', 'es', 'fr', 'ja', 'nl', 'pt-br'])
          editJson(
            join(d, 'translations', `${locale}.json`),
            (t) => void (t.app.parameters.api_token = { label: 'API token' })
          )
      },
      'parameter api_token: named like a secret',
    ],
    [
      'a parameter help text that is not text',
      (d: string) =>
        editJson(
          join(d, 'translations', 'nl.json'),
          (t) => void (t.app.parameters.header_fields.helpText = 42)
        ),
      'translations/nl.json app.parameters.header_fields.helpText',
    ],
    [
      'a forbidden file type',
      (d: string) => writeFileSync(join(d, 'assets', 'notes.pdf'), 'x'),
      'not allowed',
    ],
  ])('reports %s', (name, change, problem) => {
    const problems = validateApp(variant(name.replace(/\W+/g, '-'), change))
    expect(problems.join('\n')).toContain(problem)
  })
})

describe('a refused build', () => {
  /** An output folder holding an app.zip from an earlier build, which must not survive a refusal. */
  function outDirWithStaleZip(name: string): string {
    const outDir = join(work, name)
    mkdirSync(outDir, { recursive: true })
    writeFileSync(join(outDir, 'app.zip'), 'an earlier build')
    return outDir
  }

  it('writes no app.zip and removes an earlier one when a relay host is a URL', async () => {
    const outDir = outDirWithStaleZip('refused-api')
    const refusal = buildApp({ outDir, relayDomains: ['https://relay.acme.example'] })
    await expect(refusal).rejects.toBeInstanceOf(AppRefusedError)
    await expect(refusal).rejects.toMatchObject({
      badRelayDomains: ['https://relay.acme.example'],
    })
    expect(existsSync(join(outDir, 'app.zip'))).toBe(false)
  })

  it('the build command exits 1, says first what to fix, and leaves no app.zip', () => {
    const outDir = outDirWithStaleZip('refused-cli')
    const run = spawnSync(
      join(APP_DIR, 'node_modules', '.bin', 'tsx'),
      [join(APP_DIR, 'scripts', 'build.ts')],
      {
        cwd: APP_DIR,
        encoding: 'utf8',
        env: {
          ...process.env,
          ZENDESK_RELAY_DOMAINS: 'https://relay.acme.example',
          ZENDESK_OUT_DIR: outDir,
        },
      }
    )
    expect(run.status).toBe(1)
    const [headline, fix] = run.stderr.split('\n')
    expect(headline).toContain('NOT built')
    expect(headline).toContain('ZENDESK_RELAY_DOMAINS takes bare host names')
    expect(headline).toContain('https://relay.acme.example')
    expect(fix).toContain('ZENDESK_RELAY_DOMAINS=relay.acme.example')
    expect(run.stderr).toContain('Nothing was written')
    expect(existsSync(join(outDir, 'app.zip'))).toBe(false)
  }, 120_000)
})
