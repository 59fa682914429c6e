/**
 * @module seed/random
 * A small seeded PRNG (mulberry32) so the dataset is identical on every run and machine. Each
 * customer forks its own stream from a label, so adding or reordering customers never changes the
 * others.
 */

/** FNV-1a: turns a label into a 32-bit seed. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, i) =>
  i.toString(16).padStart(2, '0')
)

export class Random {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }

  /** In [0, 1). */
  next(): number {
    return this.uint32() / 4_294_967_296
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)]
    if (item === undefined) throw new Error('pick from an empty list')
    return item
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0)
    let roll = this.next() * total
    for (const [value, weight] of entries) {
      roll -= weight
      if (roll < 0) return value
    }
    const last = entries.at(-1)
    if (last === undefined) throw new Error('weighted pick from an empty list')
    return last[0]
  }

  /** Up to `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items]
    const out: T[] = []
    while (out.length < count && pool.length > 0) {
      const [item] = pool.splice(Math.floor(this.next() * pool.length), 1)
      if (item !== undefined) out.push(item)
    }
    return out
  }

  /** Integer milliseconds with an exponential spread: most gaps short, a few long. */
  expMs(meanMs: number, maxMs = meanMs * 8): number {
    return Math.min(maxMs, Math.round(-Math.log(1 - this.next()) * meanMs))
  }

  hex(length: number): string {
    let out = ''
    while (out.length < length) {
      const n = this.uint32()
      // A lookup per byte: uuid() runs once per event, and toString/padStart showed in profiles.
      out +=
        (BYTE_HEX[n >>> 24] ?? '') +
        (BYTE_HEX[(n >>> 16) & 0xff] ?? '') +
        (BYTE_HEX[(n >>> 8) & 0xff] ?? '') +
        (BYTE_HEX[n & 0xff] ?? '')
    }
    return out.length === length ? out : out.slice(0, length)
  }

  /** A version-4-shaped UUID. */
  uuid(): string {
    const hex = this.hex(32)
    const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16)
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
  }
}

/** An independent stream for one part of the dataset. */
export function randomFor(seed: number, label: string): Random {
  return new Random(hashString(`${seed}:${label}`))
}

/** A UUID that depends on the label only, for ids that must not move with the seed. */
export function stableUuid(label: string): string {
  return randomFor(0, label).uuid()
}
