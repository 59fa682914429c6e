// `relay export` as an operator calls it: wrong flags and unknown tenants are refused with one
// clear line before anything is read or written; a folder is never mixed with another export.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import type { RunningSandbox } from '@intilery-connect/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { setup } from '../cli-harness.ts'
import { cliSandbox, demoCli, newFolder, query, sqlPath } from './export-harness.ts'

let sandbox: RunningSandbox
beforeAll(async () => {
  sandbox = await cliSandbox()
})
afterAll(() => sandbox.stop())

/** A CLI with tenant demo pointing at this test's sandbox; its export's budget raised with it. */
const cliForSandbox = () => demoCli(sandbox, { RELAY_EXPORT_RATE_PER_SECOND: '2000' })

describe('relay export refuses, writing nothing', () => {
  it.each([
    [[], '--tenant is required'],
    [['--tenant', 'demo'], '--out is required'],
    [['--format', 'xlsx'], '--format must be parquet, ndjson or csv'],
    [['--budget', '0%'], '--budget must be more than 0% and at most 100%'],
    [['--budget', '150%'], '--budget must be more than 0% and at most 100%'],
    [['--budget', 'half'], '--budget must be a percentage such as 50%'],
    [['--label-days', '0'], '--label-days must be between 1 and 365'],
    [['--label-days', '2.5'], '--label-days must be a whole number of days'],
    [['--as-of', 'yesterday'], '--as-of must be a date (2026-11-01) or an ISO 8601 time'],
    [['--as-of', '2999-01-01'], '--as-of must not be in the future'],
    [['--since', '2026-13-01'], '--since must be a date (2026-11-01) or an ISO 8601 time'],
    [['--limit-profiles', '0'], '--limit-profiles must be at least 1'],
  ])('%j: %s', async (flags, message) => {
    const { run } = setup()
    const out = newFolder()
    const base =
      flags.length === 0 || flags.includes('--tenant') ? [] : ['--tenant', 'demo', '--out', out]
    await expect(run(['export', ...base, ...flags])).rejects.toThrow(message)
    expect(existsSync(out)).toBe(false)
  })

  it('names an unknown tenant', async () => {
    const { run } = await cliForSandbox()
    const out = newFolder()
    expect(await run(['export', '--tenant', 'ghost', '--out', out])).toEqual({
      code: 1,
      out: '',
      err: 'relay: no tenant ghost (relay tenants list shows the tenants)\n',
    })
    expect(existsSync(out)).toBe(false)
  })

  it('will not write into a folder that holds something else, or resume where nothing was started', async () => {
    const { run } = await cliForSandbox()
    const out = newFolder()
    mkdirSync(out)
    writeFileSync(join(out, 'notes.txt'), 'mine')
    expect(await run(['export', '--tenant', 'demo', '--out', out])).toMatchObject({
      code: 1,
      err: `relay: ${out} is not empty: choose a new folder (an incremental --since run may add to a finished export)\n`,
    })
    expect(readdirSync(out)).toEqual(['notes.txt'])
    const fresh = newFolder()
    expect(await run(['export', '--tenant', 'demo', '--out', fresh, '--resume'])).toMatchObject({
      code: 1,
      err: `relay: ${fresh} holds no unfinished export to resume\n`,
    })
    expect(existsSync(fresh)).toBe(false)
  })
})

describe('relay export, run from the command line', () => {
  it('writes NDJSON and CSV that DuckDB reads, and adds an incremental run beside a finished one', async () => {
    const { run } = await cliForSandbox()
    for (const format of ['ndjson', 'csv'] as const) {
      const out = newFolder()
      const done = await run([
        'export',
        '--tenant',
        'demo',
        '--out',
        out,
        '--format',
        format,
        '--limit-profiles',
        '5',
        '--quiet',
      ])
      expect(done).toMatchObject({ code: 0, err: '' })
      expect(done.out).toContain(`exported 5 customers to ${out}`)
      const reader = format === 'csv' ? 'read_csv' : 'read_json'
      const [counts] = await query(
        `SELECT (SELECT count(*) FROM ${reader}(${sqlPath(join(out, `customers.${format}`))})) AS customers,
                (SELECT count(*) FROM ${reader}(${sqlPath(join(out, 'features.' + format))})) AS features,
                (SELECT count(DISTINCT customer_id) FROM ${reader}(${sqlPath(join(out, 'events', '*', `*.${format}`))})) AS with_events`
      )
      expect(counts).toEqual({ customers: '5', features: '5', with_events: '5' })
    }

    const out = newFolder()
    expect(
      (await run(['export', '--tenant', 'demo', '--out', out, '--limit-profiles', '3', '--quiet']))
        .code
    ).toBe(0)
    const eventsFirst = await query(
      `SELECT count(*) AS n FROM read_parquet(${sqlPath(join(out, 'events', '*', '*.parquet'))})`
    )
    const since = new Date(Date.now() - 2 * 86_400_000).toISOString()
    const added = await run([
      'export',
      '--tenant',
      'demo',
      '--out',
      out,
      '--limit-profiles',
      '3',
      '--since',
      since,
      '--quiet',
    ])
    expect(added).toMatchObject({ code: 0, err: '' })
    expect(added.out).toContain('note: an incremental run')
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      since: string
      startedAt: string
      previousRuns: { since: null }[]
      tables: { events: { rows: number }; features?: unknown }
    }
    expect(manifest.since).toBe(since)
    expect(manifest.previousRuns).toHaveLength(1)
    expect(manifest.tables.features).toBeUndefined()
    // This run's files sit beside the first run's, in the same date folders.
    const [recent] = await query(
      `SELECT count(*) AS n, bool_and(event_time >= TIMESTAMPTZ ${sqlPath(since)}) AS all_since
       FROM read_parquet(${sqlPath(join(out, 'events', '*', `part-${Date.parse(manifest.startedAt)}.parquet`))})`
    )
    expect(recent).toEqual({ n: String(manifest.tables.events.rows), all_since: true })
    expect(manifest.tables.events.rows).toBeGreaterThan(0)
    const [all] = await query(
      `SELECT count(*) AS n FROM read_parquet(${sqlPath(join(out, 'events', '*', '*.parquet'))})`
    )
    expect(Number(all?.n)).toBe(Number(eventsFirst[0]?.n) + manifest.tables.events.rows)
    expect(existsSync(join(out, 'features.parquet'))).toBe(true)
  }, 60_000)
})
