/**
 * @module customers/derive-once
 * The upstream guard's cache hands out the same value object on every hit and never changes it, so
 * whatever is derived from a cached value (its zod check, its timeline entries, its JSON) is the
 * same on every request. Deriving it once per cached value instead of once per request is most of
 * what makes a warm read cheap. Weakly held: a value's derivations go when the cache drops it.
 */

/** `derive(value)`, computed once per object; values that are not objects are derived each time. */
export function deriveOnce<K, V>(derive: (value: K) => V): (value: K) => V {
  const memo = new WeakMap<object, V>()
  return (value) => {
    if (typeof value !== 'object' || value === null) return derive(value)
    if (memo.has(value)) return memo.get(value) as V
    const derived = derive(value)
    memo.set(value, derived)
    return derived
  }
}
