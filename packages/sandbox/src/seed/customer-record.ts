/**
 * @module seed/customer-record
 * Assembles a CustomerRecord: starts it from a profile, and once its timeline is written, builds the
 * events and derives what Intilery derives from them (computed traits, dynamic audiences, createdBy
 * of tracked customers).
 */
import type { BrandCoordinates, ChannelPreference, CustomerRecord } from '../store/types.ts'
import { dynamicAudiences } from './audiences.ts'
import { computeTraits } from './computed-traits.ts'
import type { Timeline } from './timeline.ts'

export const CHANNELS = ['email', 'sms', 'whatsapp', 'facebook', 'push'] as const
export type MarketingChannel = (typeof CHANNELS)[number]

/** All five channels in the spec's order, each subscribed or not. */
export function marketingPreferences(
  subscribed: Partial<Record<MarketingChannel, boolean>>
): ChannelPreference[] {
  return CHANNELS.map((channel) => ({ subscribed: subscribed[channel] ?? false, channel }))
}

/** The spec's `_subscriptionId`: base64 of `clientId:accountId:uuid`. */
export function subscriptionIdFor(brand: BrandCoordinates, uuid: string): string {
  return Buffer.from(`${brand.clientId}:${brand.accountId}:${uuid}`, 'utf8').toString('base64')
}

export interface CustomerStart {
  readonly id: string
  readonly userId: string | undefined
  readonly anonymousIds: readonly string[]
  readonly traits: Record<string, unknown>
  readonly audiencesStatic?: readonly string[]
  /** A CSV import's createdBy; tracked customers get theirs from their first event. */
  readonly createdBy?: Record<string, unknown>
  readonly subscriptionId: string
}

export function startCustomer(start: CustomerStart): CustomerRecord {
  return {
    id: start.id,
    userId: start.userId,
    anonymousIds: [...start.anonymousIds],
    traits: start.traits,
    computed: {},
    marketingPreferences: marketingPreferences({}),
    audiences: [],
    audiencesStatic: [...(start.audiencesStatic ?? [])],
    createdBy: start.createdBy ?? { type: 'tracking' },
    subscriptionId: start.subscriptionId,
    events: [],
  }
}

export interface Finish {
  readonly preferences: Partial<Record<MarketingChannel, boolean>>
  /** Extra computed traits or dynamic audiences a special customer carries on top. */
  readonly extraComputed?: Record<string, unknown>
  readonly extraAudiences?: readonly string[]
}

export function finishCustomer(
  customer: CustomerRecord,
  timeline: Timeline,
  brand: BrandCoordinates,
  finish: Finish
): CustomerRecord {
  customer.events = timeline.build(customer, brand)
  customer.computed = { ...computeTraits(customer.events, timeline.now), ...finish.extraComputed }
  customer.audiences = [
    ...dynamicAudiences(customer.events, customer.computed, timeline.now),
    ...(finish.extraAudiences ?? []),
  ]
  customer.marketingPreferences = marketingPreferences(finish.preferences)
  const first = customer.events[0]
  if (customer.createdBy.type === 'tracking' && first !== undefined) {
    customer.createdBy = { type: 'tracking', createdTime: first.event.eventTime }
  }
  return customer
}
