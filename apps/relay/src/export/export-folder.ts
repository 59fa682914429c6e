/**
 * @module export/export-folder
 * What may be written where: a new or empty folder for a first run; the same folder with
 * `--resume` after a stop (same options, or it says which to repeat); a finished export's folder
 * for an incremental `--since` run, which adds events beside the earlier ones. Everything else is
 * refused before anything is written.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

import { optionsFingerprint, type ExportOptions } from './export-options.ts'
import { readCheckpoint, type Checkpoint } from './staging.ts'

export class ExportRefusedError extends Error {
  override readonly name = 'ExportRefusedError'
}

export const MANIFEST_FILE = 'manifest.json'

export type FolderState =
  | { readonly kind: 'new' }
  | { readonly kind: 'resume'; readonly checkpoint: Checkpoint }
  | { readonly kind: 'add-to-finished' }

/** @throws ExportRefusedError saying what to do instead. */
export function folderState(options: ExportOptions): FolderState {
  const { out } = options
  if (existsSync(out) && !statSync(out).isDirectory())
    throw new ExportRefusedError(`${out} is a file; --out names a folder`)
  const checkpoint = readCheckpoint(out)
  if (checkpoint !== undefined) {
    if (!options.resume)
      throw new ExportRefusedError(
        `${out} holds an unfinished export: add --resume to continue it, or choose another folder`
      )
    if (checkpoint.fingerprint !== optionsFingerprint(options))
      throw new ExportRefusedError(
        `${out} was started with other options (${describeFingerprint(checkpoint.fingerprint)}); repeat them with --resume`
      )
    return { kind: 'resume', checkpoint }
  }
  if (options.resume) throw new ExportRefusedError(`${out} holds no unfinished export to resume`)
  const entries = existsSync(out) ? readdirSync(out) : []
  if (entries.length === 0) return { kind: 'new' }
  if (options.sinceMs !== undefined && existsSync(join(out, MANIFEST_FILE)))
    return { kind: 'add-to-finished' }
  throw new ExportRefusedError(
    `${out} is not empty: choose a new folder (an incremental --since run may add to a finished export)`
  )
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
