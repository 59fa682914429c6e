/**
 * @module wiring/change-watch
 * How a relay instance learns that tenants changed through another instance or the `relay` CLI:
 * it reads the `tenants` change version (store/change-versions.ts) twice a second and, when it
 * moved, tells its caches to forget. A removed tenant, a rotated secret or a replaced Intilery
 * token therefore stops working on every instance within about half a second, where the caches
 * alone would honour it for up to their 10 s.
 */
export interface ChangeWatchOptions {
  /** The current version; a rejection (the store is down) is tried again at the next look. */
  readonly read: () => Promise<number>
  /** The version moved since the last look. */
  readonly onChange: () => void
  readonly everyMs?: number
}

export interface ChangeWatch {
  /** One look now; resolves true when the version had moved. */
  check(): Promise<boolean>
  stop(): void
}

export const CHANGE_WATCH_EVERY_MS = 500

/** Starts looking at once; the first answer is the baseline. */
export function watchChanges(options: ChangeWatchOptions): ChangeWatch {
  let seen: number | undefined
  let looking: Promise<boolean> | undefined
  const look = async (): Promise<boolean> => {
    let version: number
    try {
      version = await options.read()
    } catch {
      // The store does not answer: readiness reports that; the caches keep their TTL meanwhile.
      return false
    }
    const moved = seen !== undefined && version !== seen
    seen = version
    if (moved) options.onChange()
    return moved
  }
  // One look at a time: a slow store must not pile them up.
  const check = () => (looking ??= look().finally(() => (looking = undefined)))
  void check()
  const timer = setInterval(() => void check(), options.everyMs ?? CHANGE_WATCH_EVERY_MS)
  timer.unref()
  return { check, stop: () => clearInterval(timer) }
}
