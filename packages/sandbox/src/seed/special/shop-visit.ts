/**
 * @module seed/special/shop-visit
 * A scripted visit to Harbour & Pine for the special customers the demo site signs in (issue #16):
 * journal posts read (their `favorite_blog_category`), then products looked at and not bought
 * (their "you looked at these"). Every step is a minute or two after the last.
 */
import type { Actor } from '../behaviours/actor.ts'
import { trackOn } from '../behaviours/actor.ts'
import { viewPage } from '../behaviours/browsing.ts'
import { CATALOG, productProperties, productUrl, SHOP_ORIGIN } from '../catalog.ts'
import { JOURNAL, journalPage } from '../journal.ts'
import { productPage, SHOP } from '../sites.ts'
import { MINUTE } from '../timeline.ts'

export interface ShopVisit {
  /** Journal post paths, read in this order. */
  readonly posts: readonly string[]
  /** Product names, viewed in this order. */
  readonly products: readonly string[]
}

function byPath(path: string) {
  const post = JOURNAL.find((p) => p.path === path)
  if (post === undefined) throw new Error(`no journal post ${path}`)
  return post
}

function byName(name: string) {
  const product = CATALOG.find((p) => p.name === name)
  if (product === undefined) throw new Error(`no product named ${name}`)
  return product
}

export function shopVisit(actor: Actor, startMs: number, visit: ShopVisit): void {
  let ms = startMs
  let referrer = `${SHOP_ORIGIN}/`
  for (const path of visit.posts) {
    viewPage(actor, ms, SHOP, journalPage(byPath(path)), referrer, undefined, false)
    referrer = `${SHOP_ORIGIN}${path}`
    ms += 2 * MINUTE
  }
  for (const name of visit.products) {
    const product = byName(name)
    viewPage(actor, ms, SHOP, productPage(product), referrer, productUrl(product), false)
    trackOn(
      actor,
      actor.web,
      ms + 700,
      'Product Viewed',
      productProperties(product, actor.currency)
    )
    referrer = productUrl(product)
    ms += MINUTE + 30_000
  }
}
