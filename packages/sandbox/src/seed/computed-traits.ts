/**
 * @module seed/computed-traits
 * Computed traits derived from a customer's own events, the way Intilery computes them, so what a
 * profile claims (orders_count, total_spend, favorite_category...) always matches its timeline.
 */
import type { StoredEvent } from '../store/types.ts'
import { GBP_RATES, roundMoney, toGbp, type Currency } from './catalog.ts'
import { journalPostAt } from './journal.ts'
import { DAY } from './timeline.ts'

export type ChurnRisk = 'low' | 'medium' | 'high'

/** Days since last seen at which churn risk rises. */
export const CHURN_MEDIUM_AFTER_DAYS = 14
export const CHURN_HIGH_AFTER_DAYS = 45

const CURRENCIES: readonly string[] = ['GBP', 'EUR', 'USD', 'JPY']

export function nameOf(stored: StoredEvent): string {
  return stored.event.rawData.event ?? ''
}

export function propertiesOf(stored: StoredEvent): Record<string, unknown> {
  return stored.event.rawData.properties ?? {}
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

/** An order's currency, or GBP (the shop's own) when it names none this shop sells in. */
function currencyOf(value: unknown): Currency {
  const code = text(value)
  return code !== undefined && CURRENCIES.includes(code) ? (code as Currency) : 'GBP'
}

function amount(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0
}

export function churnRisk(daysSinceLastSeen: number): ChurnRisk {
  if (daysSinceLastSeen >= CHURN_HIGH_AFTER_DAYS) return 'high'
  return daysSinceLastSeen >= CHURN_MEDIUM_AFTER_DAYS ? 'medium' : 'low'
}

/** The most viewed category; ties go to the alphabetically first so the answer is stable. */
function favourite(counts: ReadonlyMap<string, number>): string | undefined {
  let best: [string, number] | undefined
  for (const entry of counts) {
    if (best === undefined || entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0]))
      best = entry
  }
  return best?.[0]
}

export function computeTraits(
  events: readonly StoredEvent[],
  now: number
): Record<string, unknown> {
  const monthAgo = now - 30 * DAY
  // One pass for the counts: this runs over every event of the dataset.
  const counts = new Map<string, number>()
  let opensThisMonth = 0
  let pagesThisMonth = 0
  const orders: StoredEvent[] = []
  const voided = new Set<string | undefined>()
  for (const event of events) {
    const name = nameOf(event)
    counts.set(name, (counts.get(name) ?? 0) + 1)
    if (event.ms >= monthAgo) {
      if (name === 'Email Opened') opensThisMonth += 1
      if (event.event.rawData.action === 'page') pagesThisMonth += 1
    }
    if (name === 'Order Completed') orders.push(event)
    else if (name === 'Order Refunded' || name === 'Order Cancelled')
      voided.add(text(propertiesOf(event).order_id))
  }
  const count = (name: string) => counts.get(name) ?? 0
  const lastOrder = orders.at(-1)
  const currency = currencyOf(
    lastOrder === undefined ? undefined : propertiesOf(lastOrder).currency
  )
  let gross = 0
  let net = 0
  let gbp = 0
  for (const order of orders) {
    const properties = propertiesOf(order)
    const total = amount(properties.total)
    const orderCurrency = currencyOf(properties.currency)
    // Spend is quoted in the last order's currency; an order in another one is converted first.
    const inSpendCurrency =
      orderCurrency === currency ? total : toGbp(total, orderCurrency) * GBP_RATES[currency]
    gross += inSpendCurrency
    if (voided.has(text(properties.order_id))) continue
    net += inSpendCurrency
    gbp += toGbp(total, orderCurrency)
  }

  const categories = new Map<string, number>()
  const blogCategories = new Map<string, number>()
  const viewed: string[] = []
  const purchased = new Set<string>()
  for (const event of events) {
    const properties = propertiesOf(event)
    const post = event.event.rawData.action === 'page' ? journalPostAt(properties.url) : undefined
    if (post !== undefined)
      blogCategories.set(post.category, (blogCategories.get(post.category) ?? 0) + 1)
    if (nameOf(event) === 'Product Viewed') {
      const category = text(properties.category)
      if (category !== undefined) categories.set(category, (categories.get(category) ?? 0) + 1)
      const productId = text(properties.product_id)
      if (productId !== undefined) viewed.push(productId)
    } else if (nameOf(event) === 'Order Completed' && Array.isArray(properties.products)) {
      for (const item of properties.products as unknown[]) {
        const productId =
          typeof item === 'object' && item !== null
            ? text((item as Record<string, unknown>).product_id)
            : undefined
        if (productId !== undefined) purchased.add(productId)
      }
    }
  }
  const notPurchased = [...new Set(viewed.reverse())].filter((id) => !purchased.has(id)).slice(0, 5)
  const favoriteCategory = favourite(categories)
  const favoriteBlogCategory = favourite(blogCategories)
  const last = events.at(-1)
  const daysSinceLastSeen = last === undefined ? undefined : Math.floor((now - last.ms) / DAY)

  return {
    number_email_delivered_all_time: count('Email Delivered'),
    number_email_opened_all_time: count('Email Opened'),
    number_email_clicked_all_time: count('Email Clicked'),
    number_email_opened_30_days: opensThisMonth,
    pages_viewed_30_days: pagesThisMonth,
    orders_count: orders.length,
    total_spend: roundMoney(net, currency),
    // With the amount always, as a platform computing money keeps it: "£0.00", never a bare 0.
    total_spend_currency: currency,
    ...(orders.length === 0
      ? {}
      : {
          lifetime_value_gbp: Math.round(gbp * 100) / 100,
          average_order_value: roundMoney(gross / orders.length, currency),
          last_order_date: lastOrder?.event.eventTime,
        }),
    ...(favoriteCategory === undefined ? {} : { favorite_category: favoriteCategory }),
    ...(favoriteBlogCategory === undefined ? {} : { favorite_blog_category: favoriteBlogCategory }),
    ...(notPurchased.length === 0 ? {} : { recently_viewed_not_purchased: notPurchased }),
    ...(daysSinceLastSeen === undefined
      ? {}
      : { days_since_last_seen: daysSinceLastSeen, churn_risk: churnRisk(daysSinceLastSeen) }),
  }
}
