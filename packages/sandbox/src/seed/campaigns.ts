/**
 * @module seed/campaigns
 * The emails the brand sends: a weekly shop newsletter, a fortnightly B2B programme (including the
 * spec's FreeTrialEshot and Nov2 at the spec's times) and transactional templates. A campaign goes
 * out at one moment to everyone it targets, as real sends do, so many customers share email ids.
 */
import { SHOP_ORIGIN } from './catalog.ts'
import { stableUuid } from './random.ts'
import { specAgo } from './spec-times.ts'
import { DAY, HOUR, WINDOW_DAYS } from './timeline.ts'

export interface EmailLink {
  readonly link: string
  readonly url: string
}

export interface EmailContent {
  readonly email_id: string
  readonly email_subject: string
  readonly campaign_id: string
  readonly links: readonly EmailLink[]
}

export type CampaignAudience = 'shop' | 'b2b'

export interface Campaign extends EmailContent {
  readonly audience: CampaignAudience
  /** When it was sent, as a distance before `now`. */
  readonly agoMs: number
}

export const INTILERY_ORIGIN = 'https://www.intilery.com'

const shopLink = (link: string, path: string, campaign: string): EmailLink => ({
  link,
  url: `${SHOP_ORIGIN}${path}?utm_source=email&utm_medium=newsletter&utm_campaign=${campaign}`,
})
const siteLink = (link: string, path: string, campaign: string): EmailLink => ({
  link,
  url: `${INTILERY_ORIGIN}${path}?utm_source=intilery&utm_medium=email&utm_campaign=${campaign}`,
})

type Template = readonly [
  id: string,
  subject: string,
  links: readonly (readonly [string, string])[],
]

const SHOP_TEMPLATES: readonly Template[] = [
  [
    'NEW_ARRIVALS',
    'New in: linen for warmer days',
    [
      ['Shop new arrivals', '/collections/apparel'],
      ['See the lookbook', '/journal/lookbook'],
    ],
  ],
  [
    'WEEKEND_SALE',
    '20% off this weekend only',
    [
      ['Shop the sale', '/sale'],
      ['Kitchen offers', '/collections/kitchen'],
    ],
  ],
  [
    'FREE_DELIVERY',
    'Free delivery on everything — 48 hours',
    [
      ['Start shopping', '/'],
      ['Delivery info', '/help/delivery'],
    ],
  ],
  [
    'HOME_EDIT',
    'The Home Edit: slow mornings',
    [
      ['Shop home', '/collections/home'],
      ['Read the journal', '/journal/slow-mornings'],
    ],
  ],
  ['BACK_IN_STOCK', 'Back in stock: your favourites', [['Shop now', '/collections/footwear']]],
  [
    'OUTDOOR_READY',
    'Get outside: kit for the weekend',
    [
      ['Shop outdoors', '/collections/outdoors'],
      ['Trail guide', '/journal/trail-guide'],
    ],
  ],
  ['BEAUTY_RITUALS', 'Five-minute rituals for busy days', [['Shop beauty', '/collections/beauty']]],
  ['TECH_PICKS', 'Our team’s tech picks', [['Shop electronics', '/collections/electronics']]],
  [
    'MEMBERS_PREVIEW',
    'Members get early access',
    [
      ['Preview the collection', '/members'],
      ['Your account', '/account'],
    ],
  ],
  [
    'GIFT_GUIDE',
    'Gifts they’ll actually use',
    [
      ['Gift guide', '/journal/gift-guide'],
      ['Gifts under £30', '/collections/accessories'],
    ],
  ],
]

const B2B_TEMPLATES: readonly Template[] = [
  [
    'INSIDER',
    'Intilery Insider: what’s new this month',
    [
      ['Read the update', '/blog/product-update'],
      ['See pricing', '/pricing'],
    ],
  ],
  ['WEBINAR_CDP101', 'Join our CDP 101 webinar', [['Save your seat', '/webinars/cdp-101']]],
  [
    'CASE_STUDY',
    'How a retailer grew repeat orders by 31%',
    [['Read the case study', '/customers/retail-case-study']],
  ],
  [
    'JOURNEYS_LAUNCH',
    'Journeys: orchestrate every channel',
    [
      ['Explore Journeys', '/features/journeys'],
      ['Book a demo', '/demo'],
    ],
  ],
  ['FreeTrialReminder', 'Your free trial is waiting', [['Start your free trial', '/free-trial']]],
]

