/**
 * @module cli/cli-table
 * How every listing command prints: an aligned table with a header for people, or with `--json`
 * one JSON array for scripts. Either way nothing else reaches stdout.
 */
import type { CliIo } from './cli-args.ts'

export interface Listing<T> {
  readonly columns: readonly string[]
  readonly items: readonly T[]
  /** One table row per item, one cell per column; `-` stands for nothing. */
  readonly row: (item: T) => readonly string[]
  /** What `--json` prints for an item (dates as ISO strings, absent values as null). */
  readonly json: (item: T) => unknown
}

export function formatTable(columns: readonly string[], rows: readonly (readonly string[])[]) {
  const cells = [columns, ...rows].map((row) => row.map((cell) => (cell === '' ? '-' : cell)))
  const widths = columns.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)))
  return cells
    .map((row) =>
      row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')
    )
    .map((line) => `${line}\n`)
    .join('')
}

export function printListing<T>(io: CliIo, asJson: boolean, listing: Listing<T>): void {
  if (asJson) {
    io.out(`${JSON.stringify(listing.items.map(listing.json), null, 2)}\n`)
    return
  }
  io.out(formatTable(listing.columns, listing.items.map(listing.row)))
}
