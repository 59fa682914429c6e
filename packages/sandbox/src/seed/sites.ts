/**
 * @module seed/sites
 * The two websites customers browse: the Harbour & Pine shop and Intilery's own marketing site
 * (where Joe Bloggs and the other B2B leads read about the product).
 */
import { CATALOG, CATEGORIES, SHOP_ORIGIN, type Product } from './catalog.ts'
import { INTILERY_ORIGIN } from './campaigns.ts'

export interface Page {
  readonly path: string
  readonly title: string
}

export interface Site {
  readonly origin: string
  readonly home: Page
  readonly pages: readonly Page[]
}

const shopTitle = (text: string) => `${text} | Harbour & Pine`
const siteTitle = (text: string) => `${text} | Intilery`

export function productPage(product: Product): Page {
  return { path: `/products/${product.slug}`, title: shopTitle(product.name) }
}

export const SHOP: Site = {
  origin: SHOP_ORIGIN,
  home: { path: '/', title: 'Harbour & Pine — considered things for everyday life' },
  pages: [
    ...CATEGORIES.map((category) => ({
      path: `/collections/${category.toLowerCase()}`,
      title: shopTitle(category),
    })),
    { path: '/sale', title: shopTitle('Sale') },
    { path: '/journal/slow-mornings', title: shopTitle('Journal: Slow mornings') },
    { path: '/journal/trail-guide', title: shopTitle('Journal: A beginner’s trail guide') },
    { path: '/help/delivery', title: shopTitle('Delivery & returns') },
    { path: '/account', title: shopTitle('Your account') },
    { path: '/account/orders', title: shopTitle('Your orders') },
    { path: '/stores', title: shopTitle('Find a store') },
    ...CATALOG.filter((_, i) => i % 3 === 0).map(productPage),
  ],
}

export const INTILERY_SITE: Site = {
  origin: INTILERY_ORIGIN,
  home: { path: '/', title: 'Intilery — Customer Data Platform & Marketing Automation' },
  pages: [
    { path: '/pricing', title: siteTitle('Pricing') },
    { path: '/features', title: siteTitle('Platform features') },
    { path: '/features/journeys', title: siteTitle('Journeys') },
    { path: '/features/segmentation', title: siteTitle('Real-time segmentation') },
    { path: '/features/profile-api', title: siteTitle('Profile API') },
    { path: '/customers', title: siteTitle('Customer stories') },
    {
      path: '/customers/retail-case-study',
      title: siteTitle('How a retailer grew repeat orders by 31%'),
    },
    { path: '/blog/product-update', title: siteTitle('Blog: Product update') },
    { path: '/blog/what-is-a-cdp', title: siteTitle('Blog: What is a CDP?') },
    { path: '/integrations', title: siteTitle('Integrations') },
    { path: '/free-trial', title: siteTitle('Start your free trial') },
    { path: '/demo', title: siteTitle('Book a demo') },
    { path: '/webinars/cdp-101', title: siteTitle('Webinar: CDP 101') },
    { path: '/contact', title: siteTitle('Contact us') },
  ],
}

export const EXTERNAL_REFERRERS: readonly string[] = [
  'https://www.google.com/',
  'https://www.google.co.uk/',
  'https://www.bing.com/',
  'https://duckduckgo.com/',
  'https://www.instagram.com/',
  'https://www.facebook.com/',
  'https://www.linkedin.com/',
  'https://t.co/',
  '',
]

/** The page an absolute URL points at on one of the sites, for landing pages from email links. */
export function pageAt(url: string): { site: Site; page: Page } | undefined {
  for (const site of [SHOP, INTILERY_SITE]) {
    if (!url.startsWith(site.origin)) continue
    const path = url.slice(site.origin.length).split(/[?#]/)[0] ?? '/'
    const page = [site.home, ...site.pages].find((p) => p.path === path)
    return {
      site,
      page: page ?? {
        path,
        title: site === SHOP ? shopTitle('Harbour & Pine') : siteTitle('Intilery'),
      },
    }
  }
  return undefined
}
