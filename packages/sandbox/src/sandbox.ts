/**
 * @module sandbox
 * Builds a complete sandbox in memory: the seeded dataset, scroll cursors, fault knobs, counters
 * and the Hono app. Tests use the returned parts directly; `startSandbox` serves it over HTTP.
 */
import { FaultKnobs } from './admin/faults.ts'
import { RequestCounters } from './admin/counters.ts'
import { createSandboxApp } from './app.ts'
import { sandboxConfig, type SandboxConfig, type SandboxConfigInput } from './config.ts'
import { ScrollStore } from './profile-api/scroll-store.ts'
import { Hangs } from './request-guards.ts'
import { seedCustomers } from './seed/index.ts'
import { CustomerStore } from './store/customer-store.ts'

export interface Sandbox {
  readonly config: SandboxConfig
  readonly app: ReturnType<typeof createSandboxApp>
  readonly store: CustomerStore
  readonly faults: FaultKnobs
  readonly counters: RequestCounters
  readonly scrolls: ScrollStore
  readonly hangs: Hangs
  /** The instant the dataset's relative times are anchored to. */
  readonly seededAt: number
}

export interface CreateSandboxOptions extends SandboxConfigInput {
  /** Anchor of the dataset (default: now). */
  readonly now?: number
  /** Clock for scroll expiry and ingest (default: Date.now). */
  readonly clock?: () => number
  /** Generated customers besides the special ones (default 310), for benchmarks at scale. */
  readonly regularCustomers?: number
}

export function createSandbox(options: CreateSandboxOptions = {}): Sandbox {
  const { now, clock = Date.now, regularCustomers, ...configInput } = options
  const config = sandboxConfig(configInput)
  const seededAt = now ?? clock()
  const brand = { clientId: config.clientId, accountId: config.accountId, brandId: config.brandId }
  const store = new CustomerStore(
    brand,
    seedCustomers({
      now: seededAt,
      seed: config.seed,
      brand,
      ...(regularCustomers === undefined ? {} : { regularCustomers }),
    })
  )
  const scrolls = new ScrollStore(config.scrollTtlMs, clock)
  const faults = new FaultKnobs(config.seed)
  const counters = new RequestCounters(clock)
  const hangs = new Hangs()
  const app = createSandboxApp({ config, store, scrolls, faults, counters, hangs, now: clock })
  return { config, app, store, faults, counters, scrolls, hangs, seededAt }
}
