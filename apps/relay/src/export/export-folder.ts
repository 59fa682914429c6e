/**
 * @module export/export-folder
 * What may be written where: a new or empty folder for a first run; the same folder with
 * `--resume` after a stop (same options, or it says which to repeat); a finished export's folder
 * for an incremental `--since` run, which adds events beside the earlier ones. Everything else is
 * refused before anything is written.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

import { optionsFingerprint, type ExportOptions } from './export-options.ts'
import { readCheckpoint, type Checkpoint } from './staging.ts'

export class ExportRefusedError extends Error {
  override readonly name = 'ExportRefusedError'
}

export const MANIFEST_FILE = 'manifest.json'

/** What may be done in the folder, and the options to do it with (a resume's cut-off may be the first run's). */
export type FolderState = { readonly options: ExportOptions } & (
  | { readonly kind: 'new' }
  | { readonly kind: 'resume'; readonly checkpoint: Checkpoint }
  | { readonly kind: 'add-to-finished' }
)

/** @throws ExportRefusedError saying what to do instead. */
export function folderState(given: ExportOptions): FolderState {
  const { out } = given
  let options = given
  if (existsSync(out) && !statSync(out).isDirectory())
    throw new ExportRefusedError(`${out} is a file; --out names a folder`)
  const checkpoint = readCheckpoint(out)
  if (checkpoint !== undefined) {
    if (!options.resume)
      throw new ExportRefusedError(
        `${out} holds an unfinished export: add --resume to continue it, or choose another folder`
      )
    if (!given.asOfGiven)
      options = { ...given, asOfMs: fingerprintAsOf(checkpoint.fingerprint) ?? given.asOfMs }
    if (checkpoint.fingerprint !== optionsFingerprint(options))
      throw new ExportRefusedError(
        `${out} was started with other options (${describeFingerprint(checkpoint.fingerprint)}); repeat them with --resume`
      )
    return { kind: 'resume', checkpoint, options }
  }
  if (options.resume) throw new ExportRefusedError(`${out} holds no unfinished export to resume`)
  const entries = existsSync(out) ? readdirSync(out) : []
  if (entries.length === 0) return { kind: 'new', options }
  if (options.sinceMs !== undefined && existsSync(join(out, MANIFEST_FILE))) {
    const earlier = JSON.parse(readFileSync(join(out, MANIFEST_FILE), 'utf8')) as {
      tenant?: unknown
      format?: unknown
    }
    if (earlier.tenant !== options.tenant || earlier.format !== options.format)
      throw new ExportRefusedError(
        `${out} holds an export of tenant ${String(earlier.tenant)} as ${String(earlier.format)}; an incremental run adds to it only with the same --tenant and --format`
      )
    return { kind: 'add-to-finished', options }
  }
  throw new ExportRefusedError(
    `${out} is not empty: choose a new folder (an incremental --since run may add to a finished export)`
  )
}

function fingerprintAsOf(fingerprint: string): number | undefined {
  const { asOfMs } = JSON.parse(fingerprint) as { asOfMs?: unknown }
  return typeof asOfMs === 'number' ? asOfMs : undefined
}

function describeFingerprint(fingerprint: string): string {
  const parsed = JSON.parse(fingerprint) as Record<string, unknown>
  const flag: Record<string, (value: unknown) => string | undefined> = {
    tenant: (v) => `--tenant ${String(v)}`,
    format: (v) => `--format ${String(v)}`,
    asOfMs: (v) => `--as-of ${new Date(Number(v)).toISOString()}`,
    labelDays: (v) => `--label-days ${String(v)}`,
    sinceMs: (v) => (v === null ? undefined : `--since ${new Date(Number(v)).toISOString()}`),
    limitProfiles: (v) => (v === null ? undefined : `--limit-profiles ${Number(v)}`),
  }
  return Object.entries(parsed)
    .map(([key, value]) => flag[key]?.(value))
    .filter((text) => text !== undefined)
    .join(' ')
}
