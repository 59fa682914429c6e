/**
 * @module cli/export-shared
 * What both of the export's processes need from the command line, kept light (no store, no
 * hosts, no Redis): the export's flags and their options, its settings from the environment, the
 * progress reporter, and the summary printed at the end.
 */
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import process from 'node:process'
import { parseArgs } from 'node:util'

import type { ExportManifest } from '../export/export-manifest.ts'
import { ExportUsageError, exportOptions, type ExportOptions } from '../export/export-options.ts'
import {
  lineProgress,
  quietProgress,
  terminalProgress,
  type ProgressReporter,
} from '../export/progress.ts'
import type { CliIo } from './cli-args.ts'
import { CliUsageError } from './cli-usage-error.ts'

/** The export's flags (the CLI's option table includes them). */
export const EXPORT_FLAGS = {
  tenant: { type: 'string' },
  out: { type: 'string' },
  format: { type: 'string' },
  'as-of': { type: 'string' },
  'label-days': { type: 'string' },
  since: { type: 'string' },
  'limit-profiles': { type: 'string' },
  budget: { type: 'string' },
  resume: { type: 'boolean' },
  quiet: { type: 'boolean' },
} as const

type ExportValues = ReturnType<typeof parseExportArgs>

/** `relay export …`'s flags alone (a process that writes the tables parses only these). */
export function parseExportArgs(argv: readonly string[]) {
  return parseArgs({ args: argv.slice(1), options: EXPORT_FLAGS, strict: true }).values
}

/**
 * The flags as options; a relative --out is where the command was typed (pnpm runs scripts in
 * the package's folder and says where in INIT_CWD).
 * @throws CliUsageError naming the first wrong flag.
 */
export function exportOptionsOf(
  values: Partial<ExportValues>,
  io: CliIo,
  now: number
): ExportOptions {
  try {
    return exportOptions(
      {
        tenant: values.tenant,
        out:
          values.out === undefined
            ? undefined
            : resolve(io.env.INIT_CWD ?? process.cwd(), values.out),
        format: values.format,
        asOf: values['as-of'],
        labelDays: values['label-days'],
        since: values.since,
        limitProfiles: values['limit-profiles'],
        budget: values.budget,
        resume: values.resume ?? false,
        quiet: values.quiet ?? false,
      } as Parameters<typeof exportOptions>[0],
      now
    )
  } catch (error) {
    if (error instanceof ExportUsageError) throw new CliUsageError(error.message)
    throw error
  }
}

/** The command as the operator typed it, for the manifest (a child's arguments may add --resume). */
export const EXPORT_COMMAND_ENV = 'RELAY_EXPORT_COMMAND'

/** The command as the operator typed it: the launcher's, passed on, or this process's own. */
export const commandOf = (argv: readonly string[], io: CliIo) =>
  io.env[EXPORT_COMMAND_ENV] ?? ['relay', ...argv].join(' ')

/** Set when the operator's stderr is a terminal, so a child redraws its progress line. */
export const EXPORT_TERMINAL_ENV = 'RELAY_EXPORT_TERMINAL'

/** Settings only the export reads (and the relay does not). */
export function exportSettings(env: CliIo['env']) {
  const rate = env.RELAY_EXPORT_RATE_PER_SECOND
  const every = env.RELAY_EXPORT_PROGRESS_SECONDS
  const number = (name: string, text: string) => {
    const value = Number(text)
    if (!Number.isFinite(value) || value < 0)
      throw new CliUsageError(`${name} must be a number >= 0`)
    return value
  }
  const positive = (name: string, text: string) => {
    const value = number(name, text)
    if (value === 0) throw new CliUsageError(`${name} must be more than 0`)
    return value
  }
  return {
    ratePerSecond:
      rate === undefined || rate === ''
        ? undefined
        : positive('RELAY_EXPORT_RATE_PER_SECOND', rate),
    progressEveryMs:
      every === undefined || every === ''
        ? 5_000
        : number('RELAY_EXPORT_PROGRESS_SECONDS', every) * 1000,
  }
}

export function progressFor(
  options: ExportOptions,
  io: CliIo,
  now: () => number
): ProgressReporter {
  if (options.quiet) return quietProgress
  if (
    io.env[EXPORT_TERMINAL_ENV] === '1' ||
    (io.env[EXPORT_TERMINAL_ENV] === undefined && io.errIsTerminal === true)
  )
    return terminalProgress(io.err)
  return lineProgress(io.err, now, exportSettings(io.env).progressEveryMs)
}

/** What the finished export says on stdout. @returns the exit code (1 if a customer is missing). */
export function printSummary(manifest: ExportManifest, out: string, io: CliIo): number {
  const { customers, tables } = manifest
  io.out(
    [
      `exported ${customers.exported} customers${customers.failed.length > 0 ? ` (${customers.failed.length} could not be read: see manifest.json)` : ''} to ${out}`,
      ...Object.entries(tables).map(
        ([name, table]) =>
          `  ${name.padEnd(9)} ${String(table.rows).padStart(9)} rows  ${table.path}`
      ),
      `  ${manifest.requests} requests to Intilery at up to ${manifest.budget.requestsPerSecond} a second`,
      ...manifest.notes.map((note) => `note: ${note}`),
      '',
    ].join('\n')
  )
  return customers.failed.length > 0 ? 1 : 0
}

/** The relay's version (its package.json's), for the manifest. */
export const relayVersion = (
  createRequire(import.meta.url)('../../package.json') as { version: string }
).version
