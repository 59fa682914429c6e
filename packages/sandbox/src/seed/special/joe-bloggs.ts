/**
 * @module seed/special/joe-bloggs
 * The spec's example customer, exactly: its traits, metadata, audiences and the four events the spec
 * shows (with their ids and relative times), set in a month of B2B activity that explains them. He
 * receives exactly nine emails, matching the spec's `number_email_delivered_all_time: 9`, the first
 * and last being the spec's first and last `email_sent`.
 */
import type { CustomerRecord } from '../../store/types.ts'
import type { Actor } from '../behaviours/actor.ts'
import { viewPage } from '../behaviours/browsing.ts'
import { FORMS } from '../behaviours/leads.ts'
import {
  FREE_TRIAL_ESHOT,
  INTILERY_ORIGIN,
  NOV2,
  TRANSACTIONAL,
  type EmailContent,
} from '../campaigns.ts'
import { finishCustomer, startCustomer } from '../customer-record.ts'
import { STAFF_IMPORT } from '../imports.ts'
import { randomFor, stableUuid } from '../random.ts'
import type { SeedContext } from '../regular-customer.ts'
import { SEEDED } from '../seeded.ts'
import { INTILERY_SITE } from '../sites.ts'
import { specAgo } from '../spec-times.ts'
import { Timeline } from '../timeline.ts'
import { shopVisit } from './shop-visit.ts'

const JOE = SEEDED.joeBloggs

/** The context the spec shows on Joe's opens. */
const OPEN_CONTEXT = {
  ip: '217.42.6.253',
  user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_4) AppleWebKit/605.1.15',
}

const email = (
  campaign_id: string,
  email_subject: string,
  path: string,
  link: string
): EmailContent => ({
  email_id: stableUuid(`email:joe:${campaign_id}`),
  email_subject,
  campaign_id,
  links: [
    {
      link,
      url: `${INTILERY_ORIGIN}${path}?utm_source=intilery&utm_medium=email&utm_campaign=${campaign_id}`,
    },
  ],
})

const INSIDER = email(
  'Oct20Insider',
  'Intilery Insider: what’s new this month',
  '/blog/product-update',
  'Read the update'
)
const WEBINAR = email(
  'WEBINAR_CDP101',
  'Join our CDP 101 webinar',
  '/webinars/cdp-101',
  'Save your seat'
)
const TRIAL_REMINDER = email(
  'FreeTrialReminder',
  'Your free trial is waiting',
  '/free-trial',
  'Start your free trial'
)
const TIPS = email(
  'TRIAL_TIPS_1',
  'Getting started: connect your first source',
  '/docs/getting-started',
  'Connect a source'
)
const NOV1 = email(
  'Nov1',
  'Personalisation that pays for itself',
  '/features/journeys',
  'See Journeys'
)

function page(path: string) {
  return (
    [INTILERY_SITE.home, ...INTILERY_SITE.pages].find((p) => p.path === path) ?? {
      path,
      title: 'Intilery',
    }
  )
}

