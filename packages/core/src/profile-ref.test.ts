import { describe, expect, it } from 'vitest'

import { IntileryError, ValidationError } from './errors.ts'
import {
  createProfileRef,
  decodeProfileRef,
  encodeProfileRef,
  formatProfileRef,
  isEmailRef,
  MAX_PROFILE_ID_LENGTH,
  parseProfileRef,
  PROFILE_ID_TYPES,
  type ProfileRef,
  sameProfileRef,
} from './profile-ref.ts'

function validationError(run: () => unknown): ValidationError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError)
    return error as ValidationError
  }
  throw new Error('expected a ValidationError, nothing was thrown')
}

type Outcome =
  | { readonly ref: ProfileRef }
  | { readonly error: unknown; readonly code: string; readonly message: string }

/** What a ref function gave: the ref, or its error's class, code and message. */
function outcome(run: () => ProfileRef): Outcome {
  try {
    return { ref: run() }
  } catch (error) {
    if (!(error instanceof IntileryError)) throw error
    return { error: error.constructor, code: error.code, message: error.message }
  }
}

describe('parseProfileRef', () => {
  it.each([
    ['userId:4c90b9cf-5e4d-4689', { type: 'userId', value: '4c90b9cf-5e4d-4689' }],
    ['id:1234-5678-asdf-ghjk', { type: 'id', value: '1234-5678-asdf-ghjk' }],
    ['anonymousId:anon 42', { type: 'anonymousId', value: 'anon 42' }],
    ['email:joe.bloggs@intilery.com', { type: 'email', value: 'joe.bloggs@intilery.com' }],
  ])('parses %s', (text, expected) => {
    expect(parseProfileRef(text)).toEqual(expected)
  })

  it('keeps every colon after the first one in the id', () => {
    expect(parseProfileRef('userId:urn:crm:42')).toEqual({ type: 'userId', value: 'urn:crm:42' })
  })

  it('lower-cases and trims emails, because Intilery matches them case-insensitively', () => {
    expect(parseProfileRef('email:  Joe.Bloggs@Intilery.COM ')).toEqual({
      type: 'email',
      value: 'joe.bloggs@intilery.com',
    })
  })

  it('keeps the case and the spaces of every other id type', () => {
    expect(parseProfileRef('userId: ABC ')).toEqual({ type: 'userId', value: ' ABC ' })
  })

  it.each([
    'phone:123',
    'UserId:abc',
    'userid:abc',
    'external_id:x',
    'constructor:x',
    'toString:x',
  ])('rejects the unknown id type in %s', (text) => {
    const error = validationError(() => parseProfileRef(text))
    expect(error.code).toBe('validation_error')
    expect(error.retryable).toBe(false)
    expect(error.message).toMatch(/Unknown id type/)
  })

  it.each(['no-colon-here', ':abc', ''])('rejects %j, which is not idType:id', (text) => {
    expect(validationError(() => parseProfileRef(text)).message).toMatch(/idType:id/)
  })

  it.each(['userId:', 'id:', 'anonymousId:', 'email:', 'email:   '])(
    'rejects the empty id in %j',
    (text) => {
      expect(validationError(() => parseProfileRef(text)).message).toMatch(/must not be empty/)
    }
  )

  it(`accepts an id of exactly ${MAX_PROFILE_ID_LENGTH} characters and rejects one more`, () => {
    const longest = 'x'.repeat(MAX_PROFILE_ID_LENGTH)
    expect(parseProfileRef(`userId:${longest}`).value).toBe(longest)
    const error = validationError(() => parseProfileRef(`userId:${longest}x`))
    expect(error.message).toMatch(/1025 characters/)
  })

  it('rejects an over-long email', () => {
    const email = `${'a'.repeat(MAX_PROFILE_ID_LENGTH)}@x.com`
    validationError(() => parseProfileRef(`email:${email}`))
  })

  it.each([
    'joe',
    'joe@',
    '@intilery.com',
    'joe@@intilery.com',
    'a@b@c.com',
    'joe bloggs@intilery.com',
  ])('rejects the invalid email %j', (email) => {
    expect(validationError(() => parseProfileRef(`email:${email}`)).message).toMatch(/not an email/)
  })

  it.each(['\uD800', 'abc\uDFFF', '\uDBFFxyz'])('rejects the lone surrogate in %j', (id) => {
    expect(validationError(() => parseProfileRef(`userId:${id}`)).message).toMatch(
      /not valid Unicode/
    )
  })

  it('accepts surrogate pairs (astral characters)', () => {
    expect(parseProfileRef('userId:😀-𝒳').value).toBe('😀-𝒳')
  })
})

