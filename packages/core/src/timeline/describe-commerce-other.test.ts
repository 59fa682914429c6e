// Shopping, forms and leads, app sessions and custom events: from events shaped like the sandbox's
// seed, the kind, the title (message id + values) and the detail rows, exactly.
import { describe } from 'vitest'

import { money } from '../i18n/message.ts'
import { track } from './test/events.ts'
import { id, itDescribes, type KindCase, named } from './test/kind-cases.ts'

const PRODUCT = {
  product_id: 'prod_0403',
  sku: 'HOM-033',
  name: 'Scented Candle',
  category: 'Home',
  price: 23.99,
  currency: 'GBP',
  quantity: 2,
  url: 'https://shop.example.com/products/scented-candle',
}
const LINES = [
  { product_id: 'prod_0504', name: 'Oak Chopping Board', price: 33.99, quantity: 1 },
  { product_id: 'prod_0502', name: 'Pour-Over Coffee Set', price: 41.99, quantity: 2 },
]

const cases: KindCase[] = [
  {
    name: 'products searched',
    event: track('Products Searched', { query: 'skillet' }),
    kind: 'commerce',
    title: { id: 'timeline.commerce.searched', values: { query: 'skillet' } },
    detail: [],
  },
  {
    name: 'product viewed (no quantity row for a view)',
    event: track('Product Viewed', PRODUCT),
    kind: 'commerce',
    title: { id: 'timeline.commerce.productViewed', values: { product: 'Scented Candle' } },
    detail: [
      { label: id('timeline.detail.price'), value: money(23.99, 'GBP') },
      { label: id('timeline.detail.category'), value: 'Home' },
    ],
  },
  {
    name: 'product added',
    event: track('Product Added', PRODUCT),
    kind: 'commerce',
    title: { id: 'timeline.commerce.productAdded', values: { product: 'Scented Candle' } },
    detail: [
      { label: id('timeline.detail.price'), value: money(23.99, 'GBP') },
      { label: id('timeline.detail.quantity'), value: 2 },
      { label: id('timeline.detail.category'), value: 'Home' },
    ],
  },
  {
    name: 'product removed, named by its SKU, price without currency',
    event: track('Product Removed', { sku: 'BEA-051', price: '15.99' }),
    kind: 'commerce',
    title: { id: 'timeline.commerce.productRemoved', values: { product: 'BEA-051' } },
    detail: [{ label: id('timeline.detail.price'), value: 15.99 }],
  },
  {
    name: 'cart viewed: items count units',
    event: track('Cart Viewed', { cart_id: '178d92f7fd607410', products: LINES }),
    kind: 'commerce',
    title: { id: 'timeline.commerce.cartViewed', values: { count: 3 } },
    detail: [],
  },
  {
    name: 'checkout started',
    event: track('Checkout Started', {
      order_id: 'HP-619207',
      value: 61.98,
      currency: 'GBP',
      products: LINES,
    }),
    kind: 'commerce',
    title: { id: 'timeline.commerce.checkoutStarted', values: { total: money(61.98, 'GBP') } },
    detail: [
      { label: id('timeline.detail.items'), value: 3 },
      { label: id('timeline.detail.order'), value: 'HP-619207' },
    ],
  },
  {
    name: 'order completed with coupon',
    event: track('Order Completed', {
      order_id: 'HP-920334',
      checkout_id: '907714bf9e27',
      total: 68.38,
      revenue: 68.38,
      coupon: 'VIP20',
      currency: 'gbp',
      products: LINES,
    }),
    kind: 'commerce',
    title: { id: 'timeline.commerce.orderCompleted', values: { total: money(68.38, 'GBP') } },
    detail: [
      { label: id('timeline.detail.items'), value: 3 },
      { label: id('timeline.detail.coupon'), value: 'VIP20' },
      { label: id('timeline.detail.order'), value: 'HP-920334' },
    ],
  },
  {
    name: 'order refunded',
    event: track('Order Refunded', {
      order_id: 'HP-991147',
      total: 71.99,
      currency: 'GBP',
      reason: 'changed_mind',
    }),
    kind: 'commerce',
    title: { id: 'timeline.commerce.orderRefunded', values: { total: money(71.99, 'GBP') } },
    detail: [
      { label: id('timeline.detail.reason'), value: 'changed_mind' },
      { label: id('timeline.detail.order'), value: 'HP-991147' },
    ],
  },
  {
    name: 'order cancelled with an unusable currency: a number, and the currency as text',
    event: track('Order Cancelled', { order_id: 'HP-933054', total: 168.97, currency: 'pounds' }),
    kind: 'commerce',
    title: { id: 'timeline.commerce.orderCancelled', values: { total: 168.97 } },
    detail: [
      { label: id('timeline.detail.currency'), value: 'pounds' },
      { label: id('timeline.detail.order'), value: 'HP-933054' },
    ],
  },
  {
    name: 'order completed without a total',
    event: track('Order Completed', { order_id: 'HP-1' }),
    kind: 'commerce',
    title: { id: 'timeline.commerce.orderCompletedNoTotal' },
    detail: [{ label: id('timeline.detail.order'), value: 'HP-1' }],
  },
  {
    name: 'form submitted',
    event: track('Form Submitted', {
      form_id: 'form_free_trial',
      form_name: 'Free trial request',
      page_url: 'https://www.intilery.com/free-trial',
      company_size: '50-200',
    }),
    kind: 'form',
    title: { id: 'timeline.form.submitted', values: { form: 'Free trial request' } },
    detail: [
      { label: id('timeline.detail.page'), value: 'https://www.intilery.com/free-trial' },
      { label: named('company_size'), value: '50-200' },
    ],
  },
  {
    name: 'lead created',
    event: track('Lead Created', {
      lead_id: 'lead_joebloggs01',
      form_name: 'Free trial request',
      lead_source: 'website',
    }),
    kind: 'form',
    title: { id: 'timeline.form.leadCreated' },
    detail: [
      { label: id('timeline.detail.leadSource'), value: 'website' },
      { label: id('timeline.detail.form'), value: 'Free trial request' },
    ],
  },
  {
    name: 'application opened',
    event: track('Application Opened', { version: '4.3.0', build: '430', from_background: false }),
    kind: 'session',
    title: { id: 'timeline.session.appOpened' },
    detail: [
      { label: id('timeline.detail.version'), value: '4.3.0' },
      { label: id('timeline.detail.build'), value: '430' },
    ],
  },
  {
    name: 'application backgrounded',
    event: track('Application Backgrounded', {}),
    kind: 'session',
    title: { id: 'timeline.session.appBackgrounded' },
    detail: [],
  },
  {
    name: 'application installed',
    event: track('Application Installed', { version: '4.2.1', build: 421 }),
    kind: 'session',
    title: { id: 'timeline.session.appInstalled' },
    detail: [
      { label: id('timeline.detail.version'), value: '4.2.1' },
      { label: id('timeline.detail.build'), value: '421' },
    ],
  },
  {
    name: 'application updated',
    event: track('Application Updated', { version: '4.3.0', previous_version: '4.2.1' }),
    kind: 'session',
    title: { id: 'timeline.session.appUpdated' },
    detail: [
      { label: id('timeline.detail.version'), value: '4.3.0' },
      { label: id('timeline.detail.previousVersion'), value: '4.2.1' },
    ],
  },
  {
    name: 'application uninstalled',
    event: track('Application Uninstalled', {}),
    kind: 'session',
    title: { id: 'timeline.session.appUninstalled' },
    detail: [],
  },
  {
    name: 'application closed',
    event: track('Application Closed', {}),
    kind: 'session',
    title: { id: 'timeline.session.appClosed' },
    detail: [],
  },
  {
    name: 'custom: experiment viewed',
    event: track('Experiment Viewed', {
      experiment_id: 'exp_pricing_layout_v3',
      experiment_name: 'Pricing page layout',
      variation_id: '1',
      variation_name: 'Variant B',
    }),
    kind: 'custom',
    title: { id: 'timeline.custom.event', values: { name: 'Experiment Viewed' } },
    detail: [
      { label: named('experiment_name'), value: 'Pricing page layout' },
      { label: named('variation_name'), value: 'Variant B' },
    ],
  },
  {
    name: 'custom: subscription renewed (money, ranked keys first)',
    event: track('Subscription Renewed', {
      subscription_id: 'sub_b4f06d42a1cf4f',
      period: 'monthly',
      amount: 1999,
      currency: 'GBP',
      plan: 'Enterprise',
    }),
    kind: 'custom',
    title: { id: 'timeline.custom.event', values: { name: 'Subscription Renewed' } },
    detail: [
      { label: named('plan'), value: 'Enterprise' },
      { label: named('amount'), value: money(1999, 'GBP') },
      { label: named('period'), value: 'monthly' },
    ],
  },
  {
    name: 'custom: trial started (date-time as a date value)',
    event: track('Trial Started', {
      plan: 'Growth',
      trial_days: 14,
      trial_ends_at: '2026-11-18T15:40:40.884Z',
    }),
    kind: 'custom',
    title: { id: 'timeline.custom.event', values: { name: 'Trial Started' } },
    detail: [
      { label: named('plan'), value: 'Growth' },
      { label: named('trial_days'), value: 14 },
      { label: named('trial_ends_at'), value: { type: 'date', at: '2026-11-18T15:40:40.884Z' } },
    ],
  },
  {
    name: 'custom: webinar registered',
    event: track('Webinar Registered', {
      webinar_id: 'cdp-101',
      webinar_title: 'CDP 101: one view of every customer',
      starts_at: '2026-11-07T20:59:38.000Z',
    }),
    kind: 'custom',
    title: { id: 'timeline.custom.event', values: { name: 'Webinar Registered' } },
    detail: [
      { label: named('webinar_title'), value: 'CDP 101: one view of every customer' },
      { label: named('starts_at'), value: { type: 'date', at: '2026-11-07T20:59:38.000Z' } },
    ],
  },
  {
    name: 'custom without a name',
    event: { ...track('x', {}), eventAction: '', rawData: { action: 'track', properties: {} } },
    kind: 'custom',
    title: { id: 'timeline.custom.unnamed' },
    detail: [],
  },
]

describe('shopping, forms, sessions and custom events', () => {
  itDescribes(cases)
})