export function joeBloggs(ctx: SeedContext): CustomerRecord {
  const random = randomFor(ctx.seed, 'joe-bloggs')
  const timeline = new Timeline(ctx.now, random)
  const at = (iso: string) => timeline.ago(specAgo(iso))
  const traits = {
    lastName: 'Bloggs',
    website: 'www.intilery.com',
    externalId: 'joe.bloggs@intilery.com',
    organisation: 'Intilery',
    industry: 'Other',
    firstName: 'Joe',
    phone: '+44111222333444',
    email: JOE.email,
  }
  const customer = startCustomer({
    id: JOE.id,
    userId: JOE.userId,
    anonymousIds: [JOE.anonymousId],
    traits,
    audiencesStatic: [STAFF_IMPORT.audience],
    createdBy: {
      filename: STAFF_IMPORT.filename,
      createdTime: new Date(at('2020-08-24T15:54:15.323Z')).toISOString(),
      type: 'audience-csv',
    },
    subscriptionId: 'aW50aWxlcnk6bWFya2V0aW5nOjg3MzA1NWVmLTdmYmYtNDYyNS1iMWNkLTEwYjRlNDc5YjIwZA==',
  })
  const webContext = () => ({ ...OPEN_CONTEXT, locale: 'en-GB', traits: { email: JOE.email } })
  const actor: Actor = {
    random,
    timeline,
    currency: 'GBP',
    email: JOE.email,
    web: { anonymousId: JOE.anonymousId, context: webContext },
    app: undefined,
    favouriteCategories: [],
    emailOptIn: true,
    unsubscribedAt: undefined,
    appInstalled: false,
  }
  const props = (content: EmailContent) => ({
    email_id: content.email_id,
    email_subject: content.email_subject,
    campaign_id: content.campaign_id,
  })
  const emailEvent = (
    name: string,
    iso: string,
    content: EmailContent,
    extra: Record<string, unknown> = {}
  ) =>
    timeline.add(at(iso), {
      type: 'track',
      name,
      sendType: 'email',
      properties: { ...props(content), ...extra },
      ...(name === 'Email Sent' || name === 'Email Delivered'
        ? {}
        : { context: { ...OPEN_CONTEXT, traits: { email: JOE.email } } }),
    })
  const sent = (iso: string, content: EmailContent, deliveredIso: string) => {
    emailEvent('Email Sent', iso, content)
    emailEvent('Email Delivered', deliveredIso, content)
  }
  const clicked = (iso: string, content: EmailContent) => {
    const link = content.links[0]
    if (link !== undefined)
      emailEvent('Email Clicked', iso, content, { link: link.link, url: link.url })
  }
  const pages = (startIso: string, paths: readonly string[], firstUrl?: string) => {
    let referrer = ''
    let ms = at(startIso)
    for (const [i, path] of paths.entries()) {
      const url = i === 0 && firstUrl !== undefined ? firstUrl : undefined
      viewPage(actor, ms, INTILERY_SITE, page(path), referrer, url)
      referrer = url ?? `${INTILERY_ORIGIN}${path}`
      ms += random.int(25_000, 150_000)
    }
  }
  const track = (iso: string, name: string, properties: Record<string, unknown>) =>
    timeline.add(at(iso), {
      type: 'track',
      name,
      anonymousId: JOE.anonymousId,
      context: webContext(),
      properties,
    })

  // 1. The spec's first email_sent.
  timeline.addExact('b5148168-928f-4f61-9a3d-ff1be6da5820', at('2020-10-20T13:49:41.697Z'), 1_696, {
    type: 'track',
    name: 'Email Sent',
    sendType: 'email',
    properties: props(FREE_TRIAL_ESHOT),
  })
  emailEvent('Email Delivered', '2020-10-20T13:49:44.120Z', FREE_TRIAL_ESHOT)
  emailEvent('Email Opened', '2020-10-20T14:31:09.412Z', FREE_TRIAL_ESHOT)
  clicked('2020-10-20T14:31:40.093Z', {
    ...FREE_TRIAL_ESHOT,
    links: FREE_TRIAL_ESHOT.links.slice(1),
  })
  pages(
    '2020-10-20T14:31:52.500Z',
    ['/pricing', '/features', '/features/profile-api'],
    FREE_TRIAL_ESHOT.links[1]?.url
  )

  sent('2020-10-23T09:05:02.310Z', INSIDER, '2020-10-23T09:05:09.874Z')
  sent('2020-10-27T10:00:03.555Z', WEBINAR, '2020-10-27T10:00:05.020Z')
  emailEvent('Email Opened', '2020-10-27T10:46:12.801Z', WEBINAR)
  clicked('2020-10-27T10:46:31.440Z', WEBINAR)
  pages('2020-10-27T10:46:38.120Z', ['/webinars/cdp-101'], WEBINAR.links[0]?.url)
  track('2020-10-27T10:48:55.603Z', 'Webinar Registered', {
    webinar_id: 'cdp-101',
    webinar_title: 'CDP 101: one view of every customer',
    starts_at: new Date(at('2020-11-05T14:00:00.000Z')).toISOString(),
  })
  sent('2020-10-27T10:49:20.117Z', TRANSACTIONAL.webinarConfirmation, '2020-10-27T10:49:22.960Z')

  // The trial request that the spec's TRIAL_WELCOME email answers.
  sent('2020-11-02T08:30:00.912Z', TRIAL_REMINDER, '2020-11-02T08:30:04.250Z')
  emailEvent('Email Opened', '2020-11-02T08:38:41.006Z', TRIAL_REMINDER)
  clicked('2020-11-02T08:38:52.772Z', TRIAL_REMINDER)
  pages('2020-11-02T08:38:59.310Z', ['/free-trial'], TRIAL_REMINDER.links[0]?.url)
  const { path: _path, ...trialForm } = FORMS.trial
  track('2020-11-02T08:40:47.118Z', 'Form Submitted', {
    ...trialForm,
    page_url: `${INTILERY_ORIGIN}/free-trial`,
  })
  track('2020-11-02T08:40:49.502Z', 'Lead Created', {
    lead_id: 'lead_joebloggs01',
    form_name: FORMS.trial.form_name,
    lead_source: 'website',
  })
  timeline.add(at('2020-11-02T08:40:50.030Z'), {
    type: 'identify',
    anonymousId: JOE.anonymousId,
    context: webContext(),
    traits: { ...traits },
  })
  track('2020-11-02T08:41:02.884Z', 'Trial Started', {
    plan: 'Growth',
    trial_days: 14,
    trial_ends_at: new Date(at('2020-11-16T08:41:02.884Z')).toISOString(),
  })
  sent('2020-11-02T08:41:30.447Z', TRANSACTIONAL.trialWelcome, '2020-11-02T08:41:32.019Z')

  sent('2020-11-04T09:00:01.240Z', TIPS, '2020-11-04T09:00:03.711Z')
  emailEvent('Email Opened', '2020-11-04T12:17:45.090Z', TIPS)
  sent('2020-11-05T10:00:02.118Z', NOV1, '2020-11-05T10:00:06.342Z')

  // 9. The spec's last email_sent.
  timeline.addExact('b8be0f1f-e1af-41b8-9f8c-17514f3ccad6', at('2020-11-09T10:10:33.811Z'), 842, {
    type: 'track',
    name: 'Email Sent',
    sendType: 'email',
    properties: props(NOV2),
  })
  emailEvent('Email Delivered', '2020-11-09T10:10:36.205Z', NOV2)

  pages('2020-11-12T15:02:11.000Z', ['/', '/pricing', '/features/journeys', '/customers'])
  pages('2020-11-17T11:24:40.000Z', ['/integrations', '/features/profile-api', '/pricing'])
  pages('2020-11-19T13:21:05.000Z', ['/features/profile-api', '/integrations'])

  // The spec's two opens of the trial welcome email; the later one is his last activity.
  const openContext = { ...OPEN_CONTEXT, traits: { email: JOE.email } }
  for (const [eventId, iso, lag] of [
    ['4b7c99d4-0714-41e0-b285-1ef300634984', '2020-11-19T13:37:50.929Z', 478],
    ['ec717144-924c-4826-981b-848459c39176', '2020-11-19T13:39:17.380Z', 532],
  ] as const) {
    timeline.addExact(eventId, at(iso), lag, {
      type: 'track',
      name: 'Email Opened',
      sendType: 'email',
      context: openContext,
      properties: props(TRANSACTIONAL.trialWelcome),
    })
  }
  // A weekend at Harbour & Pine (the demo site's shop): trail posts read, three products looked at
  // and none bought, the shoes twice. Written last, so the random draws above, and with them the
  // spec's events, stay as they were.
  shopVisit(actor, at('2020-11-14T10:05:00.000Z'), {
    posts: ['/journal/trail-guide', '/journal/wild-camping'],
    products: ['Waxed Field Jacket', 'Trail Running Shoes', 'Wool Beanie'],
  })
  shopVisit(actor, at('2020-11-15T19:40:00.000Z'), {
    posts: ['/journal/coastal-walks'],
    products: ['Trail Running Shoes'],
  })
  return finishCustomer(customer, timeline, ctx.brand, {
    preferences: { email: true, sms: true, whatsapp: false, facebook: false, push: false },
  })
}
