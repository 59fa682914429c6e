// The sandbox's own reading of `{idType}:{id}`, checked against the spec and the contract table.
import { describe, expect, it } from 'vitest'

import { FORMAT_MESSAGE, MAX_ID_LENGTH, readProfileSegment } from './profile-segment.ts'
import { RequestError } from './request-error.ts'

function refused(segment: string): RequestError {
  try {
    readProfileSegment(segment)
  } catch (error) {
    if (error instanceof RequestError) return error
    throw error
  }
  throw new Error(`accepted ${segment}`)
}

describe('readProfileSegment', () => {
  it.each([
    ['userId:1234-erty', { type: 'userId', value: '1234-erty' }],
    ['id:1234-5678-asdf-ghjk', { type: 'id', value: '1234-5678-asdf-ghjk' }],
    ['anonymousId:anon-1', { type: 'anonymousId', value: 'anon-1' }],
    ['email:joe.bloggs@intilery.com', { type: 'email', value: 'joe.bloggs@intilery.com' }],
  ])('reads the spec route %s', (segment, ref) => {
    expect(readProfileSegment(segment)).toEqual(ref)
  })

  it('reads an email in lower case, whether its @ travels raw or encoded', () => {
    expect(readProfileSegment('email:Joe.Bloggs%40Intilery.COM')).toEqual({
      type: 'email',
      value: 'joe.bloggs@intilery.com',
    })
  })

  it('decodes the id exactly once', () => {
    expect(readProfileSegment('userId:100%2541').value).toBe('100%41')
    expect(readProfileSegment('userId:a%2Fb%2Bc%3Fd%23e%20f%3Ag').value).toBe('a/b+c?d#e f:g')
    expect(readProfileSegment('id:%C3%A9%F0%9F%98%80').value).toBe('é😀')
  })

  it('keeps a raw + as a plus: only form-encoded queries read it as a space', () => {
    expect(readProfileSegment('email:joe+tag%40x.com').value).toBe('joe+tag@x.com')
  })

  it('splits at the first colon, so colons belong to the id, encoded or not', () => {
    expect(readProfileSegment('userId:urn:crm:42').value).toBe('urn:crm:42')
    expect(readProfileSegment('userId%3Aurn%3Acrm')).toEqual({ type: 'userId', value: 'urn:crm' })
  })

  it.each(['joe.bloggs', ':abc', '%3Aabc', ''])(
    'answers %j, which is not idType:id, with the spec message',
    (segment) => {
      expect(refused(segment)).toMatchObject({
        code: 'validation_error',
        status: 400,
        message: FORMAT_MESSAGE,
      })
    }
  )

  it.each([
    ['an unknown id type', 'phone:123'],
    ['an id type in the wrong case', 'USERID:123'],
    ['an empty id', 'userId:'],
    ['an over-long id', `userId:${'x'.repeat(MAX_ID_LENGTH + 1)}`],
    ['an email without @', 'email:nobody'],
    ['an email with two @', 'email:a@b@c'],
    ['broken percent-encoding', 'userId:%ZZ'],
    ['a truncated UTF-8 sequence', 'userId:%E0%A4%A'],
    ['an encoded lone surrogate', 'userId:%ED%A0%80'],
    ['a raw lone surrogate', 'userId:\uD800'],
  ])('answers %s with 400 validation_error', (_label, segment) => {
    expect(refused(segment)).toMatchObject({ code: 'validation_error', status: 400 })
  })

  it('accepts an id of exactly the maximum length', () => {
    expect(readProfileSegment(`id:${'x'.repeat(MAX_ID_LENGTH)}`).value).toHaveLength(MAX_ID_LENGTH)
  })
})