describe('createProfileRef', () => {
  it('builds a ref for every documented id type', () => {
    expect(PROFILE_ID_TYPES).toEqual(['userId', 'email', 'id', 'anonymousId'])
    for (const type of ['userId', 'id', 'anonymousId'] as const) {
      expect(createProfileRef(type, 'abc')).toEqual({ type, value: 'abc' })
    }
    expect(createProfileRef('email', 'A@B.C')).toEqual({ type: 'email', value: 'a@b.c' })
  })

  // Every (type, id) that can be written as `type:id` (a type with no colon in it): the two give
  // the same ref, or fail with the same error class, code and message.
  it.each([
    ['an id with colons', 'userId', 'urn:crm:42', { type: 'userId', value: 'urn:crm:42' }],
    ['an id kept with its spaces', 'userId', ' a b ', { type: 'userId', value: ' a b ' }],
    [
      'an email to normalise',
      'email',
      ' Joe.Bloggs@Intilery.com ',
      { type: 'email', value: 'joe.bloggs@intilery.com' },
    ],
    [
      'an id of the maximum length',
      'id',
      'x'.repeat(MAX_PROFILE_ID_LENGTH),
      { type: 'id', value: 'x'.repeat(1024) },
    ],
    ['an astral-plane id', 'anonymousId', '😀 42', { type: 'anonymousId', value: '😀 42' }],
    [
      'an unknown id type',
      'phone',
      '123',
      /^Unknown id type "phone": use one of userId, email, id, anonymousId/,
    ],
    ['a huge unknown id type', 't'.repeat(500), 'x', /^Unknown id type "t{40}": /],
    ['an empty id', 'userId', '', /^The userId in a profile ref must not be empty\.$/],
    ['a blank email', 'email', '   ', /^The email in a profile ref must not be empty\.$/],
    [
      'an over-long id',
      'id',
      'x'.repeat(MAX_PROFILE_ID_LENGTH + 1),
      /^The id is 1025 characters long; at most 1024/,
    ],
    ['an invalid email', 'email', 'not-an-email', /^"not-an-email" is not an email address\.$/],
    ['a lone surrogate', 'anonymousId', '\uD800', /^The anonymousId is not valid Unicode text\.$/],
  ] as const)('validates %s exactly like parseProfileRef', (_label, type, id, expected) => {
    const created = outcome(() => createProfileRef(type, id))
    expect(outcome(() => parseProfileRef(`${type}:${id}`))).toEqual(created)
    if (expected instanceof RegExp) {
      expect(created).toMatchObject({ error: ValidationError, code: 'validation_error' })
      expect('message' in created ? created.message : '').toMatch(expected)
    } else {
      expect(created).toEqual({ ref: expected })
    }
  })

  it('truncates a huge unknown id type in the message', () => {
    const error = validationError(() => createProfileRef('t'.repeat(500), 'x'))
    expect(error.message).toBe(
      `Unknown id type "${'t'.repeat(40)}": use one of userId, email, id, anonymousId (for example email:joe.bloggs@intilery.com).`
    )
  })
})

describe('formatProfileRef', () => {
  it('gives the human, unencoded form', () => {
    expect(formatProfileRef({ type: 'userId', value: 'a/b c+d' })).toBe('userId:a/b c+d')
    expect(formatProfileRef(parseProfileRef('email:Joe@X.com'))).toBe('email:joe@x.com')
  })
})

