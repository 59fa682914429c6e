/**
 * @module cli/export-command
 * `relay export`: the tenant's Intilery connection from the store, the budget from the relay's
 * settings (shared through Redis when REDIS_URL is set, as the relays share it), progress on
 * stderr, the summary on stdout. The export's code (and DuckDB) is loaded only here, so no other
 * command and never the server pays for it.
 */
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import process from 'node:process'

import { createRedisBudget, type RedisBudget } from '../platform/redis/redis-budget.ts'
import { resolveUpstreamOptions, spareReserveOf } from '../upstream/options.ts'
import { credentialKey } from '../upstream/cache-key.ts'
import type { RelayConfig } from '../wiring/relay-config.ts'
import { ExportUsageError, exportOptions } from '../export/export-options.ts'
import { ExportRefusedError, folderState } from '../export/export-folder.ts'
import { CheckpointError } from '../export/staging.ts'
import { lineProgress, quietProgress, terminalProgress } from '../export/progress.ts'
import type { CliIo, Values } from './cli-args.ts'
import { CliUsageError } from './cli-usage-error.ts'
import {
  exportChildMode,
  EXPORT_TERMINAL_ENV,
  exitWithParent,
  exportHeapMb,
  runExportProcess,
} from './export-process.ts'
import { withStore } from './open-store.ts'

export const EXPORT_USAGE = `  relay export --tenant <id> --out <folder> [--format parquet|ndjson|csv] [--as-of <date>] [--label-days 30]
               [--since <date>] [--limit-profiles <n>] [--budget 50%] [--resume] [--quiet]
                                                   (customers, events and features for machine learning)`

/** How long Redis may take to answer before the export keeps to its own share. */
const REDIS_FIRST_ANSWER_MS = 2_000

const relayVersion = (createRequire(import.meta.url)('../../package.json') as { version: string })
  .version

/** Settings only the export reads (and the relay does not). */
function exportSettings(env: CliIo['env']) {
  const rate = env.RELAY_EXPORT_RATE_PER_SECOND
  const every = env.RELAY_EXPORT_PROGRESS_SECONDS
  const number = (name: string, text: string) => {
    const value = Number(text)
    if (!Number.isFinite(value) || value < 0)
      throw new CliUsageError(`${name} must be a number >= 0`)
    return value
  }
  return {
    ratePerSecond:
      rate === undefined || rate === '' ? undefined : number('RELAY_EXPORT_RATE_PER_SECOND', rate),
    progressEveryMs:
      every === undefined || every === ''
        ? 5_000
        : number('RELAY_EXPORT_PROGRESS_SECONDS', every) * 1000,
  }
}

export async function exportCommand(
  values: Values,
  io: CliIo,
  config: RelayConfig,
  argv: readonly string[]
): Promise<number> {
  const now = () => Date.now()
  let options
  try {
    options = exportOptions(
      {
        tenant: values.tenant,
        // pnpm runs scripts in the package's folder; INIT_CWD is where the command was typed.
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
      now()
    )
  } catch (error) {
    if (error instanceof ExportUsageError) throw new CliUsageError(error.message)
    throw error
  }
  const settings = exportSettings(io.env)
  const tenant = await withStore(config, (store) => store.tenants.get(options.tenant))
  if (tenant === undefined) {
    io.err(`relay: no tenant ${options.tenant}\n`)
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

  const mode = exportChildMode(io.env)
  if (mode === undefined) return runExportProcess(argv, io, exportHeapMb(io.env))
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
  const progress = options.quiet
    ? quietProgress
    : io.env[EXPORT_TERMINAL_ENV] === '1'
      ? terminalProgress(io.err)
      : lineProgress(io.err, now, settings.progressEveryMs)
  const stop = new AbortController()
  const onSignal = () => stop.abort(new Error('interrupted'))
  // `on`, not `once`: a Ctrl-C reaches this process twice (from the terminal and forwarded), and
  // a second SIGINT must not kill it before the checkpoint is written.
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  try {
    const { runExport } = await import('../export/run-export.ts')
    const manifest = await runExport(options, {
      credentials: tenant.intilery,
      relayRatePerSecond: settings.ratePerSecond ?? upstream.ratePerSecond,
      shared:
        budget === undefined
          ? undefined
          : {
              backend: budget,
              key: credentialKey(tenant.intilery),
              rate: { ratePerSecond: upstream.ratePerSecond, burst: upstream.burst },
              keepTokens: spareReserveOf(upstream).whileReading,
            },
      now,
      progress,
      signal: stop.signal,
      command: ['relay', ...argv].join(' '),
      relayVersion,
      stopAfterReading: mode === 'read',
    })
    progress.end()
    // The reader stops here; the process writing the tables prints the summary.
    if (manifest === undefined) return 0
    const { customers, tables } = manifest
    io.out(
      [
        `exported ${customers.exported} customers${customers.failed.length > 0 ? ` (${customers.failed.length} could not be read: see manifest.json)` : ''} to ${options.out}`,
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
  } finally {
    progress.end()
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    await budget?.close()
  }
}
