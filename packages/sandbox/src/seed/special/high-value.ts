/**
 * @module seed/special/high-value
 * The shopper an agent most wants to recognise at once: a VIP who has ordered ten times over the
 * window (twice from the EU store, in euros), was on the site hours ago, reads every order email and
 * is mid-way through a recent order. Her scripted orders sit on top of ordinary generated visits,
 * so the header's lifetime value, order count, average order and last order date all have
 * something real to show, and her computed traits put her in the high-value audience.
 */
import { SALES_EVENTS, SUPPORT_EVENTS } from '@intilery-connect/core'

import type { CustomerRecord } from '../../store/types.ts'
import type { Actor } from '../behaviours/actor.ts'
import { trackOn } from '../behaviours/actor.ts'
import { viewPage } from '../behaviours/browsing.ts'
import { TRANSACTIONAL } from '../campaigns.ts'
import { CATALOG, productProperties, roundMoney, type Currency, type Product } from '../catalog.ts'
import { VIP_IMPORT } from '../imports.ts'
import { regularCustomer, type SeedContext } from '../regular-customer.ts'
import { SEEDED } from '../seeded.ts'
import { shopVisit } from './shop-visit.ts'
import { productPage, SHOP } from '../sites.ts'
import { DAY, HOUR, MINUTE, SECOND } from '../timeline.ts'

interface ScriptedOrder {
  readonly orderId: string
  /** When the order completed, as a distance before now. */
  readonly agoMs: number
  readonly currency: Currency
  readonly items: readonly (readonly [productName: string, quantity: number])[]
  readonly coupon?: string
}

/** Oldest first; the last one is the order ticket 106 asks to upgrade. */
export const HIGH_VALUE_ORDERS: readonly ScriptedOrder[] = [
  {
    orderId: 'HP-410233',
    agoMs: 168 * DAY + 4 * HOUR,
    currency: 'GBP',
    items: [['Waxed Field Jacket', 1]],
  },
  {
    orderId: 'HP-428517',
    agoMs: 150 * DAY + 9 * HOUR,
    currency: 'GBP',
    items: [
      ['Linen Duvet Cover', 1],
      ['Wool Throw', 1],
    ],
  },
  {
    orderId: 'HP-433902',
    agoMs: 131 * DAY + 2 * HOUR,
    currency: 'EUR',
    items: [['Leather Chelsea Boots', 1]],
  },
  {
    orderId: 'HP-451760',
    agoMs: 112 * DAY + 7 * HOUR,
    currency: 'GBP',
    items: [['Steel Watch', 1]],
  },
  {
    orderId: 'HP-467214',
    agoMs: 90 * DAY + 5 * HOUR,
    currency: 'GBP',
    items: [
      ['Cast Iron Skillet', 1],
      ['Chef’s Knife 20cm', 1],
    ],
    coupon: 'VIP20',
  },
  {
    orderId: 'HP-472098',
    agoMs: 71 * DAY + 3 * HOUR,
    currency: 'GBP',
    items: [['Merino Crew Jumper', 2]],
  },
  {
    orderId: 'HP-489431',
    agoMs: 52 * DAY + 6 * HOUR,
    currency: 'EUR',
    items: [
      ['Bergamot Eau de Parfum', 1],
      ['Silk Scarf', 1],
    ],
  },
  {
    orderId: 'HP-503377',
    agoMs: 33 * DAY + 8 * HOUR,
    currency: 'GBP',
    items: [['Wireless Earbuds', 1]],
  },
  {
    orderId: 'HP-518640',
    agoMs: 15 * DAY + 2 * HOUR,
    currency: 'GBP',
    items: [
      ['Packable Rain Jacket', 1],
      ['Day Pack 20L', 1],
    ],
  },
  {
    orderId: 'HP-526081',
    agoMs: 2 * DAY + 5 * HOUR,
    currency: 'GBP',
    items: [
      ['E-Reader', 1],
      ['Smart Light Bulb (2)', 2],
    ],
  },
]

function product(name: string): Product {
  const found = CATALOG.find((p) => p.name === name)
  if (found === undefined) throw new Error(`high-value shopper: no product named ${name}`)
  return found
}

/** Sent, delivered and opened within the hour: she reads every order email, so the last one is recent. */
function orderEmail(actor: Actor, sentMs: number, orderId: string, clicked: boolean): void {
  const content = TRANSACTIONAL.orderConfirmation
  const properties = {
    email_id: content.email_id,
    email_subject: `Thanks for your order ${orderId}`,
    campaign_id: content.campaign_id,
  }
  const email = (name: string, ms: number, extra: Record<string, unknown> = {}, reader = false) =>
    actor.timeline.add(ms, {
      type: 'track',
      name,
      sendType: 'email',
      properties: { ...properties, ...extra },
      ...(reader ? { context: actor.web.context() } : {}),
    })
  email('Email Sent', sentMs)
  email('Email Delivered', sentMs + 4 * SECOND)
  email('Email Opened', sentMs + 23 * MINUTE, {}, true)
  const link = content.links[0]
  if (clicked && link !== undefined)
    email('Email Clicked', sentMs + 24 * MINUTE, { link: link.link, url: link.url }, true)
}

