import { describe, expect, it } from 'vitest'

import { hashString, Random, randomFor, stableUuid } from './random.ts'

describe('Random', () => {
  it('is mulberry32: the sequence the reference implementation gives', () => {
    // From the published mulberry32 (Tommy Ettinger), run separately for seeds 1 and 20261122.
    const one = new Random(1)
    expect([one.uint32(), one.uint32(), one.uint32()]).toEqual([
      2_693_262_067, 11_749_833, 2_265_367_787,
    ])
    const seeded = new Random(20261122)
    expect([seeded.uint32(), seeded.uint32()]).toEqual([3_594_863_774, 452_285_765])
  })

  it('repeats for the same seed and differs for another', () => {
    const a = new Random(42)
    const b = new Random(42)
    const c = new Random(43)
    const draws = (r: Random) => Array.from({ length: 20 }, () => r.next())
    expect(draws(a)).toEqual(draws(b))
    expect(draws(new Random(42))).not.toEqual(draws(c))
  })

  it('draws integers within inclusive bounds, reaching both', () => {
    const random = new Random(7)
    const seen = new Set(Array.from({ length: 2_000 }, () => random.int(3, 6)))
    expect(seen).toEqual(new Set([3, 4, 5, 6]))
  })

  it('makes version-4-shaped UUIDs', () => {
    const random = new Random(9)
    for (let i = 0; i < 200; i += 1)
      expect(random.uuid()).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
      )
  })

  it('samples distinct items and never more than it has', () => {
    const random = new Random(11)
    const picked = random.sample([1, 2, 3, 4, 5], 3)
    expect(new Set(picked).size).toBe(3)
    expect(random.sample([1, 2], 5).sort()).toEqual([1, 2])
  })

  it('forks independent streams by label and keeps stable UUIDs per label', () => {
    expect(randomFor(1, 'a').next()).toBe(randomFor(1, 'a').next())
    expect(randomFor(1, 'a').next()).not.toBe(randomFor(1, 'b').next())
    expect(stableUuid('email:X')).toBe(stableUuid('email:X'))
    expect(hashString('')).toBe(0x811c9dc5)
  })
})
