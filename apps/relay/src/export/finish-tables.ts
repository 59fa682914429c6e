/**
 * @module export/finish-tables
 * Turns the staged NDJSON into the tables a data scientist opens, with DuckDB: typed columns,
 * ZSTD-compressed Parquet (or NDJSON, or CSV), events partitioned Hive-style by event date
 * (`events/event_date=2026-11-19/`). DuckDB reads the staged files as streams within a memory
 * limit and spills to `.export/` past it, so memory does not grow with the number of customers.
 *
 * Why DuckDB (`@duckdb/node-api`): it is what data engineers already use to read these files,
 * writes partitioned Parquet and CSV from SQL, and installs from npm as prebuilt binaries without
 * downloads at install time. Loaded only by `relay export`, never by the server.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'

import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'

import { DUCKDB_TYPE, type DynamicColumn } from './column-types.ts'
import { syncFile, syncFolder } from './durable-files.ts'
import { CUSTOMER_COLUMNS } from './customer-row.ts'
import { EVENT_COLUMNS } from './event-row.ts'
import { featureColumns } from './features.ts'
import { EVENTS_DIR, stagedEventDates, stagedPath, stateDir } from './staging.ts'

export type ExportFormat = 'parquet' | 'ndjson' | 'csv'

export interface TableSummary {
  /** Where the table is, relative to the export folder. */
  readonly path: string
  readonly rows: number
  readonly columns: readonly { readonly name: string; readonly type: string }[]
}

export interface FinishOptions {
  readonly out: string
  readonly format: ExportFormat
  readonly computedColumns: readonly DynamicColumn[]
  readonly consentColumns: readonly DynamicColumn[]
  readonly labelDays: number
  /** An incremental run: events are added beside earlier ones, features are not rewritten. */
  readonly incremental: boolean
  /** Names this run's event files, so a re-run of the finish overwrites rather than adds. */
  readonly runId: string
}

const EXTENSION: Readonly<Record<ExportFormat, string>> = {
  parquet: 'parquet',
  ndjson: 'ndjson',
  csv: 'csv',
}
const COPY_FORMAT: Readonly<Record<ExportFormat, string>> = {
  parquet: 'FORMAT parquet, COMPRESSION zstd',
  ndjson: 'FORMAT json',
  csv: 'FORMAT csv, HEADER true',
}

