/**
 * @module cli/cli-args
 * The `relay` command's flags and how secrets reach it. Secrets are never plain arguments (they
 * would land in shell history and `ps`): each comes from an environment variable (`--x-env VAR`),
 * a file (`--x-file path`), or standard input (`--x-file -`).
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'

import type { CliOptions } from '../hosts/host-module.ts'
import { hostModules } from '../hosts/registry.ts'
import { CliUsageError } from './cli-usage-error.ts'
import { EXPORT_FLAGS } from './export-shared.ts'

export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>
  /** The command's output: only what a pipe should get. */
  readonly out: (text: string) => void
  /** Warnings and failures. */
  readonly err: (text: string) => void
  /** Whether stderr is a terminal (progress is redrawn in place there). */
  readonly errIsTerminal?: boolean
  /** All of standard input, for `--…-file -`; absent where there is none. */
  readonly stdin?: () => Promise<string>
}

/** Each host's own flags (e.g. --zendesk-subdomain), prefixed with its name. */
export const hostOptions = Object.assign(
  {},
  ...hostModules.map((host) => host.cli.options)
) as CliOptions

export const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  id: { type: 'string' },
  name: { type: 'string' },
  'base-url': { type: 'string' },
  'client-id': { type: 'string' },
  'account-id': { type: 'string' },
  'brand-id': { type: 'string' },
  'token-env': { type: 'string' },
  'token-file': { type: 'string' },
  traits: { type: 'string' },
  'all-traits': { type: 'boolean' },
  scopes: { type: 'string' },
  origin: { type: 'string', multiple: true },
  audiences: { type: 'string' },
  recommendations: { type: 'boolean' },
  'key-env': { type: 'string' },
  'key-file': { type: 'string' },
  'new-key-env': { type: 'string' },
  'new-key-file': { type: 'string' },
  to: { type: 'string' },
  file: { type: 'string' },
  'record-url': { type: 'string' },
  on: { type: 'boolean' },
  off: { type: 'boolean' },
  'tracking-url': { type: 'string' },
  state: { type: 'string' },
  limit: { type: 'string' },
  'message-id': { type: 'string' },
  yes: { type: 'boolean' },
  ...EXPORT_FLAGS,
  ...hostOptions,
} as const

export function parseCliArgs(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true })
  } catch (error) {
    // Node's own words advise `--` for a positional argument, which is never what was meant here.
    const unknown = /^Unknown option '(-{1,2}[^']+)'/.exec((error as Error).message)?.[1]
    if (unknown === undefined) throw error
    throw new CliUsageError(`unknown option ${unknown}${didYouMean(unknown.replace(/^-+/, ''))}`)
  }
}

/**
 * The flags a mistyped one may have meant: those it begins (`--token`: `--token-env`), or one it
 * is a letter longer than (`--scopess`).
 */
function didYouMean(name: string): string {
  const near = Object.keys(OPTIONS).filter(
    (option) =>
      name.length > 1 &&
      (option.startsWith(name) || (name.startsWith(option) && name.length === option.length + 1))
  )
  return near.length === 0 ? '' : `; did you mean ${near.map((o) => `--${o}`).join(' or ')}?`
}

export type Values = ReturnType<typeof parseCliArgs>['values']

export function need(values: Values, name: keyof Values): string {
  const value = values[name]
  if (typeof value !== 'string' || value === '') throw new CliUsageError(`--${name} is required`)
  return value
}

/** Reads standard input once, if some `--…-file -` asks for it; two such flags cannot share it. */
export async function stdinFor(values: Values, io: CliIo): Promise<string | undefined> {
  const fromStdin = Object.entries(values).filter(
    ([name, value]) => name.endsWith('-file') && value === '-'
  )
  if (fromStdin.length === 0) return undefined
  if (fromStdin.length > 1)
    throw new CliUsageError('only one secret can come from standard input (-)')
  if (io.stdin === undefined) throw new CliUsageError('there is no standard input to read')
  return io.stdin()
}

/** A secret from `--<envFlag> VAR`, `--<fileFlag> path` or `--<fileFlag> -` (standard input). */
export function secretFrom(
  values: Values,
  io: CliIo,
  stdin: string | undefined,
  envFlag: string,
  fileFlag: string
): string {
  const name = (values as Record<string, unknown>)[envFlag]
  const file = (values as Record<string, unknown>)[fileFlag]
  if (typeof name === 'string') {
    const value = io.env[name]
    if (value === undefined || value === '')
      throw new CliUsageError(`environment variable ${name} (from --${envFlag}) is not set`)
    return value
  }
  if (typeof file === 'string') {
    const text = file === '-' ? (stdin ?? '') : readFileSync(file, 'utf8')
    const value = text.trim()
    if (value === '')
      throw new CliUsageError(
        `--${fileFlag} ${file === '-' ? '- (standard input)' : file} is empty`
      )
    return value
  }
  throw new CliUsageError(`give --${envFlag} <VAR> or --${fileFlag} <path|->`)
}

/** The comma-separated `--scopes` list; undefined (the store's default) when not given. */
export function scopesFrom(values: Values): string[] | undefined {
  if (values.scopes === undefined) return undefined
  return values.scopes
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}

/** `--all-traits`, or the comma-separated `--traits` list. */
export function allowlistFrom(values: Values): string[] | '*' {
  if (values['all-traits'] === true) return '*'
  if (values.traits === undefined)
    throw new CliUsageError('--traits <a,b,c> or --all-traits is required')
  return need(values, 'traits')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
}
