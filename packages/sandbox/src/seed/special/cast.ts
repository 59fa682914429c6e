/**
 * @module seed/special/cast
 * Special customers whose behaviour is ordinary but whose identity is pinned: the shared-email pair,
 * the unicode names, and the power user with thousands of events.
 */
import type { CustomerRecord } from '../../store/types.ts'
import { regularCustomer, type SeedContext } from '../regular-customer.ts'
import { SEEDED } from '../seeded.ts'
import { DAY, MINUTE, WINDOW_MS } from '../timeline.ts'

export function sharedEmailPair(ctx: SeedContext): CustomerRecord[] {
  return SEEDED.sharedEmailProfiles.map((p, i) =>
    regularCustomer(ctx, {
      label: `special:shared-email:${i}`,
      kind: 'shopper',
      persona: {
        firstSeenAgo: (120 - i * 50) * DAY,
        lastSeenAgo: (3 + i * 4) * DAY,
        emailOptIn: true,
      },
      fixed: {
        id: p.id,
        userId: p.userId,
        email: p.email,
        firstName: p.firstName,
        lastName: p.lastName,
        countryCode: 'GB',
      },
    })
  )
}

export function unicodeCustomers(ctx: SeedContext): CustomerRecord[] {
  return [SEEDED.unicode, ...SEEDED.unicodeCast].map((c, i) =>
    regularCustomer(ctx, {
      label: `special:unicode:${i}`,
      kind: i % 3 === 2 ? 'app-shopper' : 'shopper',
      persona: { lastSeenAgo: (1 + i * 2) * DAY },
      fixed: {
        id: c.id,
        userId: c.userId,
        email: c.email,
        firstName: c.firstName,
        lastName: c.lastName,
        countryCode: 'countryCode' in c ? c.countryCode : 'TR',
      },
    })
  )
}

/** Visits nearly every day of the window, mostly in the app, and reads most emails. */
export function powerUser(ctx: SeedContext): CustomerRecord {
  const c = SEEDED.powerUser
  return regularCustomer(ctx, {
    label: 'special:power-user',
    kind: 'app-shopper',
    persona: {
      firstSeenAgo: WINDOW_MS - DAY,
      lastSeenAgo: 25 * MINUTE,
      visitsPerWeek: 26,
      usesApp: true,
      emailOptIn: true,
      engagement: 0.75,
      intent: { addToCart: 0.35, purchase: 0.5 },
    },
    fixed: {
      id: c.id,
      userId: c.userId,
      email: c.email,
      firstName: 'Priya',
      lastName: 'Patel',
      countryCode: 'GB',
    },
    audiencesStatic: ['audience_beta_testers'],
  })
}
