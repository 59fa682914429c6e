/**
 * @module seed/behaviours/shopping
 * A shop visit that follows the e-commerce funnel: search, product views, basket, checkout and
 * sometimes an order. Orders only ever contain products viewed earlier in the same visit; a basket
 * left behind gets a reminder, an order a confirmation, and a few orders are refunded or cancelled.
 */
import {
  CATALOG,
  GBP_RATES,
  productProperties,
  productUrl,
  roundMoney,
  type Product,
} from '../catalog.ts'
import { TRANSACTIONAL } from '../campaigns.ts'
import { productPage, SHOP } from '../sites.ts'
import { DAY, HOUR, MINUTE, SECOND } from '../timeline.ts'
import { marketingAllowed, trackOn, type Actor, type Channel } from './actor.ts'
import { browse, pageGap, viewPage } from './browsing.ts'
import { sendEmail } from './email.ts'

export interface ShoppingIntent {
  /** Chance each viewed product goes in the basket. */
  readonly addToCart: number
  /** Chance a basket becomes an order. */
  readonly purchase: number
}

const SEARCHES: Readonly<Record<string, readonly string[]>> = {
  Apparel: ['linen shirt', 'jumper', 'tee white', 'chinos'],
  Footwear: ['boots', 'running shoes', 'slippers size 6'],
  Accessories: ['wallet', 'scarf', 'watch'],
  Home: ['duvet', 'candle', 'throw blanket'],
  Kitchen: ['skillet', 'coffee', 'knife'],
  Beauty: ['serum', 'hand cream', 'perfume'],
  Electronics: ['earbuds', 'speaker', 'charger usb c'],
  Outdoors: ['water bottle', 'rain jacket', 'hammock'],
}

function chooseProducts(actor: Actor, count: number): Product[] {
  const { random } = actor
  const leaning = random.chance(0.75) ? random.pick(actor.favouriteCategories) : undefined
  const pool = leaning === undefined ? CATALOG : CATALOG.filter((p) => p.category === leaning)
  return random.sample(pool, count)
}

function lineItems(
  actor: Actor,
  basket: readonly (readonly [Product, number])[]
): Record<string, unknown>[] {
  return basket.map(([product, quantity]) => {
    const {
      url: _url,
      currency: _currency,
      ...item
    } = productProperties(product, actor.currency, quantity)
    return item
  })
}

/**
 * Refunds and cancellations come from the shop's back office, not a device; it knows the order's
 * anonymousId, which is all it has for a guest checkout.
 */
function serverTrack(
  actor: Actor,
  ms: number,
  name: string,
  properties: Record<string, unknown>
): boolean {
  return actor.timeline.add(ms, {
    type: 'track',
    name,
    properties,
    anonymousId: actor.web.anonymousId,
    source: 'SERVER_API',
  })
}

