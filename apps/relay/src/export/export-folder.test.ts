import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { ExportRefusedError, folderState } from './export-folder.ts'
import { exportOptions, optionsFingerprint } from './export-options.ts'
import { stateDir, writeCheckpoint } from './staging.ts'

const DAY = 86_400_000
const MONDAY = Date.parse('2026-11-30T23:50:00Z')

function startedOn(now: number) {
  const out = join(mkdtempSync(join(tmpdir(), 'export-folder-')), 'out')
  const first = exportOptions({ tenant: 'acme', out }, now)
  mkdirSync(stateDir(out), { recursive: true })
  writeCheckpoint(out, {
    version: 1,
    fingerprint: optionsFingerprint(first),
    startedAt: new Date(now).toISOString(),
    phase: 'customers',
    rosterCount: 10,
    listedTotal: 10,
    done: 3,
    eventRows: 30,
    failed: 0,
    lengths: { customers: 0, features: 0, failures: 0 },
    computedColumns: [],
    consentColumns: [],
    requests: 12,
  })
  return { out, first }
}

describe('the export folder', () => {
  it('resumes with the first run’s default cut-off after midnight, not a new one', () => {
    const { out, first } = startedOn(MONDAY)
    const resumedNextDay = exportOptions({ tenant: 'acme', out, resume: true }, MONDAY + DAY)
    expect(resumedNextDay.asOfMs).toBe(first.asOfMs + DAY)
    const state = folderState(resumedNextDay)
    expect(state.kind).toBe('resume')
    expect(state.options.asOfMs).toBe(first.asOfMs)
  })

  it('refuses a resume whose --as-of differs from the first run’s, naming the first run’s options', () => {
    const { out } = startedOn(MONDAY)
    const other = exportOptions({ tenant: 'acme', out, resume: true, asOf: '2026-10-01' }, MONDAY)
    expect(() => folderState(other)).toThrow(ExportRefusedError)
    expect(() => folderState(other)).toThrow(
      /--tenant acme --format parquet --as-of 2026-10-31T00:00:00.000Z --label-days 30/
    )
  })

  it('adds an incremental run only to an export of the same tenant and format', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'export-folder-')), 'out')
    mkdirSync(out)
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({ tenant: 'acme', format: 'parquet' }))
    const since = '2026-11-29'
    expect(folderState(exportOptions({ tenant: 'acme', out, since }, MONDAY)).kind).toBe(
      'add-to-finished'
    )
    expect(() => folderState(exportOptions({ tenant: 'other', out, since }, MONDAY))).toThrow(
      `${out} holds an export of tenant acme as parquet; an incremental run adds to it only with the same --tenant and --format`
    )
    expect(() =>
      folderState(exportOptions({ tenant: 'acme', out, since, format: 'csv' }, MONDAY))
    ).toThrow(ExportRefusedError)
  })
})
