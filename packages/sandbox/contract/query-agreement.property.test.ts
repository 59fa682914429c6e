// Properties: core and the sandbox read the events query the same way. The sandbox's reader
// (src/profile-api/events-query.ts) is written from the spec, separately from core's, so a misreading
// on either side (limit 101 allowed, an offset applied the wrong way, a display name not mapped to
// its key) shows up as a different reading. First over HTTP: whatever the client lets through, the
// sandbox accepts; whatever the client refuses, the sandbox (sent raw) refuses with 400
// invalid_request_error. Then on the wire text itself: core's parseEventsWireQuery and the
// sandbox's readEventsCall give the same query, or the same error code. Not generated, because the
// two differ there where the spec is silent: a limit with leading zeros past three digits (`0100`,
// core refuses it) and lists of more than 50 keys (core's own cap; the spec has none).
import {
  createProfileRef,
  InvalidRequestError,
  isIntileryError,
  parseEventsWireQuery,
  toEventKey,
  type EventsQuery,
} from '@intilery-connect/core'
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { readEventsCall } from '../src/profile-api/events-query.ts'
import { RequestError } from '../src/profile-api/request-error.ts'
import { SEEDED } from '../src/seed/index.ts'
import { expectErrorBody, startContractTarget, type ContractTarget } from './harness.ts'

let target: ContractTarget
beforeAll(async () => {
  target = await startContractTarget({ ratePerSecond: 10_000, burst: 10_000 })
})
afterAll(() => target.stop())

/** Mostly `good`, sometimes `bad`: many queries are valid, and a refusal tends to have one cause. */
const mostly = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: bad })

const someDate = fc.date({
  min: new Date('1990-01-01'),
  max: new Date('2035-01-01'),
  noInvalidDate: true,
})
const dateText = mostly(
  fc.oneof(
    someDate.map((d) => d.toISOString()),
    someDate.map((d) => d.toISOString().slice(0, 10)),
    fc.constant('2024-01-01T10:00:00+02:00')
  ),
  fc.constantFrom('2024-02-30', '2024-13-01', 'yesterday', '', '2024-01-01T25:00:00Z')
)
const query: fc.Arbitrary<EventsQuery> = fc.record(
  {
    include: mostly<string[]>(
      fc.array(fc.constantFrom('email_opened', 'Page Viewed', 'page'), {
        minLength: 1,
        maxLength: 3,
      }),
      fc.array(fc.constantFrom(' ', 'a,b', ''), { maxLength: 2 })
    ),
    exclude: mostly<string[]>(
      fc.array(fc.constantFrom('email_sent', 'Order Completed'), { minLength: 1, maxLength: 3 }),
      fc.array(fc.constant('___'), { minLength: 1, maxLength: 1 })
    ),
    start: dateText,
    end: dateText,
    sort: mostly(fc.constantFrom('asc', 'desc'), fc.constant('up')) as fc.Arbitrary<'asc' | 'desc'>,
    limit: fc.oneof(
      fc.integer({ min: 1, max: 100 }),
      // The edges of 1..100, often: an off-by-one is the likeliest misreading.
      fc.constantFrom(1, 100, 0, 101),
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
        expect((await expectErrorBody(raw)).code).toBe('invalid_request_error')
      }
    }),
    { numRuns: 300 }
  )
})

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max })
const pad = (n: number, width: number) => String(n).padStart(width, '0')
const field = (min: number, max: number, badMin: number, badMax: number) =>
  mostly(fc.integer({ min, max }), fc.integer({ min: badMin, max: badMax }))

