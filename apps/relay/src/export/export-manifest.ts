/**
 * @module export/export-manifest
 * `manifest.json`: what the folder holds (each table's schema and row count), how it was made (the
 * command line, cut-off, budget, requests, start and end, the relay's version) and what is
 * missing (customers that could not be read, with the reason). An incremental run keeps the
 * earlier runs' summaries under `previousRuns`.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'

import { replaceFile } from './durable-files.ts'
import { MANIFEST_FILE } from './export-folder.ts'
import type { TableSummary } from './finish-tables.ts'

export interface ExportManifest {
  readonly relayVersion: string
  readonly command: string
  readonly tenant: string
  readonly format: string
  readonly startedAt: string
  /** When every customer had been read (this run's; the tables were written after). */
  readonly readFinishedAt: string
  readonly finishedAt: string
  readonly asOf: string
  readonly labelDays: number
  /** False when the label window has not all passed yet (labels may still change). */
  readonly labelsComplete: boolean
  readonly since: string | null
  readonly budget: {
    readonly share: number
    readonly requestsPerSecond: number
    readonly sharedLimiter: boolean
  }
  readonly requests: number
  readonly customers: {
    readonly listed: number
    /** What the profile list said exists (null when it did not say). */
    readonly listTotal: number | null
    readonly limitProfiles: number | null
    readonly exported: number
    readonly failed: readonly { readonly customerId: string; readonly reason: string }[]
  }
  readonly tables: Readonly<Record<string, TableSummary>>
  readonly notes: readonly string[]
  readonly peakRssBytes: number
  readonly previousRuns?: readonly unknown[]
}

/** Writes the manifest (replacing an earlier one, whose runs it keeps). */
/** Times in the manifest and the checkpoint. */
export const iso = (ms: number) => new Date(ms).toISOString()

/** This process's peak resident memory so far, in bytes. */
export const peakRssBytes = () => process.resourceUsage().maxRSS * 1024

export function writeManifest(out: string, manifest: ExportManifest): void {
  const path = join(out, MANIFEST_FILE)
  let previousRuns: unknown[] = []
  if (existsSync(path)) {
    const earlier = JSON.parse(readFileSync(path, 'utf8')) as { previousRuns?: unknown[] }
    const { previousRuns: older = [], ...run } = earlier
    // A run that wrote its manifest and then stopped before cleaning up writes it again on
    // --resume: it is this run, not an earlier one.
    previousRuns =
      (run as { startedAt?: unknown }).startedAt === manifest.startedAt ? older : [...older, run]
  }
  // Written last, and durably: the tables it names are on disk already (finish-tables.ts).
  replaceFile(
    path,
    `${JSON.stringify(previousRuns.length === 0 ? manifest : { ...manifest, previousRuns }, null, 2)}\n`
  )
}
