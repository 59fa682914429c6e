/**
 * @module export/finish-export
 * The export's last step: the tables written from the staged files (DuckDB, loaded only here),
 * the manifest, and the working state removed. Run by the process that read, or by a fresh one
 * after it (cli/export-process.ts), from the checkpoint alone: no request to Intilery is made.
 */
import { readFileSync, rmSync } from 'node:fs'

import { iso, peakRssBytes, writeManifest, type ExportManifest } from './export-manifest.ts'
import type { ExportOptions } from './export-options.ts'
import type { ProgressReporter } from './progress.ts'
import { CheckpointError, stagedPath, stateDir, type Checkpoint } from './staging.ts'

const DAY_MS = 86_400_000

export interface FinishDeps {
  readonly now: () => number
  readonly progress: ProgressReporter
  readonly command: string
  readonly relayVersion: string
}

/** @param checkpoint at phase `finishing`. */
export async function finishExport(
  options: ExportOptions,
  checkpoint: Checkpoint,
  deps: FinishDeps
): Promise<ExportManifest> {
  const { out } = options
  if (checkpoint.done !== checkpoint.rosterCount)
    throw new CheckpointError(
      `the checkpoint counts ${checkpoint.done} of ${checkpoint.rosterCount} customers read; run the same command with --resume to read the rest`
    )
  deps.progress.update({
    phase: 'finishing',
    done: checkpoint.done,
    total: checkpoint.rosterCount,
    events: checkpoint.eventRows,
    failed: checkpoint.failed,
    requestsPerSecond: 0,
    budgetPerSecond: checkpoint.budget?.requestsPerSecond ?? 0,
    etaMs: undefined,
  })
  // Loaded only now: a process that only reads never maps DuckDB's library.
  const { finishTables } = await import('./finish-tables.ts')
  const tables = await finishTables({
    out,
    format: options.format,
    computedColumns: checkpoint.computedColumns,
    consentColumns: checkpoint.consentColumns,
    labelDays: options.labelDays,
    incremental: options.sinceMs !== undefined,
    runId: String(Date.parse(checkpoint.startedAt)),
  })
  const failed = readFileSync(stagedPath(out, 'failures'), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { customerId: string; reason: string })
  const labelsComplete = options.asOfMs + options.labelDays * DAY_MS <= deps.now()
  const notes = [
    ...(labelsComplete
      ? []
      : [
          `the ${options.labelDays} days after --as-of have not all passed: labels may still change`,
        ]),
    ...(options.sinceMs === undefined
      ? []
      : [
          'an incremental run: events since --since were added beside earlier ones; customers were rewritten; features were not (they need every event)',
        ]),
    ...(checkpoint.listedTotal !== null &&
    checkpoint.rosterCount < Math.min(checkpoint.listedTotal, options.limitProfiles ?? Infinity)
      ? [
          `the profile list said ${checkpoint.listedTotal} customers exist but ${checkpoint.rosterCount} were listed (customers moved between pages while they were read)`,
        ]
      : []),
  ]
  const manifest: ExportManifest = {
    relayVersion: deps.relayVersion,
    command: deps.command,
    tenant: options.tenant,
    format: options.format,
    startedAt: checkpoint.startedAt,
    readFinishedAt: checkpoint.readFinishedAt ?? iso(deps.now()),
    finishedAt: iso(deps.now()),
    asOf: iso(options.asOfMs),
    labelDays: options.labelDays,
    labelsComplete,
    since: options.sinceMs === undefined ? null : iso(options.sinceMs),
    budget: checkpoint.budget ?? {
      share: options.budget,
      requestsPerSecond: 0,
      sharedLimiter: false,
    },
    requests: checkpoint.requests,
    customers: {
      listed: checkpoint.rosterCount,
      listTotal: checkpoint.listedTotal,
      limitProfiles: options.limitProfiles ?? null,
      exported: checkpoint.done - checkpoint.failed,
      failed,
    },
    tables,
    notes,
    // The larger of the process that read and the one that wrote the tables.
    peakRssBytes: Math.max(checkpoint.readerPeakRssBytes ?? 0, peakRssBytes()),
  }
  writeManifest(out, manifest)
  rmSync(stateDir(out), { recursive: true, force: true })
  return manifest
}