/** Views each product, adds it, checks out and pays: the funnel a real order leaves behind. */
function placeOrder(actor: Actor, order: ScriptedOrder, latest: boolean): void {
  const { timeline, random } = actor
  const completedMs = timeline.ago(order.agoMs)
  const basket = order.items.map(([name, quantity]) => [product(name), quantity] as const)
  let ms = completedMs - (6 + basket.length * 4) * MINUTE
  const cartId = random.hex(16)
  for (const [item, quantity] of basket) {
    viewPage(actor, ms, SHOP, productPage(item), `${SHOP.origin}/`)
    trackOn(actor, actor.web, ms + 600, 'Product Viewed', productProperties(item, order.currency))
    ms += 90 * SECOND
    trackOn(actor, actor.web, ms, 'Product Added', {
      cart_id: cartId,
      ...productProperties(item, order.currency, quantity),
    })
    ms += 2 * MINUTE
  }
  const products = basket.map(([item, quantity]) => {
    const {
      url: _url,
      currency: _currency,
      ...line
    } = productProperties(item, order.currency, quantity)
    return line
  })
  const subtotal = roundMoney(
    products.reduce((sum, line) => sum + Number(line.price) * Number(line.quantity), 0),
    order.currency
  )
  trackOn(actor, actor.web, ms, 'Checkout Started', {
    order_id: order.orderId,
    value: subtotal,
    currency: order.currency,
    products,
  })
  const discount = order.coupon === undefined ? 0 : roundMoney(subtotal * 0.2, order.currency)
  const revenue = roundMoney(subtotal - discount, order.currency)
  trackOn(actor, actor.web, completedMs, 'Order Completed', {
    order_id: order.orderId,
    checkout_id: random.hex(12),
    total: revenue,
    subtotal,
    revenue,
    // Free delivery for VIPs.
    shipping: 0,
    tax: roundMoney(revenue / 6, order.currency),
    discount,
    ...(order.coupon === undefined ? {} : { coupon: order.coupon }),
    currency: order.currency,
    products,
  })
  orderEmail(actor, completedMs + 30 * SECOND, order.orderId, latest)
}

function scriptedOrders(actor: Actor): void {
  for (const [i, order] of HIGH_VALUE_ORDERS.entries())
    placeOrder(actor, order, i === HIGH_VALUE_ORDERS.length - 1)
  writtenBack(actor)
  // Home posts read, and two things for the home looked at and not bought (yet): the demo site's
  // recommended posts and "you looked at these".
  shopVisit(actor, actor.timeline.ago(2 * DAY), {
    posts: ['/journal/slow-mornings', '/journal/linen-guide', '/journal/winter-bedding'],
    products: ['Wool Throw', 'Ceramic Vase'],
  })
}

/**
 * What write-back (#14) sent about her before: an earlier ticket, solved and rated, and her trade
 * account's deal moving through the sandbox Pipedrive's pipeline (deal 4, now in Negotiation). The
 * names and keys are core's (writeback/support-sales-events.ts); no links, since the seed cannot
 * know the local hosts' ports.
 */
function writtenBack(actor: Actor): void {
  const { timeline } = actor
  const track = (agoMs: number, name: string, properties: Record<string, unknown>) =>
    timeline.add(timeline.ago(agoMs), { type: 'track', name, properties })
  const ticket = { ticket_id: '87', zendesk_subdomain: 'demo' }
  track(45 * DAY, SUPPORT_EVENTS.ticketCreated, { ...ticket, status: 'new' })
  track(44 * DAY + 20 * HOUR, SUPPORT_EVENTS.ticketSolved, { ...ticket, status: 'solved' })
  track(44 * DAY + 2 * HOUR, SUPPORT_EVENTS.ticketRated, { ...ticket, rating: 'good' })
  const deal = {
    deal_id: '4',
    deal_title: 'Whitfield & Partners trade account',
    pipeline: 'Sales',
    pipedrive_company_id: '1001',
  }
  track(30 * DAY, SALES_EVENTS.dealCreated, {
    ...deal,
    stage: 'Qualified',
    value: 18000,
    currency: 'GBP',
  })
  track(12 * DAY, SALES_EVENTS.dealStageChanged, {
    ...deal,
    stage: 'Proposal made',
    previous_stage: 'Qualified',
  })
  track(5 * DAY, SALES_EVENTS.dealStageChanged, {
    ...deal,
    stage: 'Negotiation',
    previous_stage: 'Proposal made',
  })
}

export function highValueShopper(ctx: SeedContext): CustomerRecord {
  const c = SEEDED.highValue
  return regularCustomer(ctx, {
    label: 'special:high-value',
    kind: 'shopper',
    persona: {
      firstSeenAgo: 172 * DAY,
      lastSeenAgo: 3 * HOUR,
      visitsPerWeek: 1.2,
      usesApp: true,
      emailOptIn: true,
      engagement: 0.85,
    },
    fixed: {
      id: c.id,
      userId: c.userId,
      email: c.email,
      firstName: c.firstName,
      lastName: c.lastName,
      countryCode: 'GB',
    },
    // The VIP list import created her before the shop's tracking first saw her.
    csv: VIP_IMPORT,
    traits: { city: 'Bath', externalId: c.userId, phone: '+44 7700 900417' },
    extra: scriptedOrders,
  })
}
