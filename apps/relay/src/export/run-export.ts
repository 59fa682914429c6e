/**
 * @module export/run-export
 * `relay export`, start to end: check the folder, list the roster, read every customer within the
 * budget (committing each to the staged files and the checkpoint), then write the tables and the
 * manifest and remove the working state. Stopped at any point (Ctrl-C, a crash, SIGKILL), the same
 * command with `--resume` continues where the checkpoint says.
 */
import { mkdirSync } from 'node:fs'

import { createProfileClient, RateLimitError } from '@intilery-connect/core'

import type { UpstreamCredentials } from '../upstream/index.ts'
import { DynamicColumns } from './column-types.ts'
import { readCustomers, type CustomerOutcome } from './customer-pipeline.ts'
import type { CustomerData } from './read-customer.ts'
import { CUSTOMER_COLUMNS, customerRow } from './customer-row.ts'
import { eventRowsByDate } from './event-row.ts'
import { ExportBucket, type SharedExportBudget } from './export-bucket.ts'
import { ExportInterruptedError } from './export-errors.ts'
import { folderState, type FolderState } from './export-folder.ts'
import { lockFolder } from './folder-lock.ts'
import { iso, peakRssBytes, type ExportManifest } from './export-manifest.ts'
import { finishExport } from './finish-export.ts'
import { optionsFingerprint, type ExportOptions } from './export-options.ts'
import { featureRow } from './features.ts'
import type { ProgressReporter } from './progress.ts'
import { RequestMeter } from './request-meter.ts'
import { listRoster } from './roster.ts'
import {
  EVENTS_DIR,
  ndjson,
  StagedFiles,
  stateDir,
  writeCheckpoint,
  type Checkpoint,
} from './staging.ts'

/** Checkpoints are written at least this often while customers are committed. */
const CHECKPOINT_EVERY_MS = 1_000

export interface ExportDeps {
  readonly credentials: UpstreamCredentials
  /** The relay guard's rate for one credential; the export takes `budget` of it. */
  readonly relayRatePerSecond: number
  readonly shared?: SharedExportBudget | undefined
  readonly fetch?: typeof fetch | undefined
  readonly now: () => number
  readonly progress: ProgressReporter
  readonly signal: AbortSignal
  readonly command: string
  readonly relayVersion: string
  /**
   * List and read, then stop with the checkpoint at `finishing` (the process reading has a grown
   * heap; the command writes the tables after it: cli/export-process.ts). Default: all of it here.
   */
  readonly stopAfterReading?: boolean | undefined
  /** Retries of one request (tests shorten them). */
  readonly retry?:
    | { readonly maxRetries: number; readonly baseDelayMs: number; readonly maxDelayMs: number }
    | undefined
}

/** Patient: an export may wait out a long Retry-After or an outage, where a sidebar would not. */
const EXPORT_RETRY = { maxRetries: 6, baseDelayMs: 500, maxDelayMs: 15_000 }

/** @throws ExportRefusedError before writing anything; ExportInterruptedError after a stop. */
export async function runExport(
  given: ExportOptions,
  deps: ExportDeps
): Promise<ExportManifest | undefined> {
  const state = folderState(given)
  const { options } = state
  const { out } = options
  const startedAt = deps.now()
  mkdirSync(stateDir(out), { recursive: true, mode: 0o700 })
  const unlock = lockFolder(out)
  try {
    return await exportLocked(options, deps, state, startedAt)
  } finally {
    // Gone with the state folder after a finished export; released after a stop or a failure.
    unlock()
  }
}

