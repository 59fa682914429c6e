/**
 * Zendesk's app validator rules (the `zendesk_apps_support` gem, ../shared/reference/zendesk.md
 * §3.1) checked offline against a built app directory: Zendesk validates only server-side, with
 * credentials, so CI checks the same rules here. Returns the problems found; empty means valid.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { extname, join } from 'node:path'

import { z } from 'zod'

import { appFiles } from './app-files.ts'
import { pngSize } from './png.ts'

const PARAMETER_TYPES = ['text', 'checkbox', 'url', 'number', 'multiline', 'hidden', 'oauth']
const SCOPES = [
  'header',
  'body',
  'url',
  'jwt_secret_key',
  'jwt_claim',
  'basic_auth_username',
  'basic_auth_password',
]
const SUPPORT_LOCATIONS = [
  'top_bar',
  'nav_bar',
  'ticket_sidebar',
  'new_ticket_sidebar',
  'user_sidebar',
  'organization_sidebar',
  'background',
  'modal',
  'ticket_editor',
  'system_top_bar',
]
const FORBIDDEN_EXTENSIONS = new Set(
  [
    'zip',
    'gzip',
    'pdf',
    'doc',
    'docx',
    'rar',
    'jar',
    'mp3',
    'xls',
    'xlsx',
    'ppt',
    'pptx',
    '7z',
    'sh',
    'bin',
  ].map((e) => `.${e}`)
)
const LOCALE = /^[a-z]{2,3}(-\w{2,3})?$/
/** zendesk_apps_support's pattern for a text setting that looks like it holds a secret. */
const SECRET_NAME = /token|key|pwd|password/i

const parameterSchema = z.object({
  name: z.string().min(1),
  type: z.string(),
  required: z.boolean().optional(),
  secure: z.boolean().optional(),
  scopes: z.array(z.string()).optional(),
  default: z.unknown().optional(),
})

/** A DNS host name or IPv4 address, as Zendesk's domainWhitelist examples show (`omniwear.com`). */
const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i

const manifestSchema = z.object({
  name: z.string().min(1),
  author: z.object({ name: z.string(), email: z.string(), url: z.url({ protocol: /^https?$/ }) }),
  defaultLocale: z.string().regex(LOCALE),
  // zendesk_apps_support's Manifest reads `private` with a default of true; false marks an app meant
  // for the public Marketplace, which must carry its listing texts (MARKETPLACE_KEYS).
  private: z.boolean().default(true),
  version: z.string(),
  frameworkVersion: z.literal('2.0'),
  location: z.object({
    support: z.record(
      z.string(),
      z.union([z.string(), z.object({ url: z.string(), flexible: z.boolean().optional() })])
    ),
  }),
  domainWhitelist: z.array(z.string()).optional(),
  parameters: z.array(parameterSchema).default([]),
})

/**
 * Every translation names the app; the Marketplace listing texts are optional here and required of
 * public apps in en.json only (zendesk_apps_support's Translations validation), but kept within the
 * Marketplace's 80 characters wherever a short description is given.
 */
const translationSchema = z.object({
  app: z.object({
    name: z.string().min(1),
    short_description: z.string().min(1).max(80).optional(),
    description: z.string().min(1).optional(),
    long_description: z.string().min(1).optional(),
    installation_instructions: z.string().min(1).optional(),
    parameters: z
      .record(
        z.string(),
        // Zendesk shows helpText under the field on the settings page (optional, a string).
        z.object({ label: z.string().min(1), helpText: z.string().min(1).optional() })
      )
      .default({}),
  }),
})
type Translation = z.infer<typeof translationSchema>
/** What a public (`"private": false`) app's translations/en.json must hold besides its name. */
const MARKETPLACE_KEYS = ['short_description', 'long_description', 'installation_instructions']

function marketplaceProblems(file: string, translation: Translation): string[] {
  const app: Partial<Record<string, unknown>> = translation.app
  return MARKETPLACE_KEYS.filter(
    // Zendesk still takes the older `description` in place of `short_description`.
    (key) =>
      app[key] === undefined && !(key === 'short_description' && app.description !== undefined)
  ).map(
    (key) =>
      `translations/${file} app.${key}: a public ("private": false) app needs it for its Marketplace listing; apps uploaded as private apps set "private": true`
  )
}

/**
 * Stricter than zendesk_apps_support, which only asks for strings: Zendesk's examples are bare host
 * names, and nothing documents substituting settings here (docs/zendesk-packaging.md), so a URL, a
 * path or a {{setting.…}} placeholder would install fine and then fail every secure call.
 */
export function domainWhitelistProblems(domains: readonly string[]): string[] {
  return domains.flatMap((domain) => {
    if (domain.includes('{{'))
      return [
        `domainWhitelist ${domain}: Zendesk does not substitute settings in domainWhitelist; name the relay host`,
      ]
    if (!HOST_NAME.test(domain))
      return [`domainWhitelist ${domain}: must be a bare host name, without scheme, port or path`]
    return []
  })
}

