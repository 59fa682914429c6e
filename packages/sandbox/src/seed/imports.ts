/**
 * @module seed/imports
 * CSV imports that created customers before any tracking saw them. Each import also fills the
 * static audience of the same name, which is how Intilery's static audiences come about.
 */
import type { Random } from './random.ts'
import { specAgo } from './spec-times.ts'
import { DAY } from './timeline.ts'

export interface CsvImport {
  readonly filename: string
  /** When it ran, as a distance before now. */
  readonly agoMs: number
  readonly audience: string
}

/** The spec's staff list, which created Joe Bloggs and fills the board audience. */
export const STAFF_IMPORT: CsvImport = {
  filename: 'staff listaug20.csv',
  agoMs: specAgo('2020-08-24T15:54:15.323Z'),
  audience: 'audience_board',
}

/** The VIP list, which also created the high-value shopper. */
export const VIP_IMPORT: CsvImport = {
  filename: 'vip customers 2024.csv',
  agoMs: 176 * DAY + 3_605_117,
  audience: 'audience_vip_import',
}

export const CUSTOMER_IMPORTS: readonly CsvImport[] = [
  VIP_IMPORT,
  {
    filename: 'trade show leads.csv',
    agoMs: 121 * DAY + 7_812_440,
    audience: 'audience_trade_show_leads',
  },
  { filename: 'beta testers.csv', agoMs: 95 * DAY + 40_118_003, audience: 'audience_beta_testers' },
]

/** `createdBy` of a row of the import; rows of one file land milliseconds apart. */
export function csvCreatedBy(csv: CsvImport, now: number, random: Random): Record<string, unknown> {
  return {
    filename: csv.filename,
    createdTime: new Date(now - csv.agoMs + random.int(0, 4_000)).toISOString(),
    type: 'audience-csv',
  }
}
