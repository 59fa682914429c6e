/**
 * @module wiring/cached-presentations
 * The tenants' presentation settings as the context routes read them: kept for seconds like the
 * tenants themselves, instead of a database read on every sidebar open (bench:relay's warm context
 * answered 14–28% more requests a second with it). A change is seen on every instance within the
 * change watch's half second: a write through the store bumps the tenants' change counter
 * (wiring/relay-store.ts), and every instance's watch then clears this with the tenant caches.
 */
import { clearableMemo } from '../platform/http/clearable-memo.ts'
import type { PresentationReader } from '../ports.ts'

/** How long settings are kept without a change seen: a backstop behind the change watch. */
const KEEP_MS = 10_000

type Settings = NonNullable<Awaited<ReturnType<PresentationReader['get']>>>

export function cachedPresentations(
  store: PresentationReader,
  now: () => number
): { readonly reader: PresentationReader; readonly clear: () => void } {
  const memo = clearableMemo<Settings>(KEEP_MS, now)
  return {
    reader: { get: (tenantId) => memo.read(tenantId, () => store.get(tenantId)) },
    clear: memo.clear,
  }
}
