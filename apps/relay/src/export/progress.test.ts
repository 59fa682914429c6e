import { describe, expect, it } from 'vitest'

import { lineProgress, terminalProgress, type ProgressState } from './progress.ts'

const reading: ProgressState = {
  phase: 'customers',
  done: 1_200,
  total: 4_800,
  events: 123_456,
  failed: 0,
  requestsPerSecond: 37.4,
  budgetPerSecond: 37.5,
  etaMs: 125_000,
}

describe('export progress', () => {
  it('redraws one terminal line: a bar, customers of the total, events, rate against the budget, time left', () => {
    let written = ''
    const progress = terminalProgress((text) => (written += text))
    progress.update(reading)
    expect(written).toBe(
      '\r[######------------------] 1,200 of 4,800 customers · 123,456 events · 37.4 requests/s of 37.5 allowed · about 2:05 left\x1b[K'
    )
    progress.end()
    expect(written.endsWith('\n')).toBe(true)
  })

  it('without a terminal, prints a plain line at most every few seconds, and at each change of phase', () => {
    let now = 0
    const lines: string[] = []
    const progress = lineProgress(
      (text) => lines.push(text),
      () => now,
      5_000
    )
    progress.update({ ...reading, phase: 'roster', done: 100, total: null })
    progress.update(reading)
    now = 4_999
    progress.update({ ...reading, done: 1_300 })
    now = 9_999
    progress.update({ ...reading, done: 1_400, failed: 2 })
    progress.update({ ...reading, phase: 'finishing' })
    expect(lines).toEqual([
      'export: listing customers: 100\n',
      'export: 1,200 of 4,800 customers · 123,456 events · 37.4 requests/s of 37.5 allowed · about 2:05 left\n',
      'export: 1,400 of 4,800 customers · 123,456 events · 37.4 requests/s of 37.5 allowed · 2 failed · about 2:05 left\n',
      'export: writing the tables (1,200 customers, 123,456 events)\n',
    ])
  })
})