async function exportLocked(
  options: ExportOptions,
  deps: ExportDeps,
  state: FolderState,
  startedAt: number
): Promise<ExportManifest | undefined> {
  const { out } = options
  let checkpoint: Checkpoint =
    state.kind === 'resume'
      ? state.checkpoint
      : {
          version: 1,
          fingerprint: optionsFingerprint(options),
          startedAt: iso(startedAt),
          phase: 'roster',
          rosterCount: 0,
          listedTotal: null,
          done: 0,
          eventRows: 0,
          failed: 0,
          lengths: { customers: 0, features: 0, failures: 0 },
          computedColumns: [],
          consentColumns: [],
          requests: 0,
        }
  if (state.kind !== 'resume') writeCheckpoint(out, checkpoint)

  const budgetPerSecond = deps.relayRatePerSecond * options.budget
  const bucket = new ExportBucket({
    ratePerSecond: budgetPerSecond,
    now: deps.now,
    shared: deps.shared,
  })
  const meter = new RequestMeter(deps.now, checkpoint.requests)
  const client = createProfileClient({
    ...deps.credentials,
    rateLimit: bucket,
    retry: { ...(deps.retry ?? EXPORT_RETRY), maxRetryAfterSeconds: 120 },
    timeoutMs: 15_000,
    deadlineMs: 300_000,
    userAgent: `intilery-connect-export/${deps.relayVersion}`,
    fetch: deps.fetch,
    hooks: {
      onRequest: () => meter.note(),
      onRetry: ({ error, delayMs }) => {
        if (error instanceof RateLimitError) bucket.pause(delayMs)
      },
    },
  })
  const report = (phase: Checkpoint['phase'], extra: { etaMs?: number } = {}) =>
    deps.progress.update({
      phase,
      done: phase === 'roster' ? checkpoint.rosterCount : checkpoint.done,
      total: phase === 'roster' ? checkpoint.listedTotal : checkpoint.rosterCount,
      events: checkpoint.eventRows,
      failed: checkpoint.failed,
      requestsPerSecond: meter.perSecond(),
      budgetPerSecond,
      etaMs: extra.etaMs,
    })

  if (checkpoint.phase === 'roster') {
    const roster = await listRoster(client, out, {
      limit: options.limitProfiles,
      signal: deps.signal,
      onPage: (count, total) => {
        checkpoint = { ...checkpoint, rosterCount: count, listedTotal: total }
        report('roster')
      },
    }).catch((error: unknown) => {
      if (deps.signal.aborted)
        throw new ExportInterruptedError(
          'stopped while listing the customers; run the same command with --resume to continue',
          { cause: error }
        )
      throw error
    })
    checkpoint = {
      ...checkpoint,
      phase: 'customers',
      rosterCount: roster.count,
      listedTotal: roster.listedTotal,
      requests: meter.count,
    }
    writeCheckpoint(out, checkpoint)
  }

  if (checkpoint.phase === 'customers') {
    const fixed = CUSTOMER_COLUMNS.map(([name]) => name)
    const columns = {
      computed: new DynamicColumns('computed_', checkpoint.computedColumns, fixed),
      consent: new DynamicColumns('consent_', checkpoint.consentColumns, fixed),
    }
    const staged = new StagedFiles(out, checkpoint.lengths)
    const resumedAt = { done: checkpoint.done, ms: deps.now() }
    let savedAt = deps.now()
    const save = () => {
      checkpoint = {
        ...checkpoint,
        lengths: staged.flush(),
        computedColumns: columns.computed.list(),
        consentColumns: columns.consent.list(),
        requests: meter.count,
      }
      writeCheckpoint(out, checkpoint)
      savedAt = deps.now()
    }
    const prepare = ({ summary, meta, events }: CustomerData) => ({
      summary,
      meta,
      eventCount: events.length,
      eventLines: [...eventRowsByDate(summary.id, events)].map(
        ([date, rows]) => [date, ndjson(rows)] as const
      ),
      features: options.sinceMs === undefined ? featureRow(summary.id, events, options) : undefined,
    })
    // A commit that failed part-way (a disk error) left lines the count does not include: no
    // checkpoint may be written after it, so a resume starts from the last whole one.
    let commitFailed = false
    const commit = (outcome: CustomerOutcome<ReturnType<typeof prepare>>) => {
      try {
        commitOutcome(outcome)
      } catch (error) {
        commitFailed = true
        throw error
      }
    }
    const commitOutcome = (outcome: CustomerOutcome<ReturnType<typeof prepare>>) => {
      if (outcome.ok) {
        const { summary, meta, eventCount, eventLines, features } = outcome.value
        // Named here, in roster order, so a column's name never depends on which read came first.
        staged.append('customers', [customerRow(summary, meta, columns)])
        for (const [date, text] of eventLines) staged.appendText(`${EVENTS_DIR}/${date}`, text)
        if (features !== undefined) staged.append('features', [features])
        checkpoint = {
          ...checkpoint,
          done: checkpoint.done + 1,
          eventRows: checkpoint.eventRows + eventCount,
        }
      } else {
        staged.append('failures', [{ customerId: outcome.customerId, reason: outcome.reason }])
        checkpoint = { ...checkpoint, done: checkpoint.done + 1, failed: checkpoint.failed + 1 }
      }
      if (deps.now() - savedAt >= CHECKPOINT_EVERY_MS) save()
      const doneHere = checkpoint.done - resumedAt.done
      const perCustomer = doneHere === 0 ? undefined : (deps.now() - resumedAt.ms) / doneHere
      report(
        'customers',
        perCustomer === undefined
          ? {}
          : { etaMs: perCustomer * (checkpoint.rosterCount - checkpoint.done) }
      )
    }
    try {
      await readCustomers(client, {
        out,
        from: checkpoint.done,
        since: options.sinceMs === undefined ? undefined : iso(options.sinceMs),
        signal: deps.signal,
        prepare,
        commit,
      })
    } catch (error) {
      if (!commitFailed) save()
      staged.close()
      if (deps.signal.aborted)
        throw new ExportInterruptedError(
          `stopped after ${checkpoint.done} of ${checkpoint.rosterCount} customers; run the same command with --resume to continue`,
          { cause: error }
        )
      throw error
    }
    save()
    staged.close()
    checkpoint = {
      ...checkpoint,
      phase: 'finishing',
      readFinishedAt: iso(deps.now()),
      readerPeakRssBytes: Math.max(checkpoint.readerPeakRssBytes ?? 0, peakRssBytes()),
      requests: meter.count,
      budget: {
        share: options.budget,
        requestsPerSecond: budgetPerSecond,
        sharedLimiter: deps.shared !== undefined,
      },
    }
    writeCheckpoint(out, checkpoint)
  }
  if (deps.stopAfterReading === true) return undefined

  return finishExport(options, checkpoint, deps)
}