describe('encodeProfileRef', () => {
  it('percent-encodes the id as one path segment and keeps the separator raw', () => {
    expect(encodeProfileRef({ type: 'userId', value: 'a/b+c?d#e f:g%h' })).toBe(
      'userId:a%2Fb%2Bc%3Fd%23e%20f%3Ag%25h'
    )
  })

  it('encodes the @ of an email and unicode as UTF-8', () => {
    expect(encodeProfileRef(parseProfileRef('email:joe.bloggs@intilery.com'))).toBe(
      'email:joe.bloggs%40intilery.com'
    )
    expect(encodeProfileRef({ type: 'id', value: 'é😀' })).toBe('id:%C3%A9%F0%9F%98%80')
  })
})

describe('decodeProfileRef', () => {
  it('reads an encoded segment back', () => {
    expect(decodeProfileRef('userId:a%2Fb%2Bc%3Fd%23e%20f%3Ag%25h')).toEqual({
      type: 'userId',
      value: 'a/b+c?d#e f:g%h',
    })
    expect(decodeProfileRef('email:Joe.Bloggs%40Intilery.com')).toEqual({
      type: 'email',
      value: 'joe.bloggs@intilery.com',
    })
  })

  it('keeps a raw + as a plus: in a path it never means a space', () => {
    expect(decodeProfileRef('email:joe+tag%40x.com').value).toBe('joe+tag@x.com')
  })

  it('tolerates a separator that was percent-encoded too', () => {
    expect(decodeProfileRef('userId%3Aabc')).toEqual({ type: 'userId', value: 'abc' })
    expect(decodeProfileRef('email%3ajoe%40x.com')).toEqual({ type: 'email', value: 'joe@x.com' })
  })

  it.each(['userIdabc', ':abc', '%3Aabc'])(
    'rejects %j, which has no idType:id shape',
    (segment) => {
      expect(validationError(() => decodeProfileRef(segment)).message).toMatch(/id_type:id/)
    }
  )

  it.each(['userId:%', 'userId:%E0%A4%A', 'userId:%ZZ', 'userId:%ED%A0%80'])(
    'rejects the broken percent-encoding in %j',
    (segment) => {
      expect(validationError(() => decodeProfileRef(segment)).message).toMatch(/percent-encoding/)
    }
  )

  it('applies the same validation as createProfileRef', () => {
    validationError(() => decodeProfileRef('phone:123'))
    validationError(() => decodeProfileRef('userId:'))
    validationError(() => decodeProfileRef('email:nobody'))
    validationError(() => decodeProfileRef(`id:${'x'.repeat(MAX_PROFILE_ID_LENGTH + 1)}`))
  })
})

describe('sameProfileRef', () => {
  it('compares emails case-insensitively, even on refs built by hand', () => {
    const a: ProfileRef = { type: 'email', value: 'Joe.Bloggs@Intilery.com' }
    const b: ProfileRef = { type: 'email', value: 'joe.bloggs@INTILERY.com' }
    expect(sameProfileRef(a, b)).toBe(true)
    expect(
      sameProfileRef(parseProfileRef('email:JOE@x.com'), parseProfileRef('email:joe@X.com'))
    ).toBe(true)
    expect(sameProfileRef(a, { type: 'email', value: 'jane@intilery.com' })).toBe(false)
  })

  it('compares every other id exactly', () => {
    expect(sameProfileRef({ type: 'userId', value: 'ABC' }, { type: 'userId', value: 'ABC' })).toBe(
      true
    )
    expect(sameProfileRef({ type: 'userId', value: 'ABC' }, { type: 'userId', value: 'abc' })).toBe(
      false
    )
    expect(
      sameProfileRef({ type: 'anonymousId', value: 'X' }, { type: 'anonymousId', value: 'x' })
    ).toBe(false)
  })

  it('never matches refs of different types', () => {
    expect(
      sameProfileRef({ type: 'userId', value: 'a@b.c' }, { type: 'email', value: 'a@b.c' })
    ).toBe(false)
    expect(sameProfileRef({ type: 'id', value: '1' }, { type: 'userId', value: '1' })).toBe(false)
  })
})

describe('isEmailRef', () => {
  it('is true only for email refs', () => {
    expect(isEmailRef(parseProfileRef('email:a@b.c'))).toBe(true)
    expect(isEmailRef(parseProfileRef('userId:a@b.c'))).toBe(false)
  })
})
