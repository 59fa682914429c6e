/**
 * @module seed
 * The sandbox's dataset: a few hundred customers and tens of thousands of events over the 180 days
 * before `now`, the same for the same seed and `now` on any machine. Changing `now` only moves every
 * time by the same amount, so a test can pin the clock and still get today's data.
 */
import type { BrandCoordinates, CustomerRecord } from '../store/types.ts'
import { EmailRegistry } from './email-registry.ts'
import { STAFF_IMPORT } from './imports.ts'
import { regularCustomer, type SeedContext } from './regular-customer.ts'
import { seededEmails } from './seeded.ts'
import { specialCustomers } from './special/index.ts'

export { SEEDED } from './seeded.ts'
export { DYNAMIC_AUDIENCES } from './audiences.ts'

export interface SeedOptions {
  /** Epoch ms, the anchor: every time in the dataset is relative to it. */
  now: number
  /** Default 20261122. */
  seed?: number
  brand: BrandCoordinates
  /** Generated customers besides the special ones (default REGULAR_CUSTOMERS); benchmarks scale it. */
  regularCustomers?: number
}

export const DEFAULT_SEED = 20261122
/** Generated customers besides the special ones. */
export const REGULAR_CUSTOMERS = 310
/** Every so many generated customers is Intilery staff from Joe Bloggs' staff list, so the board audience isn't Joe alone. */
const STAFF_EVERY = 70
const INTILERY = { organisation: 'Intilery', industry: 'Other', domain: 'intilery.com' }

export function seedCustomers(options: SeedOptions): CustomerRecord[] {
  if (!Number.isSafeInteger(options.now))
    throw new Error('seedCustomers: now must be an integer epoch-milliseconds time')
  const emails = new EmailRegistry()
  for (const email of seededEmails()) emails.reserve(email)
  const ctx: SeedContext = {
    now: options.now,
    seed: options.seed ?? DEFAULT_SEED,
    brand: options.brand,
    emails,
  }
  const special = specialCustomers(ctx)
  const regular = Array.from({ length: options.regularCustomers ?? REGULAR_CUSTOMERS }, (_, i) =>
    regularCustomer(ctx, {
      label: `customer:${i}`,
      ...(i % STAFF_EVERY === 7
        ? { kind: 'lead', csv: STAFF_IMPORT, fixed: { company: INTILERY, countryCode: 'GB' } }
        : {}),
    })
  )
  return [...special, ...regular]
}
