import { describe, expect, it } from 'vitest'

import { hasBidiControl, neutralizeBidi } from './visible-text.ts'

describe('neutralizeBidi', () => {
  it('replaces every embedding, override and isolate with U+FFFD', () => {
    const controls = [
      ...Array.from({ length: 5 }, (_, i) => String.fromCharCode(0x202a + i)),
      ...Array.from({ length: 4 }, (_, i) => String.fromCharCode(0x2066 + i)),
    ]
    for (const control of controls) {
      expect(neutralizeBidi(`invoice${control}fdp.exe`)).toBe('invoice\uFFFDfdp.exe')
      expect(hasBidiControl(control)).toBe(true)
    }
    expect(neutralizeBidi(controls.join(''))).toBe('\uFFFD'.repeat(9))
  })

  it('keeps other text, right-to-left letters and marks included, as it is', () => {
    const text = 'שלום مرحبا a\u200Fb\u200E c\u200Bd Zoë 😀'
    expect(neutralizeBidi(text)).toBe(text)
    expect(hasBidiControl(text)).toBe(false)
  })
})
