/**
 * `pnpm --silent duckdb "<SQL>"`: one query with the DuckDB the export already installed, its
 * answer as a table, for a first look at an export without installing DuckDB's own CLI. Paths in
 * the query are read from where the command was typed (INIT_CWD under pnpm).
 */
import process from 'node:process'

import { DuckDBInstance } from '@duckdb/node-api'

const sql = process.argv.slice(2).join(' ').trim()
if (sql === '') {
  process.stderr.write('usage: pnpm --silent duckdb "SELECT … FROM \'export/customers.parquet\'"\n')
  process.exit(2)
}
process.chdir(process.env.INIT_CWD ?? process.cwd())
const instance = await DuckDBInstance.create(':memory:')
const connection = await instance.connect()
try {
  const reader = await connection.runAndReadAll(sql)
  const columns = reader.columnNames()
  const rows = reader
    .getRowsJson()
    .map((row) => row.map((value) => (typeof value === 'string' ? value : JSON.stringify(value))))
  const widths = columns.map((name, i) =>
    Math.min(40, Math.max(name.length, ...rows.map((row) => (row[i] ?? '').length)))
  )
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) =>
        cell.length > (widths[i] ?? 0)
          ? `${cell.slice(0, (widths[i] ?? 1) - 1)}…`
          : cell.padEnd(widths[i] ?? 0)
      )
      .join('  ')
  process.stdout.write(
    `${[line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`
  )
} catch (error) {
  process.stderr.write(`duckdb: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
} finally {
  connection.closeSync()
  instance.closeSync()
}
