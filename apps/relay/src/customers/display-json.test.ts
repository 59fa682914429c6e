import type { PanelDisplay } from '@intilery-connect/core'
import { describe, expect, it } from 'vitest'

import { utf8 } from '../platform/crypto/encoding.ts'
import { withDisplay } from './display-json.ts'

const text = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(bytes)

const context = { match: 'one', profiles: [{ id: 'ü-1', name: '<b>Zoë</b>' }], stale: false }
const display: PanelDisplay = {
  presentation: { header: [{ trait: 'lifetime_value', label: { ja: '顧客生涯価値' } }] },
  recordUrl: 'https://a.b.intilery.com/customers/{id}',
}

describe('withDisplay', () => {
  it('writes exactly what JSON.stringify writes for the context with its display', () => {
    const body = withDisplay(utf8.encode(JSON.stringify(context)), display)
    expect(text(body)).toBe(JSON.stringify({ ...context, display }))
  })

  it('answers the same bytes while the context bytes and the display are the same objects', () => {
    const bytes = utf8.encode(JSON.stringify(context))
    const first = withDisplay(bytes, display)
    expect(withDisplay(bytes, display)).toBe(first)
    const changed: PanelDisplay = { presentation: { pinned: ['plan'] } }
    const second = withDisplay(bytes, changed)
    expect(second).not.toBe(first)
    expect(text(second)).toBe(JSON.stringify({ ...context, display: changed }))
    // The context's own bytes are left as they were.
    expect(text(bytes)).toBe(JSON.stringify(context))
  })

  it('refuses bytes that are not a JSON object', () => {
    expect(() => withDisplay(utf8.encode('[1]'), display)).toThrow(/not a JSON object/)
  })
})
