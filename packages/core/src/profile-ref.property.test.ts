import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { ValidationError } from './errors.ts'
import {
  createProfileRef,
  decodeProfileRef,
  encodeProfileRef,
  formatProfileRef,
  MAX_PROFILE_ID_LENGTH,
  parseProfileRef,
  sameProfileRef,
} from './profile-ref.ts'

const RUNS = { numRuns: 600 }

/** The characters a path or query would misread if they travelled raw, plus unicode. */
const tricky = fc.constantFrom(
  '+',
  '/',
  ':',
  '%',
  '?',
  '#',
  ' ',
  '%2B',
  '%zz',
  '@',
  'é',
  'Ω',
  '中',
  '😀',
  '\u00a0'
)
const piece = fc.oneof(
  tricky,
  fc.string({ unit: 'grapheme', maxLength: 4 }),
  fc.string({ maxLength: 4 })
)
/** Any valid non-email id: 1..1024 UTF-16 units of well-formed text. */
const singleId = fc
  .array(piece, { minLength: 1, maxLength: 40 })
  .map((parts) => parts.join(''))
  .filter((id) => id.length > 0 && id.length <= MAX_PROFILE_ID_LENGTH)
const singleType = fc.constantFrom('userId' as const, 'id' as const, 'anonymousId' as const)

/** Email halves: no `@`, no whitespace; symbols and unicode whose case maps one to one (not ß). */
const emailPart = fc
  .array(fc.constantFrom('+', '/', '%', '?', '#', '.', 'É', 'Ü', 'ñ', '😀', 'A', 'z', '9'), {
    minLength: 1,
    maxLength: 20,
  })
  .map((chars) => chars.join(''))
const rawEmail = fc.tuple(emailPart, emailPart).map(([local, domain]) => `${local}@${domain}`)

/** Every character that must never travel raw inside the encoded id. */
const UNSAFE_IN_SEGMENT = /[/?# +]/

describe('profile refs, property-based', () => {
  it('non-email ids survive encode -> decode and never leave a raw / ? # space + in the segment', () => {
    fc.assert(
      fc.property(singleType, singleId, (type, id) => {
        const ref = createProfileRef(type, id)
        const segment = encodeProfileRef(ref)
        expect(segment.startsWith(`${type}:`)).toBe(true)
        expect(segment.slice(type.length + 1)).not.toMatch(UNSAFE_IN_SEGMENT)
        expect(decodeProfileRef(segment)).toEqual(ref)
      }),
      RUNS
    )
  })

  it('non-email ids survive format -> parse, colons included', () => {
    fc.assert(
      fc.property(singleType, singleId, (type, id) => {
        const ref = createProfileRef(type, id)
        expect(parseProfileRef(formatProfileRef(ref))).toEqual(ref)
      }),
      RUNS
    )
  })

  it('emails survive encode -> decode, normalised to lower case', () => {
    fc.assert(
      fc.property(rawEmail, (email) => {
        const ref = createProfileRef('email', email)
        expect(ref.value).toBe(email.toLowerCase())
        const segment = encodeProfileRef(ref)
        expect(segment.slice('email:'.length)).not.toMatch(UNSAFE_IN_SEGMENT)
        expect(decodeProfileRef(segment)).toEqual(ref)
        expect(parseProfileRef(formatProfileRef(ref))).toEqual(ref)
      }),
      RUNS
    )
  })

  it('emails that differ only in case name the same profile', () => {
    fc.assert(
      fc.property(rawEmail, (email) => {
        const upper = parseProfileRef(`email:${email.toUpperCase()}`)
        const lower = parseProfileRef(`email:${email.toLowerCase()}`)
        expect(sameProfileRef(upper, lower)).toBe(true)
        expect(
          sameProfileRef(
            { type: 'email', value: email.toUpperCase() },
            { type: 'email', value: email }
          )
        ).toBe(true)
      }),
      RUNS
    )
  })

  it('any id holding a lone surrogate is rejected with ValidationError', () => {
    const lone = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code))
    fc.assert(
      fc.property(
        singleType,
        fc.string({ maxLength: 10 }),
        lone,
        fc.string({ maxLength: 10 }),
        (type, a, s, b) => {
          // A high surrogate followed by a low one would form a valid pair: keep the surrogate alone.
          const id = `${a.replace(/[\uD800-\uDFFF]/g, '')}${s}x${b.replace(/[\uD800-\uDFFF]/g, '')}`
          expect(() => createProfileRef(type, id)).toThrow(ValidationError)
        }
      ),
      RUNS
    )
  })

  it(`any id over ${MAX_PROFILE_ID_LENGTH} characters is rejected with ValidationError`, () => {
    fc.assert(
      fc.property(
        singleType,
        fc.integer({ min: MAX_PROFILE_ID_LENGTH + 1, max: 4 * MAX_PROFILE_ID_LENGTH }),
        (type, n) => {
          expect(() => createProfileRef(type, 'a'.repeat(n))).toThrow(ValidationError)
        }
      ),
      { numRuns: 100 }
    )
  })

  it('parse and decode throw nothing but ValidationError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        for (const read of [parseProfileRef, decodeProfileRef]) {
          try {
            const ref = read(text)
            expect(createProfileRef(ref.type, ref.value)).toEqual(ref)
          } catch (error) {
            expect(error).toBeInstanceOf(ValidationError)
          }
        }
      }),
      RUNS
    )
  })
})
