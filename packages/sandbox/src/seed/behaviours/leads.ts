/**
 * @module seed/behaviours/leads
 * The B2B side: prospects read Intilery's site, fill in forms (which create leads), register for
 * webinars, start trials and, once converted, renew their subscription every month.
 */
import { TRANSACTIONAL } from '../campaigns.ts'
import { INTILERY_SITE, type Page } from '../sites.ts'
import { DAY, MINUTE, SECOND } from '../timeline.ts'
import { trackOn, type Actor } from './actor.ts'
import { browse } from './browsing.ts'
import { sendEmail } from './email.ts'

export const FORMS = {
  demo: { form_id: 'form_demo_request', form_name: 'Book a demo', path: '/demo' },
  trial: { form_id: 'form_free_trial', form_name: 'Free trial request', path: '/free-trial' },
  contact: { form_id: 'form_contact', form_name: 'Contact us', path: '/contact' },
  whitepaper: {
    form_id: 'form_whitepaper_cdp',
    form_name: 'Download: The CDP buyer’s guide',
    path: '/blog/what-is-a-cdp',
  },
} as const

export type FormKey = keyof typeof FORMS

function pageOf(path: string): Page {
  return INTILERY_SITE.pages.find((p) => p.path === path) ?? INTILERY_SITE.home
}

/** Reads a few pages, submits a form; a lead is created from it. Returns the submit time or undefined. */
export function submitForm(
  actor: Actor,
  startMs: number,
  key: FormKey,
  morePages?: number
): number | undefined {
  const { random } = actor
  const form = FORMS[key]
  const lastPageMs = browse(actor, startMs, {
    site: INTILERY_SITE,
    morePages: morePages ?? random.int(1, 4),
    endOn: [pageOf(form.path)],
  })
  const submittedMs = lastPageMs + random.int(30 * SECOND, 4 * MINUTE)
  const { path, ...formProperties } = form
  if (
    !trackOn(actor, actor.web, submittedMs, 'Form Submitted', {
      ...formProperties,
      page_url: `${INTILERY_SITE.origin}${path}`,
    })
  )
    return undefined
  trackOn(actor, actor.web, submittedMs + random.int(SECOND, 5 * SECOND), 'Lead Created', {
    lead_id: `lead_${random.hex(10)}`,
    form_name: form.form_name,
    lead_source: 'website',
  })
  return submittedMs
}

export function registerForWebinar(actor: Actor, ms: number): void {
  const startsAt = new Date(ms + 9 * DAY).toISOString()
  if (
    !trackOn(actor, actor.web, ms, 'Webinar Registered', {
      webinar_id: 'cdp-101',
      webinar_title: 'CDP 101: one view of every customer',
      starts_at: startsAt,
    })
  )
    return
  sendEmail(actor, ms + actor.random.int(5 * SECOND, MINUTE), TRANSACTIONAL.webinarConfirmation, {
    engagement: 0.6,
  })
}

/** Starts a trial; with `converts`, the plan then renews monthly until now. */
export function startTrial(actor: Actor, ms: number, converts: boolean): void {
  const { random } = actor
  const plan = random.pick(['Starter', 'Growth', 'Enterprise'])
  const trialDays = 14
  if (
    !trackOn(actor, actor.web, ms, 'Trial Started', {
      plan,
      trial_days: trialDays,
      trial_ends_at: new Date(ms + trialDays * DAY).toISOString(),
    })
  )
    return
  sendEmail(actor, ms + random.int(20 * SECOND, 3 * MINUTE), TRANSACTIONAL.trialWelcome, {
    engagement: 0.8,
  })
  if (!converts) return
  const amount = { Starter: 99, Growth: 499, Enterprise: 1_999 }[plan] ?? 99
  const subscriptionId = `sub_${random.hex(14)}`
  for (let renewalMs = ms + (trialDays + 30) * DAY; ; renewalMs += 30 * DAY) {
    const recorded = actor.timeline.add(renewalMs, {
      type: 'track',
      name: 'Subscription Renewed',
      source: 'SERVER_API',
      // Intilery bills in sterling whatever the customer's shop currency.
      properties: {
        subscription_id: subscriptionId,
        plan,
        amount,
        currency: 'GBP',
        period: 'monthly',
      },
    })
    if (!recorded) break
  }
}
