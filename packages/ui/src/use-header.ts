/**
 * @module use-header
 * What the customer header shows, from the panel's state: core's formatHeader over the profile
 * (computed traits merged in once they arrive) and the tenant's presentation, the recent orders
 * (from the loaded rows, plus one relay read of Order Completed events when the profile's meta
 * says the customer has ordered) and the link to the customer's record in Intilery.
 */
import {
  createProfileRef,
  formatHeader,
  guessFieldSpec,
  productNames,
  type CustomerProfile,
  type FormattedHeader,
  type TimelineEntry,
  withHeaderFields,
} from '@intilery-connect/core'
import { useEffect, useMemo, useState } from 'preact/hooks'

import type { PanelFormat } from './i18n.ts'
import type { RelayClient } from './relay-client.ts'
import { RelayCallError, asCallError } from './relay-error.ts'
import type { OneCustomer } from './use-customer.ts'

/** Event keys as the profile meta's lastEvent lists them. */
const ORDER_KEY = 'order_completed'
const VIEWED_KEY = 'product_viewed'

export type EventsRead = 'none' | 'loading' | readonly TimelineEntry[] | RelayCallError

/**
 * The first page of one event key's events (the relay's `include`), read once per customer, and
 * only when `wanted` and the profile's meta says the customer has such events at all.
 */
export function useEventsOf(
  client: RelayClient,
  profile: CustomerProfile,
  key: string,
  wanted = true
): EventsRead {
  const has = wanted && Object.hasOwn(profile.lastEvent, key)
  const [read, setRead] = useState<EventsRead>(has ? 'loading' : 'none')
  useEffect(() => {
    if (!has) return setRead('none')
    let current = true
    setRead('loading')
    client.filteredEvents(createProfileRef('id', profile.id), { include: [key] }).then(
      (page) => current && setRead(page.entries),
      (error: unknown) => current && setRead(asCallError(error))
    )
    return () => {
      current = false
    }
  }, [client, profile.id, key, has])
  return read
}

/** Whether a trait lists product ids (its names are then worth a read of product views). */
function listsProducts(traits: Readonly<Record<string, unknown>> | undefined): boolean {
  if (traits === undefined) return false
  return Object.entries(traits).some(
    ([key, value]) => guessFieldSpec(key, value, traits).format === 'product-ids'
  )
}

const entriesOf = (read: EventsRead) =>
  Array.isArray(read) ? (read as readonly TimelineEntry[]) : []

/** `{id}` in the tenant's record URL is the Intilery id, URL-encoded (it is data). */
export function recordLink(recordUrl: string | undefined, id: string): string | undefined {
  return recordUrl?.replaceAll('{id}', encodeURIComponent(id))
}

export interface HeaderModel {
  readonly header: FormattedHeader
  /** What the recent orders are worked out from: the loaded rows and the orders read's rows. */
  readonly orderSources: readonly TimelineEntry[]
  /** Set when the orders read failed (HeaderOrders.tsx says so when no loaded row has an order). */
  readonly ordersFailed?: RelayCallError
  readonly recordUrl?: string
}

export function useHeader(
  client: RelayClient,
  state: OneCustomer,
  options: PanelFormat,
  /** The installation's own header trait keys (Zendesk's `header_fields`), over the tenant's. */
  headerFields?: readonly string[]
): HeaderModel {
  const computed =
    state.computed === 'loading' || state.computed instanceof RelayCallError
      ? undefined
      : state.computed
  const read = useEventsOf(client, state.profile, ORDER_KEY)
  // Product ids in a trait ("viewed, not bought") read as names when their views are loaded.
  const viewed = useEventsOf(client, state.profile, VIEWED_KEY, listsProducts(computed))
  const display = state.context.display
  const fieldsKey = headerFields?.join('\n') ?? ''
  // The installation's keys (Zendesk's header_fields) pick and order the facts (core's withHeaderFields).
  const presentation = useMemo(
    () => withHeaderFields(display?.presentation ?? {}, headerFields),
    [display, fieldsKey]
  )
  const sources = useMemo(
    () => [...state.entries, ...entriesOf(read), ...entriesOf(viewed)],
    [state.entries, read, viewed]
  )
  const names = useMemo(() => productNames(sources), [sources])
  const { locale, timeZone } = options
  const header = useMemo(
    () =>
      formatHeader(
        computed === undefined ? state.profile : { ...state.profile, computed },
        presentation,
        { locale, timeZone, productNames: names }
      ),
    [state.profile, computed, presentation, locale, timeZone, names]
  )
  const recordUrl = recordLink(display?.recordUrl, state.profile.id)
  return {
    header,
    orderSources: sources,
    ...(read instanceof RelayCallError ? { ordersFailed: read } : {}),
    ...(recordUrl === undefined ? {} : { recordUrl }),
  }
}