function checkImage(dir: string, file: string, sizes: readonly string[], problems: string[]) {
  const path = join(dir, file)
  if (!existsSync(path)) return void problems.push(`${file} is missing`)
  const size = pngSize(readFileSync(path))
  if (size === undefined) return void problems.push(`${file} is not a PNG`)
  if (!sizes.includes(`${size.width}x${size.height}`))
    problems.push(`${file} is ${size.width}x${size.height}, must be ${sizes.join(' or ')}`)
}

export function validateApp(dir: string): string[] {
  const problems: string[] = []
  const manifestPath = join(dir, 'manifest.json')
  if (!existsSync(manifestPath)) return ['manifest.json is missing at the package root']
  const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(manifestPath, 'utf8')))
  if (!parsed.success)
    return parsed.error.issues.map((i) => `manifest.json ${i.path.join('.')}: ${i.message}`)
  const manifest = parsed.data

  for (const [location, value] of Object.entries(manifest.location.support)) {
    if (!SUPPORT_LOCATIONS.includes(location)) problems.push(`unknown location ${location}`)
    const url = typeof value === 'string' ? value : value.url
    if (/^https?:\/\//.test(url)) {
      if (!url.startsWith('https://') && !/^http:\/\/localhost[:/]/.test(url))
        problems.push(`${location}: absolute URLs must be https`)
    } else if (!url.startsWith('assets/'))
      problems.push(`${location}: relative URLs start with assets/`)
    else if (!existsSync(join(dir, url))) problems.push(`${location}: ${url} does not exist`)
  }

  problems.push(...domainWhitelistProblems(manifest.domainWhitelist ?? []))

  const names = new Set<string>()
  for (const parameter of manifest.parameters) {
    if (names.has(parameter.name)) problems.push(`parameter ${parameter.name} is declared twice`)
    names.add(parameter.name)
    if (parameter.name === 'name') problems.push('a parameter may not be called "name"')
    if (!PARAMETER_TYPES.includes(parameter.type))
      problems.push(`parameter ${parameter.name}: unknown type ${parameter.type}`)
    if (parameter.type === 'hidden' && parameter.required === true)
      problems.push(`parameter ${parameter.name}: hidden parameters cannot be required`)
    // zendesk_apps_support warns about these: a non-secure setting reaches every agent's browser.
    if (parameter.type === 'text' && parameter.secure !== true && SECRET_NAME.test(parameter.name))
      problems.push(
        `parameter ${parameter.name}: named like a secret (token, key, pwd, password) but not secure; non-secure settings reach the agents' browsers`
      )
    if (parameter.secure === true) {
      const scopes = parameter.scopes ?? []
      if (scopes.length === 0 || scopes.some((s) => !SCOPES.includes(s)))
        problems.push(
          `parameter ${parameter.name}: a secure parameter needs scopes from ${SCOPES.join(', ')}`
        )
      if (parameter.default !== undefined)
        problems.push(`parameter ${parameter.name}: a secure parameter may not have a default`)
      if ((manifest.domainWhitelist ?? []).length === 0)
        problems.push('secure parameters need a domainWhitelist')
    } else if (parameter.scopes !== undefined) {
      problems.push(`parameter ${parameter.name}: scopes apply only to secure parameters`)
    }
  }

  const translations = join(dir, 'translations')
  if (!existsSync(join(translations, `${manifest.defaultLocale}.json`)))
    problems.push(`translations/${manifest.defaultLocale}.json (the default locale) is missing`)
  for (const file of existsSync(translations) ? readdirSync(translations) : []) {
    const locale = file.replace(/\.json$/, '')
    if (!LOCALE.test(locale)) problems.push(`translations/${file}: not a locale name`)
    const translation = translationSchema.safeParse(
      JSON.parse(readFileSync(join(translations, file), 'utf8'))
    )
    if (!translation.success) {
      for (const issue of translation.error.issues)
        problems.push(`translations/${file} ${issue.path.join('.')}: ${issue.message}`)
      continue
    }
    if (!manifest.private && file === 'en.json')
      problems.push(...marketplaceProblems(file, translation.data))
    for (const parameter of manifest.parameters)
      if (translation.data.app.parameters[parameter.name] === undefined)
        problems.push(`translations/${file}: no label for parameter ${parameter.name}`)
  }

  checkImage(dir, 'assets/logo.png', ['320x320'], problems)
  checkImage(dir, 'assets/logo-small.png', ['128x128'], problems)
  const files = appFiles(dir)
  for (const file of files) {
    if (/^assets\/screenshot-\d+\.png$/.test(file)) checkImage(dir, file, ['1024x768'], problems)
    if (file === 'assets/banner.png') checkImage(dir, file, ['830x200', '1660x400'], problems)
    if (file !== 'app.zip' && FORBIDDEN_EXTENSIONS.has(extname(file).toLowerCase()))
      problems.push(`${file}: this kind of file is not allowed in an app`)
  }
  return problems
}
