/**
 * @module store/types
 * The sandbox's in-memory model of an Intilery brand: customers and their events. Responses are
 * shaped from these records by src/profile-api/responses.ts.
 */
import type { ProfileEvent } from '@intilery-connect/core'

export interface ChannelPreference {
  channel: string
  subscribed: boolean
}

/** One stored event: the wire object plus its time as epoch milliseconds for sorting/filtering. */
export interface StoredEvent {
  readonly ms: number
  readonly event: ProfileEvent
}

export interface CustomerRecord {
  /** The Intilery id. */
  id: string
  userId: string | undefined
  anonymousIds: string[]
  /** Standard and custom traits (firstName, lastName, email, phone, externalId, ...). */
  traits: Record<string, unknown>
  /** Computed traits (`computed` in the traits response). */
  computed: Record<string, unknown>
  marketingPreferences: ChannelPreference[]
  /** Dynamic audience ids such as `audience_2_days`. */
  audiences: string[]
  /** Static audience ids such as `audience_board`. */
  audiencesStatic: string[]
  createdBy: Record<string, unknown>
  subscriptionId: string
  /** Events in ascending time order. */
  events: StoredEvent[]
}

/** Where every event and profile of the dataset belongs. */
export interface BrandCoordinates {
  clientId: string
  accountId: string
  brandId: string
}
