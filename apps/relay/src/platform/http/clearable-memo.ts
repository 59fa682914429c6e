/**
 * @module platform/http/clearable-memo
 * Answers kept for a few seconds per key, that the relay can drop at once when it learns they
 * changed (wiring/change-watch.ts): the tenant directory's and the Zendesk signing secrets'.
 * A load begun before a `clear()` is not kept, since it may have read what the change replaced.
 */
import { LRUCache } from 'lru-cache'

/** A cached answer; `undefined` is a real answer (nothing there), so it is boxed. */
type Entry<T> = { readonly value: T | undefined }

export interface ClearableMemo<T> {
  /** The kept answer for `key`, or `load`'s (kept, `undefined` too). */
  read(key: string, load: () => Promise<T | undefined>): Promise<T | undefined>
  readonly clear: () => void
}

export function clearableMemo<T>(ttlMs: number, now: () => number): ClearableMemo<T> {
  const entries = new LRUCache<string, Entry<T>>({
    max: 10_000,
    ttl: ttlMs,
    // The relay's clock, so tests move time by hand; read on every call (no 1 ms caching).
    perf: { now },
    ttlResolution: 0,
  })
  let generation = 0
  return {
    async read(key, load) {
      const hit = entries.get(key)
      if (hit !== undefined) return hit.value
      const began = generation
      const value = await load()
      if (began === generation) entries.set(key, { value })
      return value
    },
    clear: () => {
      generation += 1
      entries.clear()
    },
  }
}