/** The spec's own B2B sends, at the spec's times. */
export const FREE_TRIAL_ESHOT: Campaign = {
  audience: 'b2b',
  agoMs: specAgo('2020-10-20T13:49:41.697Z'),
  email_id: '6adec8ad-3663-4c53-b02d-67d69de6da91',
  email_subject: 'Everyone loves a freebie',
  campaign_id: 'FreeTrialEshot',
  links: [
    siteLink('Claim your free trial', '/free-trial', 'FreeTrialEshot'),
    siteLink('See pricing', '/pricing', 'FreeTrialEshot'),
  ],
}
export const NOV2: Campaign = {
  audience: 'b2b',
  agoMs: specAgo('2020-11-09T10:10:33.811Z'),
  email_id: 'd67f6825-c560-4186-a2b6-516557e7151e',
  email_subject: 'Everything you need, in one place',
  campaign_id: 'Nov2',
  links: [
    siteLink('See the platform', '/features', 'Nov2'),
    siteLink('Book a demo', '/demo', 'Nov2'),
  ],
}

function schedule(
  audience: CampaignAudience,
  templates: readonly Template[],
  everyDays: number,
  firstAgoDays: number,
  link: typeof shopLink
): Campaign[] {
  const out: Campaign[] = []
  for (let n = 0, agoDays = firstAgoDays; agoDays > 1; n += 1, agoDays -= everyDays) {
    const template = templates[n % templates.length]
    if (template === undefined) continue
    const [id, subject, links] = template
    const campaign_id = `${id}_${String(n + 1).padStart(2, '0')}`
    out.push({
      audience,
      // Morning sends, a little later each time so sends never share a moment.
      agoMs: Math.round(agoDays * DAY + (n % 5) * HOUR),
      email_id: stableUuid(`email:${campaign_id}`),
      email_subject: subject,
      campaign_id,
      links: links.map(([text, path]) => link(text, path, campaign_id)),
    })
  }
  return out
}

/** Every campaign send of the window, oldest first. */
export const CAMPAIGNS: readonly Campaign[] = [
  ...schedule('shop', SHOP_TEMPLATES, 6.5, WINDOW_DAYS - 2, shopLink),
  ...schedule('b2b', B2B_TEMPLATES, 15, WINDOW_DAYS - 5, siteLink),
  FREE_TRIAL_ESHOT,
  NOV2,
].sort((a, b) => b.agoMs - a.agoMs)

function transactional(
  campaign_id: string,
  email_subject: string,
  links: readonly EmailLink[] = []
): EmailContent {
  return { email_id: stableUuid(`email:${campaign_id}`), email_subject, campaign_id, links }
}

/** Triggered emails: sent because of something the customer did, consent or not. */
export const TRANSACTIONAL = {
  welcome: transactional('WELCOME', 'Welcome to Harbour & Pine', [
    shopLink('Start shopping', '/', 'WELCOME'),
  ]),
  orderConfirmation: transactional('ORDER_CONFIRMATION', 'Thanks for your order', [
    shopLink('Track your order', '/account/orders', 'ORDER_CONFIRMATION'),
  ]),
  cartReminder: transactional('CART_REMINDER', 'You left something in your basket', [
    shopLink('Back to your basket', '/cart', 'CART_REMINDER'),
  ]),
  refund: transactional('REFUND_ISSUED', 'Your refund is on its way'),
  trialWelcome: {
    email_id: '41937e92-b472-46ae-94e3-f29cc05cda5d',
    email_subject: 'Thanks for requesting an Intilery trial',
    campaign_id: 'TRIAL_WELCOME',
    links: [
      siteLink('Log in to your trial', '/app/login', 'TRIAL_WELCOME'),
      siteLink('Getting started guide', '/docs/getting-started', 'TRIAL_WELCOME'),
    ],
  },
  webinarConfirmation: transactional('WEBINAR_CONFIRMATION', 'You’re registered: CDP 101', [
    siteLink('Add to calendar', '/webinars/cdp-101/calendar', 'WEBINAR_CONFIRMATION'),
  ]),
} as const satisfies Record<string, EmailContent>
