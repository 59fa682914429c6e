/**
 * @module export/column-types
 * Columns whose names come from the data (computed traits, consent channels): a safe column name
 * per key, fixed at first sight, and the type every value seen so far agrees on. A trait that is a
 * number for every customer becomes a DOUBLE column; one that is a number here and a word there
 * becomes JSON, so nothing is lost or coerced. Kept in the checkpoint, so a resumed export types
 * its columns from every customer, not only the ones read after the restart.
 */
import { parseIsoInstant } from '@intilery-connect/core'
import { z } from 'zod'

export const valueKindSchema = z.enum([
  'boolean',
  'integer',
  'double',
  'timestamp',
  'text',
  'list',
  'json',
])
export type ValueKind = z.infer<typeof valueKindSchema>

export const dynamicColumnSchema = z.object({
  /** The key as the data names it (any text: it may be hostile). */
  key: z.string(),
  /** `[a-z0-9_]` only, so it is safe in SQL and in a JSON path. */
  column: z.string().regex(/^[a-z0-9_]+$/),
  /** Undefined while only nulls were seen. */
  kind: valueKindSchema.optional(),
})
export type DynamicColumn = z.infer<typeof dynamicColumnSchema>

/** What one value is; undefined for null and undefined (they agree with any type). */
export function kindOfValue(value: unknown): ValueKind | undefined {
  if (value === null || value === undefined) return undefined
  if (typeof value === 'boolean') return 'boolean'
  if (typeof value === 'number') return Number.isSafeInteger(value) ? 'integer' : 'double'
  if (typeof value === 'string')
    // A date-time (with a time part) types as a timestamp; a bare date stays text.
    return value.includes('T') && parseIsoInstant(value) !== undefined ? 'timestamp' : 'text'
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return 'list'
  return 'json'
}

/** The type two observations agree on: integers widen to doubles, timestamps to text. */
export function mergeKinds(
  a: ValueKind | undefined,
  b: ValueKind | undefined
): ValueKind | undefined {
  if (a === undefined) return b
  if (b === undefined || a === b) return a
  const pair = new Set([a, b])
  if (pair.has('integer') && pair.has('double')) return 'double'
  if (pair.has('timestamp') && pair.has('text')) return 'text'
  return 'json'
}

/** DuckDB's type for a column of this kind (JSON while only nulls were seen). */
export const DUCKDB_TYPE: Readonly<Record<ValueKind, string>> = {
  boolean: 'BOOLEAN',
  integer: 'BIGINT',
  double: 'DOUBLE',
  timestamp: 'TIMESTAMPTZ',
  text: 'VARCHAR',
  list: 'VARCHAR[]',
  json: 'JSON',
}

/** A lower-case `[a-z0-9_]` form of a key (at most 60 characters). */
function safeName(key: string): string {
  const name = key
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60)
  return name === '' ? 'unnamed' : name
}

/** One family of data-named columns (e.g. `computed_…`), in the order keys were first seen. */
export class DynamicColumns {
  private readonly byKey = new Map<string, DynamicColumn>()
  private readonly taken: Set<string>

  constructor(
    private readonly prefix: string,
    known: readonly DynamicColumn[] = [],
    /** Column names of the table's fixed columns, which a data key must not take. */
    reserved: readonly string[] = []
  ) {
    this.taken = new Set(reserved)
    for (const column of known) {
      this.byKey.set(column.key, { ...column })
      this.taken.add(column.column)
    }
  }

  /** The column of `key` (named now if new), with the value's type merged in. */
  observe(key: string, value: unknown): string {
    let column = this.byKey.get(key)
    if (column === undefined) {
      const base = `${this.prefix}${safeName(key)}`
      let name = base
      for (let n = 2; this.taken.has(name); n++) name = `${base}_${n}`
      this.taken.add(name)
      column = { key, column: name }
      this.byKey.set(key, column)
    }
    const kind = mergeKinds(column.kind, kindOfValue(value))
    if (kind !== undefined) column.kind = kind
    return column.column
  }

  /** Every column, for the checkpoint and the finishing SQL. */
  list(): DynamicColumn[] {
    return [...this.byKey.values()].map((column) => ({ ...column }))
  }
}
