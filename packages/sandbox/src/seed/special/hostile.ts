/**
 * @module seed/special/hostile
 * A customer made of attack strings: everywhere a UI might render, template, link or query data,
 * there is a payload. Anything that renders it as markup, evaluates it, or follows its links is
 * broken; it must appear as the literal text below.
 */
import type { CustomerRecord } from '../../store/types.ts'
import type { Actor } from '../behaviours/actor.ts'
import { SHOP_ORIGIN } from '../catalog.ts'
import { DAY, HOUR, MINUTE, SECOND } from '../timeline.ts'
import { regularCustomer, type SeedContext } from '../regular-customer.ts'
import { SEEDED } from '../seeded.ts'

export const PAYLOADS = {
  img: '<img src=x onerror=alert(1)>',
  script: '<script>alert(1)</script>',
  svg: '"><svg onload=alert(1)>',
  jsUrl: 'javascript:alert(1)',
  template: "{{constructor.constructor('alert(1)')()}}",
  sql: "'; DROP TABLE customers; --",
  rtl: 'invoice\u202Efdp.exe',
  // Isolates and embeddings, the other bidi controls: each must show as U+FFFD wherever it goes.
  isolate:
    'x\u2067evil\u2069 \u2066y\u2069 \u202Bz\u202C \u202Aw\u202C \u2068v\u2069 \u202Du\u202C',
  zeroWidth: 'ad\u200Bmi\u200Cn\u200D\uFEFF',
} as const

const P = PAYLOADS

function hostileEvents(actor: Actor): void {
  const { timeline, random } = actor
  let ms = timeline.ago(3 * DAY + 5 * HOUR)
  const next = (gap = random.int(20 * SECOND, 4 * MINUTE)) => (ms += gap)
  const web = () => ({ anonymousId: actor.web.anonymousId, context: actor.web.context() })
  const track = (name: string, properties: Record<string, unknown>, sendType?: string) =>
    timeline.add(next(), {
      type: 'track',
      name,
      properties,
      ...web(),
      ...(sendType === undefined ? {} : { sendType }),
    })

  const email = { email_id: P.svg, email_subject: P.img, campaign_id: P.sql }
  track('Email Sent', email, 'email')
  track('Email Delivered', email, 'email')
  track('Email Opened', { ...email, email_subject: P.svg }, 'email')
  track('Email Clicked', { ...email, link: P.script, url: P.jsUrl }, 'email')
  timeline.add(next(), {
    type: 'page',
    ...web(),
    properties: { url: P.jsUrl, path: `/${P.script}`, title: P.script, referrer: P.svg },
  })
  timeline.add(next(), {
    type: 'page',
    ...web(),
    properties: {
      url: `${SHOP_ORIGIN}/search?q=${P.img}&next=${P.jsUrl}`,
      path: '/search',
      title: `${P.svg} ${P.rtl}`,
      referrer: `https://evil.example/?q=${P.script}`,
    },
  })
  track(P.img, {
    [P.img]: P.script,
    [P.sql]: "1' OR '1'='1",
    template: P.template,
    rtl: P.rtl,
    zeroWidth: P.zeroWidth,
    href: P.jsUrl,
    constructor: 'not a function',
    // Parsed from JSON, `__proto__` is an own key, as it would be in a real payload.
    ...(JSON.parse('{"__proto__": {"polluted": "yes"}}') as Record<string, unknown>),
    nested: { [P.svg]: [P.img, { [P.script]: P.template }] },
  })
  track(P.template, { value: P.template })
  track('Form Submitted', { form_id: P.svg, form_name: P.sql, page_url: P.jsUrl })
  for (let i = 0; i < 3; i += 1) {
    track('Product Viewed', {
      product_id: P.sql,
      sku: P.zeroWidth,
      name: P.img,
      category: P.svg,
      price: 9.99,
      currency: 'GBP',
      url: P.jsUrl,
    })
  }
  timeline.add(next(), { type: 'screen', ...web(), properties: { name: P.svg } })
  timeline.add(next(), {
    type: 'identify',
    ...web(),
    traits: { firstName: P.img, lastName: P.script, [P.template]: P.sql },
  })
}

export function hostileCustomer(ctx: SeedContext): CustomerRecord {
  const h = SEEDED.hostile
  return regularCustomer(ctx, {
    label: 'special:hostile',
    kind: 'browser',
    persona: { firstSeenAgo: 40 * DAY, lastSeenAgo: DAY, emailOptIn: true },
    fixed: {
      id: h.id,
      userId: h.userId,
      email: h.email,
      firstName: P.img,
      lastName: P.script,
      countryCode: 'GB',
    },
    csv: { filename: `${P.img}.csv`, agoMs: 41 * DAY, audience: `audience_${P.img}` },
    traits: {
      organisation: P.svg,
      website: P.jsUrl,
      industry: P.template,
      city: P.sql,
      jobTitle: P.rtl,
      company: P.isolate,
      nickname: P.zeroWidth,
      [P.script]: P.img,
      notes: '${7*7} #{7*7} <%= 7*7 %> %s%s%s%n',
    },
    extra: hostileEvents,
    finish: {
      // churn_risk is a default header fact: the isolates reach every panel's header.
      extraComputed: {
        [P.script]: P.template,
        xss_note: P.svg,
        [P.sql]: P.rtl,
        churn_risk: P.isolate,
      },
      extraAudiences: [`audience_${P.svg}`],
    },
  })
}
