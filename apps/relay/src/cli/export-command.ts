/**
 * @module cli/export-command
 * `relay export`: the tenant's Intilery connection from the store, the budget from the relay's
 * settings (shared through Redis when REDIS_URL is set, as the relays share it), progress on
 * stderr, the summary on stdout. The export's code (and DuckDB) is loaded only here, so no other
 * command and never the server pays for it.
 */
import process from 'node:process'

import { sharedExportBudget } from '../export/export-bucket.ts'
import { ExportRefusedError, folderState } from '../export/export-folder.ts'
import { CheckpointError } from '../export/staging.ts'
import { createRedisBudget, type RedisBudget } from '../platform/redis/redis-budget.ts'
import { resolveUpstreamOptions } from '../upstream/options.ts'
import type { RelayConfig } from '../wiring/relay-config.ts'
import type { CliIo, Values } from './cli-args.ts'
import { noSuchTenant } from './known-tenant.ts'
import { exitWithParent, exportHeapMb, isExportReader, runExportProcess } from './export-process.ts'
import {
  commandOf,
  exportOptionsOf,
  parseExportArgs,
  exportSettings,
  progressFor,
  relayVersion,
} from './export-shared.ts'
import { withStore } from './open-store.ts'

export const EXPORT_USAGE = `  relay export --tenant <id> --out <folder> [--format parquet|ndjson|csv] [--as-of <date>] [--label-days 30]
               [--since <date>] [--limit-profiles <n>] [--budget 50%] [--resume] [--quiet]
                                                   (customers, events and features for machine learning)`

/** How long Redis may take to answer before the export keeps to its own share. */
const REDIS_FIRST_ANSWER_MS = 2_000

export async function exportCommand(
  values: Values,
  io: CliIo,
  config: RelayConfig,
  argv: readonly string[]
): Promise<number> {
  // Only the export's own flags (another command's, e.g. --yes, would be refused only by the
  // process writing the tables, after all the reading).
  parseExportArgs(argv)
  const reader = isExportReader(io.env)
  const now = () => Date.now()
  const options = exportOptionsOf(values, io, now())
  const settings = exportSettings(io.env)
  const tenant = await withStore(config, (store) => store.tenants.get(options.tenant))
  if (tenant === undefined) {
    io.err(`relay: ${noSuchTenant(options.tenant)}\n`)
    return 1
  }
  try {
    // Checked before Redis or DuckDB are touched; runExport checks again as it starts.
    folderState(options)
  } catch (error) {
    if (!(error instanceof ExportRefusedError || error instanceof CheckpointError)) throw error
    io.err(`relay: ${error.message}\n`)
    return 1
  }

  if (!reader) return runExportProcess(argv, io, exportHeapMb(io.env))
  exitWithParent()

  const upstream = resolveUpstreamOptions()
  let budget: RedisBudget | undefined
  if (config.redisUrl !== undefined) {
    budget = createRedisBudget({
      url: config.redisUrl,
      onModeChange: (mode) => {
        if (!options.quiet && mode === 'local')
          io.err(
            'export: Redis does not answer: keeping to this export’s own share until it does\n'
          )
      },
    })
    await budget.ready(REDIS_FIRST_ANSWER_MS).catch(() => undefined)
  }
  const progress = progressFor(options, io, now)
  const stop = new AbortController()
  const onSignal = () => stop.abort(new Error('interrupted'))
  // `on`, not `once`: a Ctrl-C reaches this process twice (from the terminal and forwarded), and
  // a second SIGINT must not kill it before the checkpoint is written.
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  try {
    const { runExport } = await import('../export/run-export.ts')
    await runExport(options, {
      credentials: tenant.intilery,
      relayRatePerSecond: settings.ratePerSecond ?? upstream.ratePerSecond,
      shared:
        budget === undefined ? undefined : sharedExportBudget(budget, tenant.intilery, upstream),
      now,
      progress,
      signal: stop.signal,
      command: commandOf(argv, io),
      relayVersion,
      stopAfterReading: true,
    })
    // The reader stops with the checkpoint at `finishing`; the command writes the tables.
    return 0
  } finally {
    progress.end()
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    await budget?.close()
  }
}