/** Instants built field by field, so both readers meet impossible dates, hours and zones too. */
const builtInstant = fc
  .record({
    year: mostly(fc.integer({ min: 1970, max: 2100 }), fc.integer({ min: 0, max: 9999 })),
    month: field(1, 12, 0, 13),
    day: field(1, 28, 0, 32),
    time: fc.option(
      fc.record({
        sep: mostly(fc.constant('T'), fc.constantFrom(' ', 't')),
        hour: field(0, 23, 0, 25),
        minute: field(0, 59, 0, 60),
        second: fc.option(field(0, 59, 0, 60)),
        fraction: fc.option(mostly(digits(1, 9), digits(10, 11))),
        zone: mostly(
          fc.constantFrom('', 'Z', '+02:00', '-0530', '-23:59', '+00:00'),
          fc.constantFrom('z', '+24:00', '+05:60', '+02', '+2:00')
        ),
      })
    ),
  })
  .map(({ year, month, day, time }) => {
    const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`
    if (time === null) return date
    const seconds =
      time.second === null
        ? ''
        : `:${pad(time.second, 2)}${time.fraction === null ? '' : `.${time.fraction}`}`
    return `${date}${time.sep}${pad(time.hour, 2)}:${pad(time.minute, 2)}${seconds}${time.zone}`
  })
const instantText = mostly(
  fc.oneof(
    builtInstant,
    fc
      .date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString())
  ),
  fc.constantFrom('', 'yesterday', '2024-1-01', '20240101', '2024-01-01T', '2024-02-30')
)
const eventName = mostly(
  fc.constantFrom(
    ...['email_opened', 'Email Opened', 'EMAIL_OPENED', 'page', 'Page Viewed'],
    ...[' Order  Completed ', 'Add-to-Cart!', 'ÉTÉ Soldé', 'Zoë', 'x_1']
  ),
  fc.constantFrom('___', ' ', '')
)
const keyList = mostly(
  fc.array(eventName, { minLength: 1, maxLength: 5 }),
  fc.array(eventName, { maxLength: 1 })
).map((names) => names.join(','))
const wireQuery = fc.record(
  {
    include: keyList,
    exclude: keyList,
    start: instantText,
    end: instantText,
    sort: mostly(fc.constantFrom('asc', 'desc'), fc.constantFrom('ASC', 'Desc', 'up', '', ' asc')),
    limit: mostly(
      fc.oneof(fc.integer({ min: 1, max: 100 }).map(String), fc.constantFrom('1', '100')),
      fc.oneof(
        // The edges of 1..100 first: an off-by-one is the likeliest misreading.
        fc.constantFrom('0', '101', '-1', '1000'),
        fc.integer({ min: -5, max: 205 }).map(String),
        fc.constantFrom('007', '099', '1.5', '1e2', '+5', ' 5', '', 'ten', '0x10', '100.0')
      )
    ),
    page: fc.constantFrom('2', 'x'),
  },
  { requiredKeys: [] }
)

/** Keys as a set: order and repeats in a list do not change which events it selects. */
const keySet = (keys: readonly string[] | undefined) =>
  keys === undefined ? undefined : [...new Set(keys)].sort()

function reading(
  read: () => {
    include?: readonly string[] | undefined
    exclude?: readonly string[] | undefined
    start?: number | undefined
    end?: number | undefined
    sort?: 'asc' | 'desc' | undefined
    limit?: number | undefined
  }
) {
  try {
    const q = read()
    // The spec's defaults, applied here because core leaves them to the caller.
    return {
      include: keySet(q.include),
      exclude: keySet(q.exclude),
      start: q.start,
      end: q.end,
      sort: q.sort ?? 'desc',
      limit: q.limit ?? 100,
    }
  } catch (error) {
    if (isIntileryError(error) || error instanceof RequestError) return { error: error.code }
    throw error
  }
}

/**
 * Instants to a hundredth of a millisecond: the readers turn sub-millisecond digits into numbers by
 * different arithmetic, which may differ in the last binary digit; a misreading is far larger.
 */
const nearly = (ms: number | undefined): unknown =>
  ms === undefined ? ms : (expect.closeTo(ms, 2) as unknown)

it('core and the sandbox read any events query wire text alike: the same query, or the same error code', () => {
  fc.assert(
    fc.property(wireQuery, (params) => {
      const core = reading(() => parseEventsWireQuery(params))
      const sandbox = reading(() => {
        const call = readEventsCall(params)
        if (call.kind === 'scroll') throw new Error('no scrollId was sent')
        return call.query
      })
      expect(sandbox).toEqual(
        'error' in core ? core : { ...core, start: nearly(core.start), end: nearly(core.end) }
      )
    }),
    { numRuns: 3000 }
  )
})
