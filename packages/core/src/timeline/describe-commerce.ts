/**
 * @module timeline/describe-commerce
 * Shopping events (Segment's E-commerce spec). Product rows name the product; order rows put the
 * total in the title ("Placed an order: £95.97") because the amount is what a support agent or a
 * sales rep looks for first. Amounts are money values only when the currency is a usable code;
 * otherwise the number is shown and the currency text gets its own row.
 */
import type { TimelineMessageId } from '../i18n/catalogues/en/timeline.ts'
import type { MessageValue } from '../i18n/message.ts'
import { type Described, DetailRows, timelineMessage } from './detail-rows.ts'
import {
  amount,
  type Bag,
  currencyCode,
  type EventFacts,
  field,
  firstText,
  idText,
  itemCount,
  num,
  text,
} from './read-event.ts'

const PRODUCT_NAME = ['name', 'title']
const TOTAL = ['total', 'revenue', 'value']

/** A money value (or a number, or nothing) from the first of `keys` holding a number. */
function priceOf(props: Bag, keys: readonly string[]): MessageValue | undefined {
  for (const key of keys) {
    const value = num(field(props, key))
    if (value !== undefined) return amount(value, currencyCode(field(props, 'currency')))
  }
  return undefined
}

/** Currency text that could not become money (not a three-letter code), so it is not lost. */
function oddCurrency(props: Bag): string | undefined {
  const currency = field(props, 'currency')
  return currencyCode(currency) === undefined ? text(currency) : undefined
}

/** The product's readable name; its SKU or id only when it has no name. */
export function productLabel(props: Bag): string | undefined {
  return (
    firstText(props, PRODUCT_NAME) ??
    idText(field(props, 'sku')) ??
    idText(field(props, 'product_id'))
  )
}

type ProductTitles = readonly [withName: TimelineMessageId, unknown: TimelineMessageId]

const PRODUCT_TITLES: ReadonlyMap<string, ProductTitles> = new Map<string, ProductTitles>([
  ['product_viewed', ['timeline.commerce.productViewed', 'timeline.commerce.productViewedUnknown']],
  ['product_added', ['timeline.commerce.productAdded', 'timeline.commerce.productAddedUnknown']],
  [
    'product_removed',
    ['timeline.commerce.productRemoved', 'timeline.commerce.productRemovedUnknown'],
  ],
])

type TotalTitles = readonly [withTotal: TimelineMessageId, noTotal: TimelineMessageId]

const ORDER_TITLES: ReadonlyMap<string, TotalTitles> = new Map<string, TotalTitles>([
  [
    'checkout_started',
    ['timeline.commerce.checkoutStarted', 'timeline.commerce.checkoutStartedNoTotal'],
  ],
  [
    'order_completed',
    ['timeline.commerce.orderCompleted', 'timeline.commerce.orderCompletedNoTotal'],
  ],
  ['order_refunded', ['timeline.commerce.orderRefunded', 'timeline.commerce.orderRefundedNoTotal']],
  [
    'order_cancelled',
    ['timeline.commerce.orderCancelled', 'timeline.commerce.orderCancelledNoTotal'],
  ],
])

function describeProduct(facts: EventFacts, titles: ProductTitles, max: number): Described {
  const { props } = facts
  const product = productLabel(props)
  const rows = new DetailRows(max)
    .add('timeline.detail.price', priceOf(props, ['price']))
    .add('timeline.detail.currency', oddCurrency(props))
    .add(
      'timeline.detail.quantity',
      facts.action === 'product_viewed' ? undefined : num(field(props, 'quantity'))
    )
    .add('timeline.detail.category', firstText(props, ['category']))
  return {
    title:
      product === undefined ? timelineMessage(titles[1]) : timelineMessage(titles[0], { product }),
    detail: rows.rows,
  }
}

function describeOrder(facts: EventFacts, titles: TotalTitles, max: number): Described {
  const { props } = facts
  const total = priceOf(props, TOTAL)
  const rows = new DetailRows(max)
    .add('timeline.detail.currency', oddCurrency(props))
    .add('timeline.detail.items', itemCount(props))
    .add('timeline.detail.coupon', firstText(props, ['coupon']))
    .add('timeline.detail.reason', firstText(props, ['reason']))
    // An order number is the one identifier an agent does use: it is what the customer quotes.
    .add('timeline.detail.order', firstText(props, ['order_id', 'order_number']))
  return {
    title: total === undefined ? timelineMessage(titles[1]) : timelineMessage(titles[0], { total }),
    detail: rows.rows,
  }
}

function describeCart(facts: EventFacts, max: number): Described {
  const { props } = facts
  const count = itemCount(props)
  const rows = new DetailRows(max)
    .add('timeline.detail.total', priceOf(props, TOTAL))
    .add('timeline.detail.currency', oddCurrency(props))
  return {
    title:
      count === undefined
        ? timelineMessage('timeline.commerce.cartViewedNoCount')
        : timelineMessage('timeline.commerce.cartViewed', { count }),
    detail: rows.rows,
  }
}

function describeSearch(facts: EventFacts, max: number): Described {
  const query = firstText(facts.props, ['query', 'search_term', 'q'])
  return {
    title:
      query === undefined
        ? timelineMessage('timeline.commerce.searchedNoQuery')
        : timelineMessage('timeline.commerce.searched', { query }),
    detail: new DetailRows(max).add(
      'timeline.detail.category',
      firstText(facts.props, ['category'])
    ).rows,
  }
}

export function describeCommerce(facts: EventFacts, maxDetails: number): Described {
  const product = PRODUCT_TITLES.get(facts.action)
  if (product !== undefined) return describeProduct(facts, product, maxDetails)
  const order = ORDER_TITLES.get(facts.action)
  if (order !== undefined) return describeOrder(facts, order, maxDetails)
  if (facts.action === 'cart_viewed') return describeCart(facts, maxDetails)
  return describeSearch(facts, maxDetails)
}
