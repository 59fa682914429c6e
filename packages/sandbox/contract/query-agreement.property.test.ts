// Property: the client's query validation and the sandbox's agree. Whatever the client lets through,
// the sandbox accepts; whatever the client refuses, the sandbox (sent raw) refuses with 400.
import {
  createProfileRef,
  InvalidRequestError,
  toEventKey,
  type EventsQuery,
} from '@intilery-connect/core'
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { SEEDED } from '../src/seed/index.ts'
import { startContractTarget, type ContractTarget } from './harness.ts'

let target: ContractTarget
beforeAll(async () => {
  target = await startContractTarget({ ratePerSecond: 10_000, burst: 10_000 })
})
afterAll(() => target.stop())

const dateText = fc.oneof(
  fc
    .date({ min: new Date('1990-01-01'), max: new Date('2035-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc
    .date({ min: new Date('1990-01-01'), max: new Date('2035-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom(
    '2024-02-30',
    '2024-13-01',
    'yesterday',
    '',
    '2024-01-01T25:00:00Z',
    '2024-01-01T10:00:00+02:00'
  )
)
const query: fc.Arbitrary<EventsQuery> = fc.record(
  {
    include: fc.array(fc.constantFrom('email_opened', 'Page Viewed', 'page', ' ', 'a,b', ''), {
      maxLength: 3,
    }),
    exclude: fc.array(fc.constantFrom('email_sent', 'Order Completed', '___'), { maxLength: 3 }),
    start: dateText,
    end: dateText,
    sort: fc.constantFrom('asc', 'desc', 'up') as fc.Arbitrary<'asc' | 'desc'>,
    limit: fc.oneof(
      fc.integer({ min: -5, max: 120 }),
      fc.double({ min: 0, max: 200, noNaN: true })
    ),
  },
  { requiredKeys: [] }
)

function wire(q: EventsQuery): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(q)) {
    params.set(key, Array.isArray(value) ? value.join(',') : String(value))
  }
  return params.toString()
}

it('client-side validation accepts exactly what the sandbox accepts', async () => {
  const client = target.client()
  const ref = createProfileRef('userId', SEEDED.joeBloggs.userId)
  await fc.assert(
    fc.asyncProperty(query, async (q) => {
      const viaClient = await client.events(ref, q).then(
        () => 'accepted' as const,
        (error: unknown) => {
          if (error instanceof InvalidRequestError && error.status === undefined)
            return 'refused' as const
          throw error
        }
      )
      const raw = await target.raw(`/profiles/userId:${SEEDED.joeBloggs.userId}/events?${wire(q)}`)
      if (viaClient === 'accepted') expect(raw.status).toBe(200)
      // The client is stricter only where the wire would silently change the meaning: a comma
      // splits a name in two, and a name without letters or digits is dropped.
      else if (
        !(q.include ?? [])
          .concat(q.exclude ?? [])
          .some((k) => k.includes(',') || toEventKey(k) === '')
      ) {
        expect(raw.status).toBe(400)
      }
    }),
    { numRuns: 300 }
  )
})
