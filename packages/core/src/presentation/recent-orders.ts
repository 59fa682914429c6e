/**
 * @module presentation/recent-orders
 * The customer's latest orders, for the header's short list (order id, date, total, items), from
 * Order Completed events: timeline entries (bursts included) or raw events, in any mix, since the
 * panel has the context's first page and the relay's `include=order_completed` page, which overlap.
 * Also the product names the loaded events know, so product-id traits can read as names.
 */
import type { ProfileEvent } from '../schemas/event.ts'
import type { TimelineEntry } from '../timeline/timeline-entry.ts'
import {
  asBag,
  currencyCode,
  field,
  firstText,
  idText,
  itemCount,
  num,
  readFacts,
  type Bag,
} from '../timeline/read-event.ts'
import { formatMoney, instantOf, truncate } from '../i18n/format-value.ts'
import { dateTimeFormat, numberFormat } from '../i18n/intl-cache.ts'
import { createTranslator, type Translator } from '../i18n/locale.ts'
import type { FormatOptions } from '../format/time-context.ts'

export interface RecentOrder {
  /** The timeline entry (or event) id: where "show in the timeline" goes. */
  readonly entryId: string
  /** The order's own id or number, as the customer quotes it (data). */
  readonly orderId?: string
  /** ISO 8601, as the event has it. */
  readonly at: string
  /** The day, in the viewer's locale and zone ("Nov 22, 2026"). */
  readonly date: string
  /** "£95.97" (or the number and the currency text when the code is odd). */
  readonly total?: string
  readonly itemCount?: number
  /** "3 items". */
  readonly items?: string
}

export const MAX_RECENT_ORDERS = 5
const TOTAL = ['total', 'revenue', 'value']

type Source = TimelineEntry | ProfileEvent

function eventsOf(sources: readonly Source[]): ProfileEvent[] {
  const events: ProfileEvent[] = []
  const walk = (source: Source) => {
    // Events always carry rawData; entries carry the event as `raw` instead.
    if ('rawData' in source) return void events.push(source)
    events.push(source.raw)
    for (const item of source.burst?.items ?? []) walk(item)
  }
  for (const source of sources) walk(source)
  return events
}

/** The order's total with its currency; an odd currency text is kept beside the number. */
function totalText(props: Bag, tr: Translator): string | undefined {
  for (const key of TOTAL) {
    const amount = num(field(props, key))
    if (amount === undefined) continue
    const code = currencyCode(field(props, 'currency'))
    if (code !== undefined) return formatMoney(amount, code, tr.context)
    const currency = firstText(props, ['currency'])
    const number = numberFormat(tr.intlLocale).format(amount)
    return currency === undefined ? number : `${number} ${truncate(currency, 10)}`
  }
  return undefined
}

/** Up to `limit` Order Completed events, newest first, each once (by event id). */
export function recentOrders(
  sources: readonly Source[],
  options: FormatOptions & { readonly limit?: number | undefined }
): RecentOrder[] {
  const tr = createTranslator(options.locale, { timeZone: options.timeZone })
  const seen = new Set<string>()
  const orders: { ms: number; order: RecentOrder }[] = []
  for (const event of eventsOf(sources)) {
    const facts = readFacts(event)
    if (facts.action !== 'order_completed' || facts.id === '' || seen.has(facts.id)) continue
    const ms = instantOf(facts.at)
    if (ms === undefined) continue
    seen.add(facts.id)
    const { props } = facts
    const orderId = idText(field(props, 'order_id')) ?? idText(field(props, 'order_number'))
    const total = totalText(props, tr)
    const count = itemCount(props)
    orders.push({
      ms,
      order: {
        entryId: facts.id,
        ...(orderId === undefined ? {} : { orderId }),
        at: facts.at,
        date: dateTimeFormat(tr.intlLocale, tr.timeZone, 'date').format(ms),
        ...(total === undefined ? {} : { total }),
        ...(count === undefined
          ? {}
          : { itemCount: count, items: tr.t('profile.orders.items', { count }) }),
      },
    })
  }
  return orders
    .sort((a, b) => b.ms - a.ms)
    .slice(0, options.limit ?? MAX_RECENT_ORDERS)
    .map(({ order }) => order)
}

const PRODUCT_EVENTS: ReadonlySet<string> = new Set([
  'product_viewed',
  'product_added',
  'product_removed',
  'product_clicked',
])

/** Product id (and SKU) -> name, from product events and orders' product lists. */
export function productNames(sources: readonly Source[]): Map<string, string> {
  const names = new Map<string, string>()
  const learn = (product: Bag) => {
    const name = firstText(product, ['name', 'title'])
    if (name === undefined) return
    for (const key of ['product_id', 'sku']) {
      const id = idText(field(product, key))
      if (id !== undefined && !names.has(id)) names.set(id, name)
    }
  }
  for (const event of eventsOf(sources)) {
    const facts = readFacts(event)
    if (PRODUCT_EVENTS.has(facts.action)) learn(facts.props)
    else if (facts.action === 'order_completed') {
      const products = field(facts.props, 'products')
      if (Array.isArray(products)) for (const product of products) learn(asBag(product))
    }
  }
  return names
}
