/**
 * @module seed/special/quiet
 * Customers with next to nothing to show: imported and never seen, identified once, or seen only as
 * an anonymous visitor. Empty states and sparse profiles must still read well.
 */
import type { CustomerRecord } from '../../store/types.ts'
import { webChannel, type Actor } from '../behaviours/actor.ts'
import { browse } from '../behaviours/browsing.ts'
import { identify } from '../behaviours/identity.ts'
import { finishCustomer, startCustomer, subscriptionIdFor } from '../customer-record.ts'
import { CUSTOMER_IMPORTS, csvCreatedBy } from '../imports.ts'
import { randomFor, type Random } from '../random.ts'
import type { SeedContext } from '../regular-customer.ts'
import { SEEDED } from '../seeded.ts'
import { SHOP } from '../sites.ts'
import { DAY, HOUR, Timeline } from '../timeline.ts'

function quietActor(
  random: Random,
  timeline: Timeline,
  email: string | undefined,
  anonymousId: string | undefined
): Actor {
  return {
    random,
    timeline,
    currency: 'GBP',
    email,
    web: webChannel(random, email, 'en-GB', anonymousId),
    app: undefined,
    favouriteCategories: [],
    emailOptIn: false,
    unsubscribedAt: undefined,
    appInstalled: false,
  }
}

const NAMES = [
  ['Harriet', 'Vane'],
  ['Peter', 'Wimsey'],
  ['Miles', 'Bredon'],
  ['Ida', 'Only'],
  ['Ivo', 'Once'],
] as const

export function quietCustomers(ctx: SeedContext): CustomerRecord[] {
  const vip = CUSTOMER_IMPORTS[0]
  const imported = SEEDED.noEvents.map((c, i) => {
    const random = randomFor(ctx.seed, `special:no-events:${i}`)
    const [firstName, lastName] = NAMES[i] ?? ['Ann', 'Other']
    const customer = startCustomer({
      id: c.id,
      userId: c.userId,
      anonymousIds: [],
      traits: {
        firstName,
        lastName,
        email: c.email,
        externalId: c.userId,
        country: 'United Kingdom',
      },
      audiencesStatic: vip === undefined ? [] : [vip.audience],
      ...(vip === undefined ? {} : { createdBy: csvCreatedBy(vip, ctx.now, random) }),
      subscriptionId: subscriptionIdFor(ctx.brand, random.uuid()),
    })
    return finishCustomer(customer, new Timeline(ctx.now, random), ctx.brand, {
      preferences: { email: i !== 1 },
    })
  })

  const identifiedOnce = SEEDED.identifyOnly.map((c, i) => {
    const random = randomFor(ctx.seed, `special:identify-only:${i}`)
    const timeline = new Timeline(ctx.now, random)
    const [firstName, lastName] = NAMES[i + 3] ?? ['Ann', 'Other']
    const traits = { firstName, lastName, email: c.email }
    const customer = startCustomer({
      id: c.id,
      userId: c.userId,
      anonymousIds: [],
      traits,
      subscriptionId: subscriptionIdFor(ctx.brand, random.uuid()),
    })
    identify(
      quietActor(random, timeline, c.email, undefined),
      timeline.ago(i === 0 ? 6 * HOUR : 100 * DAY),
      { ...traits }
    )
    return finishCustomer(customer, timeline, ctx.brand, { preferences: {} })
  })

  const a = SEEDED.anonymousOnly
  const random = randomFor(ctx.seed, 'special:anonymous-only')
  const timeline = new Timeline(ctx.now, random)
  const actor = quietActor(random, timeline, undefined, a.anonymousId)
  for (const daysAgo of [61, 33, 12, 4])
    browse(actor, timeline.ago(daysAgo * DAY + random.int(0, 12 * HOUR)), {
      site: SHOP,
      morePages: random.int(2, 5),
      experiments: false,
    })
  const anonymous = startCustomer({
    id: a.id,
    userId: undefined,
    anonymousIds: [a.anonymousId],
    traits: {},
    subscriptionId: subscriptionIdFor(ctx.brand, random.uuid()),
  })
  return [
    ...imported,
    ...identifiedOnce,
    finishCustomer(anonymous, timeline, ctx.brand, { preferences: {} }),
  ]
}
