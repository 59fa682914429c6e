/**
 * @module seed/special/long-values
 * A customer whose values are too big to show whole: a 5,000-character trait, a 2,000-character page
 * title, a deeply nested property and a 300-item array. Layouts must truncate or wrap, not break.
 */
import type { CustomerRecord } from '../../store/types.ts'
import type { Actor } from '../behaviours/actor.ts'
import { CATALOG, SHOP_ORIGIN } from '../catalog.ts'
import { DAY, HOUR, MINUTE } from '../timeline.ts'
import { regularCustomer, type SeedContext } from '../regular-customer.ts'
import { SEEDED } from '../seeded.ts'

export const LONG = {
  traitLength: 5_000,
  titleLength: 2_000,
  nestingDepth: 50,
  arrayLength: 300,
} as const

function filler(length: number, phrase: string): string {
  return phrase.repeat(Math.ceil(length / phrase.length)).slice(0, length)
}

export const LONG_BIO = filler(
  LONG.traitLength,
  'Long-standing customer who writes very detailed delivery instructions. '
)
export const LONG_TITLE = filler(
  LONG.titleLength,
  'The extraordinarily long page title nobody shortened | '
)

export function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true, depth }
  for (let level = depth - 1; level >= 1; level -= 1) value = { level, child: value }
  return value
}

function longEvents(actor: Actor): void {
  const { timeline } = actor
  const ms = timeline.ago(2 * DAY + 7 * HOUR)
  const web = { anonymousId: actor.web.anonymousId, context: actor.web.context() }
  timeline.add(ms, {
    type: 'page',
    ...web,
    properties: {
      url: `${SHOP_ORIGIN}/journal/long-read?${filler(1_500, 'utm_term=very-long-value&')}`,
      path: '/journal/long-read',
      title: LONG_TITLE,
      referrer: '',
    },
  })
  timeline.add(ms + 3 * MINUTE, {
    type: 'track',
    name: 'Wishlist Exported',
    ...web,
    properties: {
      format: 'json',
      settings: nested(LONG.nestingDepth),
      items: Array.from({ length: LONG.arrayLength }, (_, i) => {
        const product = CATALOG[i % CATALOG.length]
        return { position: i + 1, product_id: product?.product_id, name: product?.name }
      }),
    },
  })
  timeline.add(ms + 5 * MINUTE, { type: 'identify', ...web, traits: { bio: LONG_BIO } })
}

export function longValuesCustomer(ctx: SeedContext): CustomerRecord {
  const c = SEEDED.longValues
  return regularCustomer(ctx, {
    label: 'special:long-values',
    kind: 'shopper',
    persona: { firstSeenAgo: 90 * DAY, lastSeenAgo: 2 * DAY },
    fixed: {
      id: c.id,
      userId: c.userId,
      email: c.email,
      firstName: 'Maximiliana-Alexandrina',
      lastName: filler(120, 'Featherstonehaugh-'),
      countryCode: 'GB',
    },
    traits: { bio: LONG_BIO, tags: Array.from({ length: 120 }, (_, i) => `tag-${i + 1}`) },
    extra: longEvents,
    finish: { extraComputed: { long_note: filler(1_000, 'computed trait text ') } },
  })
}
