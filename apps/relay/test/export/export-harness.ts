/**
 * What the export's tests share: a sandbox with its limit raised (so a whole export takes
 * seconds), `relay export` run in-process against it, and DuckDB to read the files back as a
 * data scientist would.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { DuckDBInstance } from '@duckdb/node-api'
import { startSandbox, type RunningSandbox } from '@intilery-connect/sandbox'

import { exportOptions, type ExportFlags } from '../../src/export/export-options.ts'
import { add, setup } from '../cli-harness.ts'
import { quietProgress } from '../../src/export/progress.ts'
import { runExport, type ExportDeps } from '../../src/export/run-export.ts'

export async function exportSandbox(
  options: { ratePerSecond?: number } = {}
): Promise<RunningSandbox> {
  const rate = options.ratePerSecond ?? 5_000
  return startSandbox({ port: 0, ratePerSecond: rate, burst: Math.max(500, rate) })
}

/** A sandbox for the CLI harness's tenants (their token), its limit raised. */
export const cliSandbox = () =>
  startSandbox({ port: 0, authToken: 'intilery-secret-token', ratePerSecond: 5_000, burst: 5_000 })

/** The CLI harness (a fresh store) with tenant demo pointing at `sandbox`. */
export async function demoCli(sandbox: RunningSandbox, env: Record<string, string> = {}) {
  const cli = setup()
  Object.assign(cli.env, env)
  const args = [...add]
  args[args.indexOf('--base-url') + 1] = sandbox.url
  const added = await cli.run(args)
  if (added.code !== 0) throw new Error(`tenants add failed: ${added.err}`)
  return cli
}

export const credentialsOf = (sandbox: RunningSandbox) => ({
  baseUrl: sandbox.url,
  clientId: sandbox.config.clientId,
  accountId: sandbox.config.accountId,
  brandId: sandbox.config.brandId,
  authToken: sandbox.config.authToken,
})

export const newFolder = (name = 'export') =>
  join(mkdtempSync(join(tmpdir(), 'relay-export-')), name)

/** `relay export` in-process: the flags as the CLI takes them, the deps a test needs. */
export async function exportTo(
  sandbox: RunningSandbox,
  flags: Omit<ExportFlags, 'tenant'>,
  deps: Partial<ExportDeps> = {}
) {
  const options = exportOptions({ tenant: 'acme', ...flags }, Date.now())
  const manifest = await runExport(options, {
    credentials: credentialsOf(sandbox),
    relayRatePerSecond: 2_000,
    now: () => Date.now(),
    progress: quietProgress,
    signal: new AbortController().signal,
    command: 'relay export (test)',
    relayVersion: '0.0.0-test',
    ...deps,
  })
  if (manifest === undefined) throw new Error('the export stopped after reading')
  return manifest
}

/** Rows of a query, values as JSON-compatible data (BIGINTs as text, lists as arrays). */
export async function query(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:')
  const connection = await instance.connect()
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJson()
  } finally {
    connection.closeSync()
    instance.closeSync()
  }
}

/** A path quoted for SQL. */
export const sqlPath = (path: string) => `'${path.replaceAll("'", "''")}'`
