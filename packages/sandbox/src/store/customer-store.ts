/**
 * @module store/customer-store
 * In-memory customers with the indexes the Profile API looks them up by: Intilery id, userId,
 * anonymousId and email (case-insensitively, several customers may share one).
 */
import type { ProfileRef } from '@intilery-connect/core'

import type { BrandCoordinates, CustomerRecord, StoredEvent } from './types.ts'

export class CustomerStore {
  readonly brand: BrandCoordinates
  private readonly byId = new Map<string, CustomerRecord>()
  private readonly byUserId = new Map<string, CustomerRecord>()
  private readonly byAnonymousId = new Map<string, CustomerRecord>()
  private readonly byEmail = new Map<string, Set<CustomerRecord>>()
  private readonly emailOf = new Map<CustomerRecord, string>()

  constructor(brand: BrandCoordinates, customers: Iterable<CustomerRecord> = []) {
    this.brand = brand
    for (const customer of customers) this.add(customer)
  }

  get size(): number {
    return this.byId.size
  }

  all(): IterableIterator<CustomerRecord> {
    return this.byId.values()
  }

  add(customer: CustomerRecord): void {
    this.byId.set(customer.id, customer)
    if (customer.userId !== undefined) this.byUserId.set(customer.userId, customer)
    for (const anonymousId of customer.anonymousIds) this.byAnonymousId.set(anonymousId, customer)
    this.indexEmail(customer)
  }

  /** Every customer the ref names: several for a shared email, else zero or one. */
  find(ref: ProfileRef): CustomerRecord[] {
    switch (ref.type) {
      case 'email':
        return [...(this.byEmail.get(ref.value.toLowerCase()) ?? [])]
      case 'userId':
        return present(this.byUserId.get(ref.value))
      case 'id':
        return present(this.byId.get(ref.value))
      case 'anonymousId':
        return present(this.byAnonymousId.get(ref.value))
    }
  }

  setUserId(customer: CustomerRecord, userId: string): void {
    if (customer.userId !== undefined) this.byUserId.delete(customer.userId)
    customer.userId = userId
    this.byUserId.set(userId, customer)
  }

  addAnonymousId(customer: CustomerRecord, anonymousId: string): void {
    if (!customer.anonymousIds.includes(anonymousId)) customer.anonymousIds.push(anonymousId)
    this.byAnonymousId.set(anonymousId, customer)
  }

  /** Merges identify traits; an email change moves the customer in the email index. */
  mergeTraits(customer: CustomerRecord, traits: Record<string, unknown>): void {
    Object.assign(customer.traits, traits)
    this.indexEmail(customer)
  }

  /** Inserts in time order (binary search: ingest usually appends, backfills may not). */
  appendEvent(customer: CustomerRecord, stored: StoredEvent): void {
    const events = customer.events
    let low = 0
    let high = events.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if ((events[mid]?.ms ?? 0) <= stored.ms) low = mid + 1
      else high = mid
    }
    events.splice(low, 0, stored)
  }

  private indexEmail(customer: CustomerRecord): void {
    const previous = this.emailOf.get(customer)
    const email =
      typeof customer.traits.email === 'string' ? customer.traits.email.toLowerCase() : undefined
    if (previous === email) return
    if (previous !== undefined) this.byEmail.get(previous)?.delete(customer)
    if (email === undefined) {
      this.emailOf.delete(customer)
      return
    }
    this.emailOf.set(customer, email)
    let set = this.byEmail.get(email)
    if (!set) {
      set = new Set()
      this.byEmail.set(email, set)
    }
    set.add(customer)
  }
}

function present(customer: CustomerRecord | undefined): CustomerRecord[] {
  return customer === undefined ? [] : [customer]
}

/** Time of the customer's latest event, if any. */
export function lastActivityMs(customer: CustomerRecord): number | undefined {
  return customer.events.at(-1)?.ms
}
