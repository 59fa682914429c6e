import { describe, expect, it } from 'vitest'

import { clampHeight, INITIAL_HEIGHT, MAX_HEIGHT, MIN_HEIGHT } from './panel-height.ts'

describe('the panel height', () => {
  it('stays within Pipedrive’s 100–750 px, in whole pixels', () => {
    expect([MIN_HEIGHT, MAX_HEIGHT]).toEqual([100, 750])
    expect(clampHeight(0)).toBe(100)
    expect(clampHeight(-20)).toBe(100)
    expect(clampHeight(99.2)).toBe(100)
    expect(clampHeight(412.3)).toBe(413)
    expect(clampHeight(750)).toBe(750)
    expect(clampHeight(750.4)).toBe(750)
    expect(clampHeight(5_000)).toBe(750)
    expect(clampHeight(Number.NaN)).toBe(100)
  })

  it('starts within the limits', () => {
    expect(clampHeight(INITIAL_HEIGHT)).toBe(INITIAL_HEIGHT)
  })
})
