import { describe, expect, it } from 'vitest'

import { packBatches } from './batch-packing.ts'
import type { ClaimedMessage } from './outbox-claim.ts'

const claimed = (messageId: string, orderKey: string, payloadBytes = 10) =>
  ({ tenantId: 'acme', messageId, orderKey, payloadBytes }) as ClaimedMessage

const ids = (batches: ClaimedMessage[][]) => batches.map((b) => b.map((m) => m.messageId))

describe('packBatches', () => {
  it('puts each customer’s messages whole in one batch, each batch in claim order', () => {
    const messages = [
      claimed('a1', 'a'),
      claimed('b1', 'b'),
      claimed('a2', 'a'),
      claimed('c1', 'c'),
      claimed('b2', 'b'),
    ]
    expect(ids(packBatches(messages, { batchSize: 3, maxBytes: 1_000 }))).toEqual([
      ['a1', 'a2'],
      ['b1', 'c1', 'b2'],
    ])
  })

  it('starts a new batch when the next customer’s messages would pass the bytes', () => {
    const messages = [claimed('a1', 'a', 600), claimed('b1', 'b', 600), claimed('c1', 'c', 300)]
    expect(ids(packBatches(messages, { batchSize: 100, maxBytes: 1_000 }))).toEqual([
      ['a1'],
      ['b1', 'c1'],
    ])
  })

  it('packs nothing into no batches', () => {
    expect(packBatches([], { batchSize: 100, maxBytes: 1_000 })).toEqual([])
  })
})
