/**
 * @module timeline/recently-viewed
 * "Still interested in": the products a customer looked at and has not bought since. A sales rep
 * opens a deal with it; a personalization call sends it to an email or a site.
 *
 * The rule: a product is identified by its `product_id`, else its `sku`, else its `name` (so the
 * same product viewed from two pages counts once). A Product Viewed counts unless an Order Completed
 * strictly later lists the same product in `products` (same rule). Each product appears once, with
 * the details of its latest view and its number of views among `events` (before and after any
 * order); products are ordered by that view, newest first. Events may come in any order; those
 * without a readable time are left out, since "later" cannot be decided. A product's page and
 * image URLs pass only as `http:`/`https:` (safe-link.ts): sites render them.
 */
import type { ProfileEvent } from '../schemas/event.ts'
import {
  asBag,
  type Bag,
  currencyCode,
  eventMs,
  field,
  firstText,
  idText,
  num,
  readFacts,
} from './read-event.ts'
import { safeWebUrl } from './safe-link.ts'

export interface ViewedProduct {
  /** The product's identity: its product_id, else its sku, else its name. */
  readonly productId: string
  readonly name: string
  readonly category?: string
  readonly price?: number
  readonly currency?: string
  readonly url?: string
  /** `image_url` (or `image`) of the latest view. */
  readonly imageUrl?: string
  /** The latest view's eventTime. */
  readonly lastViewedAt: string
  /** Views of this product among the events given. */
  readonly viewCount: number
}

/** The identity of a product, namespaced so that an id never equals a SKU or a name by accident. */
function identity(product: Bag): { key: string; id: string } | undefined {
  const id = idText(field(product, 'product_id'))
  if (id !== undefined) return { key: `id:${id}`, id }
  const sku = idText(field(product, 'sku'))
  if (sku !== undefined) return { key: `sku:${sku}`, id: sku }
  const name = firstText(product, ['name'])
  return name === undefined ? undefined : { key: `name:${name}`, id: name }
}

function viewedProduct(props: Bag, id: string, at: string): Omit<ViewedProduct, 'viewCount'> {
  const category = firstText(props, ['category'])
  const price = num(field(props, 'price'))
  const currency = currencyCode(field(props, 'currency'))
  const url = safeWebUrl(field(props, 'url'))
  const imageUrl = safeWebUrl(field(props, 'image_url') ?? field(props, 'image'))
  return {
    productId: id,
    name: firstText(props, ['name']) ?? id,
    ...(category === undefined ? {} : { category }),
    ...(price === undefined ? {} : { price }),
    ...(currency === undefined ? {} : { currency }),
    ...(url === undefined ? {} : { url }),
    ...(imageUrl === undefined ? {} : { imageUrl }),
    lastViewedAt: at,
  }
}

/** The last `n` distinct products viewed and not bought afterwards, newest first. */
export function recentlyViewedNotPurchased(
  events: readonly ProfileEvent[],
  n: number
): ViewedProduct[] {
  if (!(n >= 1)) return []
  const timed = events
    .map((event) => ({ event, ms: eventMs(event) }))
    .filter(({ ms }) => !Number.isNaN(ms))
    .sort((a, b) => b.ms - a.ms)

  // Walking newest first, `bought` holds the products of orders strictly later than the current
  // event; orders at the current instant wait in `pending` until time moves on.
  const bought = new Set<string>()
  let pending: string[] = []
  let pendingMs = Number.NaN
  const decided = new Set<string>()
  const chosen: { key: string; product: Omit<ViewedProduct, 'viewCount'> }[] = []
  // Every view of every product, so an answered product's older views count too.
  const views = new Map<string, number>()
  for (const { event, ms } of timed) {
    if (ms !== pendingMs) {
      for (const key of pending) bought.add(key)
      pending = []
      pendingMs = ms
    }
    const facts = readFacts(event)
    if (facts.action === 'order_completed') {
      const products = field(facts.props, 'products')
      if (Array.isArray(products)) {
        for (const product of products as unknown[]) {
          const found = identity(asBag(product))
          if (found !== undefined) pending.push(found.key)
        }
      }
    } else if (facts.action === 'product_viewed') {
      const found = identity(facts.props)
      // The newest view of a product decides it: older views are followed by the same orders.
      if (found === undefined) continue
      views.set(found.key, (views.get(found.key) ?? 0) + 1)
      if (decided.has(found.key)) continue
      decided.add(found.key)
      if (bought.has(found.key) || chosen.length >= n) continue
      chosen.push({ key: found.key, product: viewedProduct(facts.props, found.id, facts.at) })
    }
  }
  return chosen.map(({ key, product }) => ({ ...product, viewCount: views.get(key) ?? 1 }))
}
