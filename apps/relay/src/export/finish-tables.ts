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
import { CUSTOMER_COLUMNS } from './customer-row.ts'
import { EVENT_COLUMNS } from './event-row.ts'
import { featureColumns } from './features.ts'
import { stagedPath, stateDir } from './staging.ts'

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

/** A data-named column out of the staged JSON object `source` (its name is `[a-z0-9_]` only). */
function dynamicColumn(source: string, { column, kind }: DynamicColumn): string {
  const path = quoteText(`$.${column}`)
  const value = `json_extract(${source}, ${path})`
  const typed =
    kind === undefined || kind === 'json'
      ? value
      : kind === 'text'
        ? `json_extract_string(${source}, ${path})`
        : kind === 'timestamp'
          ? `TRY_CAST(json_extract_string(${source}, ${path}) AS TIMESTAMPTZ)`
          : `TRY_CAST(${value} AS ${DUCKDB_TYPE[kind]})`
  return `${typed} AS ${quoteName(column)}`
}

async function copyTable(
  connection: DuckDBConnection,
  select: string,
  target: string,
  options: string
): Promise<{ rows: number; columns: TableSummary['columns'] }> {
  const described = await connection.runAndReadAll(`DESCRIBE (${select})`)
  const columns = described.getRowObjects().map((row) => ({
    name: String(row.column_name),
    type: String(row.column_type),
  }))
  const copied = await connection.runAndReadAll(
    `COPY (${select}) TO ${quoteText(target)} (${options})`
  )
  const rows = Number(copied.getRows()[0]?.[0] ?? 0)
  return { rows, columns }
}

/** Every file below `from`, moved to the same place below `to` (replacing one of the same name). */
function moveTree(from: string, to: string): void {
  for (const entry of readdirSync(from, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const source = join(entry.parentPath, entry.name)
    const target = join(to, relative(from, source))
    mkdirSync(dirname(target), { recursive: true })
    renameSync(source, target)
  }
}

/**
 * The events, one folder per event date. Not DuckDB's PARTITION_BY: it keeps a buffer per column
 * per open partition, which for months of days went past any sensible memory limit. Instead the
 * events are sorted by date into one working Parquet file (DuckDB spills the sort to disk), then
 * each day is copied out on its own, reading only that day's row groups.
 */
async function writeEventPartitions(
  connection: DuckDBConnection,
  options: FinishOptions
): Promise<Omit<TableSummary, 'path'>> {
  const { out, format } = options
  const work = stateDir(out)
  const sorted = join(work, 'events-sorted.parquet')
  await connection.run(
    `COPY (SELECT ${EVENT_COLUMNS.map(typedColumn).join(', ')}, CAST(timezone('UTC', TRY_CAST(event_time AS TIMESTAMPTZ)) AS DATE) AS event_date FROM ${readStaged(stagedPath(out, 'events'), EVENT_COLUMNS)} ORDER BY event_date) TO ${quoteText(sorted)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 20000)`
  )
  const newEvents = join(work, 'events-new')
  rmSync(newEvents, { recursive: true, force: true })
  const dates = (
    await connection.runAndReadAll(
      `SELECT DISTINCT CAST(event_date AS VARCHAR) FROM read_parquet(${quoteText(sorted)}) ORDER BY 1`
    )
  ).getRows()
  let rows = 0
  let columns: TableSummary['columns'] = []
  for (const [date] of dates) {
    const day = date === null ? 'NULL' : String(date)
    const folder = join(newEvents, `event_date=${day}`)
    mkdirSync(folder, { recursive: true })
    const written = await copyTable(
      connection,
      `SELECT * EXCLUDE (event_date) FROM read_parquet(${quoteText(sorted)}) WHERE event_date ${date === null ? 'IS NULL' : `= DATE ${quoteText(day)}`}`,
      join(folder, `part-${options.runId}.${EXTENSION[format]}`),
      COPY_FORMAT[format]
    )
    rows += written.rows
    columns = written.columns
  }
  if (columns.length === 0) {
    const described = await connection.runAndReadAll(
      `DESCRIBE (SELECT * EXCLUDE (event_date) FROM read_parquet(${quoteText(sorted)}))`
    )
    columns = described
      .getRowObjects()
      .map((row) => ({ name: String(row.column_name), type: String(row.column_type) }))
  }
  mkdirSync(join(out, 'events'), { recursive: true })
  if (existsSync(newEvents)) moveTree(newEvents, join(out, 'events'))
  rmSync(sorted, { force: true })
  // The partition column is in the folder names, as Hive-style readers expect.
  return { rows, columns: [...columns, { name: 'event_date', type: 'DATE' }] }
}

/** Writes the tables; @returns what each holds. */
export async function finishTables(options: FinishOptions): Promise<Record<string, TableSummary>> {
  const { out, format } = options
  const work = stateDir(out)
  const extension = EXTENSION[format]
  const instance = await DuckDBInstance.create(':memory:', {
    // Within the export's memory target (bench:export): a partitioned write keeps a writer per
    // open partition, so fewer open at once keeps it flat however many days the events span.
    memory_limit: '128MB',
    threads: '1',
    partitioned_write_max_open_files: '16',
    preserve_insertion_order: 'false',
    temp_directory: join(work, 'duckdb-spill'),
  })
  const connection = await instance.connect()
  try {
    const tables: Record<string, TableSummary> = {}

    const customerSelect = `SELECT ${CUSTOMER_COLUMNS.map(typedColumn).join(', ')}, ${
      [
        ...options.computedColumns.map((column) => dynamicColumn('computed', column)),
        ...options.consentColumns.map((column) => dynamicColumn('consent', column)),
      ].join(', ') || 'NULL AS no_computed_traits'
    } FROM ${readStaged(stagedPath(out, 'customers'), [
      ...CUSTOMER_COLUMNS,
      ['computed', 'JSON'],
      ['consent', 'JSON'],
    ])}`
    const customersFile = `customers.${extension}`
    const customers = await copyTable(
      connection,
      customerSelect,
      join(work, customersFile),
      COPY_FORMAT[format]
    )
    renameSync(join(work, customersFile), join(out, customersFile))
    tables.customers = { path: customersFile, ...customers }

    const events = await writeEventPartitions(connection, options)
    tables.events = { path: 'events/', ...events }

    if (!options.incremental) {
      const columns = featureColumns(options.labelDays)
      const featuresFile = `features.${extension}`
      const featureSelect = `SELECT ${columns.map(typedColumn).join(', ')} FROM ${readStaged(stagedPath(out, 'features'), columns)}`
      const features = await copyTable(
        connection,
        featureSelect,
        join(work, featuresFile),
        COPY_FORMAT[format]
      )
      renameSync(join(work, featuresFile), join(out, featuresFile))
      tables.features = { path: featuresFile, ...features }
    }
    return tables
  } finally {
    connection.closeSync()
    instance.closeSync()
  }
}
