import { pino } from 'pino'
import { expect, it } from 'vitest'

import type { DeliveryCounts } from '../writeback/deliver-tenant.ts'
import { workerLog } from './writeback-worker.ts'

function capturedLog() {
  const lines: Record<string, unknown>[] = []
  const logger = pino(
    { level: 'info' },
    { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) }
  )
  return { logger, lines }
}

it('tells messages a claim could not send as an error, with the counts, why and where to look', () => {
  const { logger, lines } = capturedLog()
  workerLog(logger, undefined).onUnusable?.('acme', {
    dead: 1,
    retried: 2,
    unreadable: 1,
    unopened: 2,
  })
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatchObject({
    level: 50,
    tenantId: 'acme',
    dead: 1,
    retried: 2,
    unreadable: 1,
    unopened: 2,
  })
  expect(lines[0]?.msg).toContain('RELAY_ENCRYPTION_KEY')
  expect(lines[0]?.msg).toContain('relay outbox list --tenant <id> --state dead')
})

it('counts every round for the metrics and logs one line for a round that settled something', () => {
  const { logger, lines } = capturedLog()
  const settled: [string, DeliveryCounts][] = []
  const log = workerLog(logger, (tenantId, counts) => settled.push([tenantId, counts]))
  const idle = { delivered: 0, retried: 0, dead: 0, released: 3 }
  const busy = { delivered: 5, retried: 1, dead: 0, released: 0 }
  log.onDelivered?.('acme', idle)
  log.onDelivered?.('acme', busy)
  expect(settled).toEqual([
    ['acme', idle],
    ['acme', busy],
  ])
  expect(lines).toEqual([
    expect.objectContaining({ level: 30, tenantId: 'acme', ...busy, msg: 'write-back delivery' }),
  ])
})
