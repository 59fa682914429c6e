/**
 * @module seed/behaviours/browsing
 * Page views come in bursts: a landing page, then a few more minutes apart, each referred by the one
 * before, the way a visit reads in a real event stream.
 */
import { EXTERNAL_REFERRERS, INTILERY_SITE, SHOP, type Page, type Site } from '../sites.ts'
import { SECOND } from '../timeline.ts'
import { trackOn, type Actor } from './actor.ts'

export interface Visit {
  readonly site: Site
  /** Pages after the landing page. */
  readonly morePages: number
  /** Where the visit starts (an email link's URL keeps its utm parameters). */
  readonly landing?: { readonly page: Page; readonly url: string } | undefined
  readonly referrer?: string | undefined
  /** Pages the visit must end on, in order (the form page before a form submit). */
  readonly endOn?: readonly Page[] | undefined
  /** Whether A/B tests on the visited pages fire Experiment Viewed (default true). */
  readonly experiments?: boolean | undefined
}

const EXPERIMENTS: Readonly<Record<string, readonly [id: string, name: string]>> = {
  [`${INTILERY_SITE.origin}/pricing`]: ['exp_pricing_layout_v3', 'Pricing page layout'],
  [`${SHOP.origin}/`]: ['exp_home_hero', 'Homepage hero'],
}

export function pageGap(actor: Actor): number {
  return 8 * SECOND + actor.random.expMs(75 * SECOND, 6 * 60 * SECOND)
}

/** Views one page; returns false when that moment is outside the window. */
export function viewPage(
  actor: Actor,
  ms: number,
  site: Site,
  page: Page,
  referrer: string,
  url?: string,
  experiments = true
): boolean {
  const href = url ?? `${site.origin}${page.path}`
  const search = href.includes('?') ? href.slice(href.indexOf('?')) : ''
  const recorded = actor.timeline.add(ms, {
    type: 'page',
    anonymousId: actor.web.anonymousId,
    context: actor.web.context(),
    properties: {
      url: href,
      path: page.path,
      title: page.title,
      referrer,
      ...(search === '' ? {} : { search }),
    },
  })
  const experiment = EXPERIMENTS[`${site.origin}${page.path}`]
  if (recorded && experiments && experiment !== undefined && actor.random.chance(0.5)) {
    const variant = actor.random.int(0, 1)
    trackOn(actor, actor.web, ms + actor.random.int(200, 900), 'Experiment Viewed', {
      experiment_id: experiment[0],
      experiment_name: experiment[1],
      variation_id: String(variant),
      variation_name: variant === 0 ? 'Control' : 'Variant B',
    })
  }
  return recorded
}

/** A burst of page views; returns the time of the last one. */
export function browse(actor: Actor, startMs: number, visit: Visit): number {
  const { random } = actor
  const { site } = visit
  let ms = startMs
  let referrer = visit.referrer ?? random.pick(EXTERNAL_REFERRERS)
  const landing = visit.landing ?? {
    page: random.chance(0.5) ? site.home : random.pick(site.pages),
    url: undefined,
  }
  if (!viewPage(actor, ms, site, landing.page, referrer, landing.url, visit.experiments)) return ms
  referrer = landing.url ?? `${site.origin}${landing.page.path}`
  const pages = [
    ...Array.from({ length: visit.morePages }, () => random.pick(site.pages)),
    ...(visit.endOn ?? []),
  ]
  for (const page of pages) {
    ms += pageGap(actor)
    if (!viewPage(actor, ms, site, page, referrer, undefined, visit.experiments)) break
    referrer = `${site.origin}${page.path}`
  }
  return ms
}
