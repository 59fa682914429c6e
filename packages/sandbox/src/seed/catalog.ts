/**
 * @module seed/catalog
 * The shop's products. Prices are set in GBP and converted at fixed rates so a customer always
 * sees one currency and totals stay reproducible.
 */

export type Currency = 'GBP' | 'EUR' | 'USD' | 'JPY'

export interface Product {
  readonly product_id: string
  readonly sku: string
  readonly name: string
  readonly category: string
  readonly slug: string
  readonly priceGbp: number
}

/** Fixed illustrative rates: 1 GBP in each currency. */
export const GBP_RATES: Readonly<Record<Currency, number>> = {
  GBP: 1,
  EUR: 1.17,
  USD: 1.27,
  JPY: 190,
}

export const SHOP_ORIGIN = 'https://shop.example.com'

type Row = readonly [name: string, priceGbp: number]

const ROWS: Readonly<Record<string, readonly Row[]>> = {
  Apparel: [
    ['Organic Cotton Tee', 18],
    ['Merino Crew Jumper', 79],
    ['Linen Shirt', 45],
    ['Waxed Field Jacket', 189],
    ['Relaxed Chinos', 55],
  ],
  Footwear: [
    ['Canvas Plimsolls', 39],
    ['Leather Chelsea Boots', 149],
    ['Trail Running Shoes', 110],
    ['Wool Slippers', 35],
    ['Suede Loafers', 95],
  ],
  Accessories: [
    ['Leather Card Wallet', 29],
    ['Wool Beanie', 22],
    ['Canvas Tote Bag', 25],
    ['Silk Scarf', 65],
    ['Steel Watch', 175],
  ],
  Home: [
    ['Linen Duvet Cover', 120],
    ['Wool Throw', 85],
    ['Scented Candle', 24],
    ['Ceramic Vase', 38],
    ['Cotton Bath Towel Set', 48],
  ],
  Kitchen: [
    ['Cast Iron Skillet', 59],
    ['Pour-Over Coffee Set', 42],
    ['Chef’s Knife 20cm', 89],
    ['Oak Chopping Board', 34],
    ['Enamel Teapot', 46],
  ],
  Beauty: [
    ['Rose Hand Cream', 16],
    ['Vitamin C Serum', 32],
    ['Natural Shampoo Bar', 9],
    ['Bamboo Toothbrush (4)', 8],
    ['Bergamot Eau de Parfum', 78],
  ],
  Electronics: [
    ['Wireless Earbuds', 129],
    ['Bluetooth Speaker', 89],
    ['USB-C Charger 65W', 39],
    ['E-Reader', 139],
    ['Smart Light Bulb (2)', 29],
  ],
  Outdoors: [
    ['Insulated Water Bottle', 28],
    ['Packable Rain Jacket', 99],
    ['Camping Hammock', 54],
    ['Merino Hiking Socks', 19],
    ['Day Pack 20L', 72],
  ],
}

function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

export const CATEGORIES: readonly string[] = Object.keys(ROWS)

export const CATALOG: readonly Product[] = CATEGORIES.flatMap((category, c) =>
  (ROWS[category] ?? []).map(([name, priceGbp], i): Product => ({
    product_id: `prod_${String(c * 100 + i + 101).padStart(4, '0')}`,
    sku: `${category.slice(0, 3).toUpperCase()}-${String(c * 10 + i + 1).padStart(3, '0')}`,
    name,
    category,
    slug: slugOf(name),
    priceGbp,
  }))
)

/** Rounds money the way the currency is quoted: yen has no minor unit. */
export function roundMoney(amount: number, currency: Currency): number {
  return currency === 'JPY' ? Math.round(amount) : Math.round(amount * 100) / 100
}

export function priceIn(product: Product, currency: Currency): number {
  const converted = product.priceGbp * GBP_RATES[currency]
  return currency === 'JPY' ? Math.round(converted / 10) * 10 : Math.round(converted) - 0.01
}

export function toGbp(amount: number, currency: Currency): number {
  return Math.round((amount / GBP_RATES[currency]) * 100) / 100
}

export function productUrl(product: Product): string {
  return `${SHOP_ORIGIN}/products/${product.slug}`
}

/** The properties every product event carries, per the e-commerce tracking spec. */
export function productProperties(
  product: Product,
  currency: Currency,
  quantity = 1
): Record<string, unknown> {
  return {
    product_id: product.product_id,
    sku: product.sku,
    name: product.name,
    category: product.category,
    price: priceIn(product, currency),
    currency,
    quantity,
    url: productUrl(product),
    image_url: `${SHOP_ORIGIN}/images/${product.slug}.jpg`,
  }
}
