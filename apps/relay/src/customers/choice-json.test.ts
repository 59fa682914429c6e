import { describe, expect, it } from 'vitest'

import { utf8 } from '../platform/crypto/encoding.ts'
import { withChoice } from './choice-json.ts'
import { withDisplay } from './display-json.ts'

const text = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(bytes)
const context = { match: 'many', profiles: [{ id: 'ü-1' }, { id: 'b"2' }], stale: false }

describe('withChoice', () => {
  it('writes exactly what JSON.stringify writes for the context with its choice', () => {
    const body = withChoice(utf8.encode(JSON.stringify(context)), 'b"2')
    expect(text(body)).toBe(JSON.stringify({ ...context, choice: { id: 'b"2' } }))
  })

  it('follows a spliced display, leaving the cached bytes as they were', () => {
    const bytes = utf8.encode(JSON.stringify(context))
    const display = { presentation: {} }
    const body = withChoice(withDisplay(bytes, display), 'ü-1')
    expect(JSON.parse(text(body))).toEqual({ ...context, display, choice: { id: 'ü-1' } })
    expect(text(bytes)).toBe(JSON.stringify(context))
  })

  it('refuses bytes that are not a JSON object', () => {
    expect(() => withChoice(utf8.encode('[1]'), 'x')).toThrow(/not a JSON object/)
  })
})