export function shoppingVisit(
  actor: Actor,
  startMs: number,
  intent: ShoppingIntent,
  channel: Channel = actor.web
): void {
  const { random, currency } = actor
  const onWeb = channel === actor.web
  let ms = onWeb ? browse(actor, startMs, { site: SHOP, morePages: random.int(0, 2) }) : startMs
  const viewed = chooseProducts(actor, random.int(1, 5))
  const first = viewed[0]
  if (first !== undefined && random.chance(0.35)) {
    ms += pageGap(actor)
    const query = random.pick(SEARCHES[first.category] ?? ['gift'])
    if (!trackOn(actor, channel, ms, 'Products Searched', { query })) return
  }

  const basket: [Product, number][] = []
  const cartId = random.hex(16)
  for (const product of viewed) {
    ms += pageGap(actor)
    if (
      onWeb &&
      !viewPage(actor, ms, SHOP, productPage(product), `${SHOP.origin}/`, productUrl(product))
    )
      return
    if (
      !trackOn(
        actor,
        channel,
        ms + random.int(100, 900),
        'Product Viewed',
        productProperties(product, currency)
      )
    )
      return
    if (random.chance(intent.addToCart)) {
      const quantity = random.chance(0.85) ? 1 : random.int(2, 3)
      ms += random.int(10 * SECOND, 2 * MINUTE)
      if (
        !trackOn(actor, channel, ms, 'Product Added', {
          cart_id: cartId,
          ...productProperties(product, currency, quantity),
        })
      )
        return
      basket.push([product, quantity])
    }
  }
  const removed = basket.length > 1 && random.chance(0.15) ? basket.pop() : undefined
  if (removed !== undefined) {
    ms += random.int(20 * SECOND, 3 * MINUTE)
    if (
      !trackOn(actor, channel, ms, 'Product Removed', {
        cart_id: cartId,
        ...productProperties(removed[0], currency, removed[1]),
      })
    )
      return
  }
  if (basket.length === 0) return

  ms += random.int(20 * SECOND, 4 * MINUTE)
  const products = lineItems(actor, basket)
  if (!trackOn(actor, channel, ms, 'Cart Viewed', { cart_id: cartId, products })) return
  const subtotal = roundMoney(
    basket.reduce((sum, [p, q]) => sum + (productProperties(p, currency).price as number) * q, 0),
    currency
  )
  const orderId = `HP-${random.int(100_000, 999_999)}`
  const checkingOut = random.chance(0.75)
  if (checkingOut) {
    ms += random.int(15 * SECOND, 3 * MINUTE)
    if (
      !trackOn(actor, channel, ms, 'Checkout Started', {
        order_id: orderId,
        value: subtotal,
        currency,
        products,
      })
    )
      return
  }
  if (!checkingOut || !random.chance(intent.purchase)) {
    if (marketingAllowed(actor, ms + HOUR))
      sendEmail(actor, ms + HOUR + random.int(0, 10 * MINUTE), TRANSACTIONAL.cartReminder, {
        engagement: 0.4,
      })
    return
  }
  ms += random.int(MINUTE, 6 * MINUTE)
  completeOrder(actor, channel, ms, orderId, subtotal, products)
}

function completeOrder(
  actor: Actor,
  channel: Channel,
  ms: number,
  orderId: string,
  subtotal: number,
  products: readonly Record<string, unknown>[]
): void {
  const { random, currency } = actor
  const coupon = random.chance(0.2)
    ? random.pick(['WELCOME10', 'SPRING15', 'FREESHIP', 'VIP20'])
    : undefined
  const discount = coupon === undefined ? 0 : roundMoney(subtotal * 0.1, currency)
  const revenue = roundMoney(subtotal - discount, currency)
  const shipping =
    revenue >= roundMoney(50 * GBP_RATES[currency], currency)
      ? 0
      : roundMoney(4.95 * GBP_RATES[currency], currency)
  const total = roundMoney(revenue + shipping, currency)
  const order = {
    order_id: orderId,
    checkout_id: random.hex(12),
    total,
    subtotal,
    revenue,
    shipping,
    tax: roundMoney(revenue / 6, currency),
    discount,
    ...(coupon === undefined ? {} : { coupon }),
    currency,
    products,
  }
  if (!trackOn(actor, channel, ms, 'Order Completed', order)) return
  sendEmail(actor, ms + random.int(5 * SECOND, MINUTE), TRANSACTIONAL.orderConfirmation, {
    engagement: 0.7,
    subject: `Thanks for your order ${orderId}`,
  })
  const outcome = random.next()
  if (outcome < 0.02) {
    serverTrack(actor, ms + random.int(10 * MINUTE, 6 * HOUR), 'Order Cancelled', {
      order_id: orderId,
      total,
      currency,
      reason: 'customer_request',
    })
  } else if (outcome < 0.06) {
    const refundedMs = ms + random.int(3 * DAY, 20 * DAY)
    if (
      serverTrack(actor, refundedMs, 'Order Refunded', {
        order_id: orderId,
        total,
        currency,
        reason: random.pick(['wrong_size', 'damaged', 'changed_mind']),
      })
    ) {
      sendEmail(actor, refundedMs + random.int(MINUTE, HOUR), TRANSACTIONAL.refund, {
        engagement: 0.6,
      })
    }
  }
}