const quoteText = (text: string) => `'${text.replaceAll("'", "''")}'`
const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`

/** A staged file read with every column as text or JSON; typed in the SELECT (bad values: NULL). */
function readStaged(path: string, columns: readonly (readonly [string, string])[]): string {
  const spec = columns
    .map(
      ([name, type]) =>
        `${quoteText(name)}: ${quoteText(type === 'TIMESTAMPTZ' ? 'VARCHAR' : type)}`
    )
    .join(', ')
  return `read_json(${quoteText(path)}, format = 'newline_delimited', columns = {${spec}}, maximum_object_size = 8388608)`
}

function typedColumn([name, type]: readonly [string, string]): string {
  return type === 'TIMESTAMPTZ'
    ? `TRY_CAST(${quoteName(name)} AS TIMESTAMPTZ) AS ${quoteName(name)}`
    : quoteName(name)
}

/** A data-named column as staged: its name is `[a-z0-9_]` only, its type what every value agreed on. */
const dynamicSpec = ({ column, kind }: DynamicColumn): readonly [string, string] => [
  column,
  kind === undefined ? 'JSON' : DUCKDB_TYPE[kind],
]

/**
 * DuckDB for the COPYs, a fresh instance every COPIES_PER_INSTANCE of them: within one instance
 * the process's memory grew with every statement (measured: +72 MB over 180 day files in one,
 * +40 MB with an instance each), and the export's memory must not grow with the days it spans;
 * an instance each cost 15 ms a day, seconds on a short export.
 */
const COPIES_PER_INSTANCE = 30

class DuckDbSession {
  private current:
    { instance: DuckDBInstance; connection: DuckDBConnection; copies: number } | undefined

  constructor(private readonly work: string) {}

  private async connection(): Promise<DuckDBConnection> {
    if (this.current !== undefined && this.current.copies >= COPIES_PER_INSTANCE) this.close()
    if (this.current === undefined) {
      const instance = await DuckDBInstance.create(':memory:', {
        // Within the export's memory target (bench:export); past it DuckDB spills to .export/.
        memory_limit: '64MB',
        threads: '1',
        preserve_insertion_order: 'false',
        temp_directory: join(this.work, 'duckdb-spill'),
      })
      this.current = { instance, connection: await instance.connect(), copies: 0 }
    }
    this.current.copies += 1
    return this.current.connection
  }

  /** One COPY; the columns are described only when asked (a day's are the same as the last). */
  async copy(
    select: string,
    target: string,
    options: string,
    describe = true
  ): Promise<{ rows: number; columns: TableSummary['columns'] }> {
    const connection = await this.connection()
    const columns = describe
      ? (await connection.runAndReadAll(`DESCRIBE (${select})`)).getRowObjects().map((row) => ({
          name: String(row.column_name),
          type: String(row.column_type),
        }))
      : []
    const copied = await connection.runAndReadAll(
      `COPY (${select}) TO ${quoteText(target)} (${options})`
    )
    return { rows: Number(copied.getRows()[0]?.[0] ?? 0), columns }
  }

  close(): void {
    this.current?.connection.closeSync()
    this.current?.instance.closeSync()
    this.current = undefined
  }
}

/**
 * Every file below `from`, on disk, moved to the same place below `to` (replacing one of the same
 * name); then every folder it moved into, up to `to`'s, on disk too (durable-files.ts).
 */
function moveTree(from: string, to: string): void {
  if (!existsSync(from)) return
  const folders = new Set<string>()
  for (const entry of readdirSync(from, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const source = join(entry.parentPath, entry.name)
    const target = join(to, relative(from, source))
    mkdirSync(dirname(target), { recursive: true })
    syncFile(source)
    renameSync(source, target)
    for (let folder = dirname(target); !folders.has(folder); folder = dirname(folder)) {
      folders.add(folder)
      if (folder === to) break
    }
  }
  // Deepest first: a new folder's own entries before the entry that names it.
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) syncFolder(folder)
  syncFolder(dirname(to))
}

/**
 * The events, one folder per event date, from the day files staging wrote: each day is copied on
 * its own, so memory holds one day, never the whole history (DuckDB's PARTITION_BY keeps a buffer
 * per column per open partition, past any sensible limit for months of days).
 */
async function writeEventPartitions(
  duckdb: DuckDbSession,
  options: FinishOptions
): Promise<Omit<TableSummary, 'path'>> {
  const { out, format } = options
  const newEvents = join(stateDir(out), 'events-new')
  rmSync(newEvents, { recursive: true, force: true })
  let rows = 0
  let columns: TableSummary['columns'] = []
  const select = (date: string) =>
    `SELECT ${EVENT_COLUMNS.map(typedColumn).join(', ')} FROM ${readStaged(stagedPath(out, `${EVENTS_DIR}/${date}`), EVENT_COLUMNS)}`
  for (const date of stagedEventDates(out)) {
    // Hive's name for a partition whose value is null.
    const folder = join(
      newEvents,
      `event_date=${date === 'unknown' ? '__HIVE_DEFAULT_PARTITION__' : date}`
    )
    mkdirSync(folder, { recursive: true })
    const written = await duckdb.copy(
      select(date),
      join(folder, `part-${options.runId}.${EXTENSION[format]}`),
      COPY_FORMAT[format],
      columns.length === 0
    )
    rows += written.rows
    if (columns.length === 0) columns = written.columns
  }
  mkdirSync(join(out, 'events'), { recursive: true })
  moveTree(newEvents, join(out, 'events'))
  // The partition column is in the folder names, as Hive-style readers expect.
  return {
    rows,
    columns: [
      ...(columns.length > 0 ? columns : EVENT_COLUMNS.map(([name, type]) => ({ name, type }))),
      { name: 'event_date', type: 'DATE' },
    ],
  }
}

/** A table in one file: written in the working folder, then moved into place whole. */
async function writeOneFile(
  duckdb: DuckDbSession,
  { out, format }: FinishOptions,
  name: string,
  select: string
): Promise<TableSummary> {
  const file = `${name}.${EXTENSION[format]}`
  const written = await duckdb.copy(select, join(stateDir(out), file), COPY_FORMAT[format])
  syncFile(join(stateDir(out), file))
  renameSync(join(stateDir(out), file), join(out, file))
  syncFolder(out)
  return { path: file, ...written }
}

/** Writes the tables; @returns what each holds. */
export async function finishTables(options: FinishOptions): Promise<Record<string, TableSummary>> {
  const { out } = options
  const work = stateDir(out)
  const duckdb = new DuckDbSession(work)
  try {
    const tables: Record<string, TableSummary> = {}

    const customerColumns = [
      ...CUSTOMER_COLUMNS,
      ...options.computedColumns.map(dynamicSpec),
      ...options.consentColumns.map(dynamicSpec),
    ]
    const customerSelect = `SELECT ${customerColumns.map(typedColumn).join(', ')} FROM ${readStaged(stagedPath(out, 'customers'), customerColumns)}`
    tables.customers = await writeOneFile(duckdb, options, 'customers', customerSelect)

    const events = await writeEventPartitions(duckdb, options)
    tables.events = { path: 'events/', ...events }

    if (!options.incremental) {
      const columns = featureColumns(options.labelDays)
      const featureSelect = `SELECT ${columns.map(typedColumn).join(', ')} FROM ${readStaged(stagedPath(out, 'features'), columns)}`
      tables.features = await writeOneFile(duckdb, options, 'features', featureSelect)
    }
    return tables
  } finally {
    duckdb.close()
    rmSync(join(work, 'duckdb-spill'), { recursive: true, force: true })
  }
}
