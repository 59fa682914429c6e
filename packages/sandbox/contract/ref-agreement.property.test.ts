// Property: core and the sandbox read a profile ref the same way. The sandbox's reader
// (src/profile-api/profile-segment.ts) is written from the spec, separately from core's, so a
// misreading on either side (an id decoded twice, a `+` read as a space, emails compared by case,
// an id type accepted that the spec does not list) shows up here as a different ref or error code.
// Segments are built as a client following the spec builds them: `idType:` then the id
// percent-encoded as one path segment (the separator raw or, tolerated by both, encoded). Outside
// that, the two differ where the spec is silent: the sandbox decodes the whole segment before
// splitting, so it reads `%75serId:x` and `userId%3Aa:b`, which core's decodeProfileRef refuses.
import {
  decodeProfileRef,
  encodeProfileRef,
  isIntileryError,
  parseProfileRef,
} from '@intilery-connect/core'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { readProfileSegment } from '../src/profile-api/profile-segment.ts'
import { RequestError } from '../src/profile-api/request-error.ts'
import { SEEDED } from '../src/seed/index.ts'
import { expectErrorBody, startContractTarget, type ContractTarget } from './harness.ts'

let target: ContractTarget
beforeAll(async () => {
  target = await startContractTarget({ ratePerSecond: 10_000, burst: 10_000 })
})
afterAll(() => target.stop())

interface Ref {
  readonly type: string
  readonly value: string
}
/** A read ref, or the code of the error that refused it (core's class or the sandbox's). */
type Outcome<R extends Ref> = { readonly ref: R } | { readonly error: string }

function outcome<R extends Ref>(read: () => R): Outcome<R> {
  try {
    return { ref: { ...read() } }
  } catch (error) {
    if (isIntileryError(error) || error instanceof RequestError) return { error: error.code }
    throw error
  }
}

const joe = SEEDED.joeBloggs
const idType = fc.constantFrom('userId', 'email', 'id', 'anonymousId', 'phone', 'USERID', '', 'a b')
const piece = fc.constantFrom(
  ...['a', 'Z', '0', '@', '.', '+', '/', ':', '%', '%41', '%2B', '?', '#', '&', '=', ' ', '\t'],
  ...['é', 'ü', 'ユ', '😀', '\u00A0']
)
const id = fc.oneof(
  fc.array(piece, { maxLength: 12 }).map((parts) => parts.join('')),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc
    .tuple(
      fc.constantFrom('', ' ', '\t'),
      fc.constantFrom('joe.bloggs', 'JOE.Bloggs', 'a+b', 'x y')
    )
    .map(([pad, local]) => `${pad}${local}@Intilery.COM${pad}`),
  fc.constantFrom(joe.userId, joe.id, joe.email, 'x'.repeat(1024), 'x'.repeat(1025))
)
const separator = fc.constantFrom(':', ':', '%3A', '%3a')
/** Refs that find someone, so the HTTP property also compares the profiles looked up. */
const known = fc.constantFrom(
  ['userId', joe.userId],
  ['id', joe.id],
  ['email', joe.email.toUpperCase()],
  ['email', ` ${SEEDED.sharedEmail}`]
)

describe('profile refs', () => {
  it('the sandbox reads a segment exactly like parseProfileRef and decodeProfileRef: the same ref, or the same error code', () => {
    fc.assert(
      fc.property(idType, id, separator, (type, value, sep) => {
        const segment = `${type}${sep}${encodeURIComponent(value)}`
        const sandbox = outcome(() => readProfileSegment(segment))
        expect(sandbox).toEqual(outcome(() => parseProfileRef(`${type}:${value}`)))
        expect(sandbox).toEqual(outcome(() => decodeProfileRef(segment)))
        // And what core's client puts in the URL is read back as the ref the client meant.
        if ('ref' in sandbox) {
          const sent = encodeProfileRef(parseProfileRef(`${type}:${value}`))
          expect(readProfileSegment(sent)).toEqual(sandbox.ref)
        }
      }),
      { numRuns: 2000 }
    )
  })

  it('over HTTP the sandbox answers 400 with core’s error code, or looks up exactly core’s ref', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(known, fc.tuple(idType, id)), async ([type, value]) => {
        const core = outcome(() => parseProfileRef(`${type}:${value}`))
        const response = await target.raw(`/profiles/${type}:${encodeURIComponent(value)}/traits`)
        if ('error' in core) {
          expect(response.status).toBe(400)
          expect((await expectErrorBody(response)).code).toBe(core.error)
          return
        }
        const expected = target.sandbox.store.find(core.ref).map((customer) => customer.id)
        if (expected.length === 0) {
          expect(response.status).toBe(404)
          return
        }
        expect(response.status).toBe(200)
        const body = (await response.json()) as { id?: string; data?: { id: string }[] }
        expect(body.data?.map((profile) => profile.id) ?? [body.id]).toEqual(expected)
      }),
      { numRuns: 150 }
    )
  })
})
