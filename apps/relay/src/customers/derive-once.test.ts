import { describe, expect, it, vi } from 'vitest'

import { deriveOnce } from './derive-once.ts'

describe('deriveOnce', () => {
  it('derives once per object and again for a different object', () => {
    const derive = vi.fn((value: { n: number }) => ({ doubled: value.n * 2 }))
    const once = deriveOnce(derive)
    const a = { n: 1 }
    expect(once(a)).toBe(once(a))
    expect(once({ n: 1 })).toEqual({ doubled: 2 })
    expect(derive).toHaveBeenCalledTimes(2)
  })

  it('remembers a derivation that is undefined, and derives non-objects every time', () => {
    const derive = vi.fn((value: unknown) => (typeof value === 'object' ? undefined : value))
    const once = deriveOnce(derive)
    const a = {}
    once(a)
    once(a)
    once('text')
    once('text')
    expect(derive).toHaveBeenCalledTimes(3)
  })

  it('does not remember a derivation that threw', () => {
    let calls = 0
    const once = deriveOnce(() => {
      calls += 1
      throw new Error('bad value')
    })
    const a = {}
    expect(() => once(a)).toThrow('bad value')
    expect(() => once(a)).toThrow('bad value')
    expect(calls).toBe(2)
  })
})
