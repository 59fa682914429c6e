/**
 * @module seed/persona
 * The kinds of customer a brand has, and how active each is. A persona decides the mix of visits,
 * how often they come back, whether they read email and when they stopped coming (dormant ones).
 */
import type { ShoppingIntent } from './behaviours/shopping.ts'
import type { Random } from './random.ts'
import { DAY, WINDOW_DAYS } from './timeline.ts'

export type PersonaKind =
  'shopper' | 'app-shopper' | 'browser' | 'lead' | 'newsletter' | 'dormant' | 'anonymous'

export type VisitKind = 'shop' | 'browse' | 'app' | 'b2b'

export interface Persona {
  readonly kind: PersonaKind
  /** First activity, as a distance before now. */
  readonly firstSeenAgo: number
  /** Activity stops here (dormant customers stopped long ago). */
  readonly lastSeenAgo: number
  readonly visitsPerWeek: number
  readonly visitMix: readonly (readonly [VisitKind, number])[]
  /** Chance of opening an email. */
  readonly engagement: number
  readonly intent: ShoppingIntent
  readonly usesApp: boolean
  readonly b2b: boolean
  readonly anonymous: boolean
  readonly emailOptIn: boolean
}

const KINDS: readonly (readonly [PersonaKind, number])[] = [
  ['shopper', 34],
  ['app-shopper', 11],
  ['browser', 10],
  ['lead', 14],
  ['newsletter', 12],
  ['dormant', 10],
  ['anonymous', 9],
]

export function choosePersona(random: Random, kind: PersonaKind = random.weighted(KINDS)): Persona {
  // Older customers are more common than brand-new ones: sqrt skews towards the far end.
  const firstSeenDays = 2 + (WINDOW_DAYS - 3) * Math.sqrt(random.next())
  const firstSeenAgo = Math.round(firstSeenDays * DAY)
  const recentAgo = Math.min(firstSeenAgo, random.expMs(5 * DAY, 40 * DAY))
  const dormantAgo = Math.min(firstSeenAgo, random.int(55 * DAY, 150 * DAY))
  const base = {
    kind,
    firstSeenAgo,
    lastSeenAgo: kind === 'dormant' ? dormantAgo : recentAgo,
    engagement: 0.15 + random.next() * 0.5,
    intent: { addToCart: 0.25 + random.next() * 0.2, purchase: 0.4 + random.next() * 0.3 },
    usesApp: kind === 'app-shopper' || (kind === 'shopper' && random.chance(0.25)),
    b2b: kind === 'lead',
    anonymous: kind === 'anonymous',
    emailOptIn: kind !== 'anonymous' && random.chance(kind === 'newsletter' ? 1 : 0.8),
  }
  switch (kind) {
    case 'shopper':
    case 'dormant':
      return {
        ...base,
        visitsPerWeek: 0.2 + random.next() * 0.5,
        visitMix: [
          ['shop', 6],
          ['browse', 3],
          ['app', base.usesApp ? 3 : 0],
        ],
      }
    case 'app-shopper':
      return {
        ...base,
        visitsPerWeek: 0.5 + random.next() * 0.9,
        visitMix: [
          ['app', 8],
          ['shop', 1],
          ['browse', 1],
        ],
      }
    case 'browser':
      return {
        ...base,
        visitsPerWeek: 0.15 + random.next() * 0.35,
        visitMix: [
          ['browse', 7],
          ['shop', 2],
        ],
        intent: { addToCart: 0.1, purchase: 0.25 },
      }
    case 'lead':
      return {
        ...base,
        visitsPerWeek: 0.15 + random.next() * 0.35,
        visitMix: [
          ['b2b', 9],
          ['shop', 1],
        ],
      }
    case 'newsletter':
      return {
        ...base,
        visitsPerWeek: 0.05 + random.next() * 0.1,
        visitMix: [
          ['shop', 1],
          ['browse', 1],
        ],
        engagement: 0.3 + random.next() * 0.5,
      }
    case 'anonymous':
      return {
        ...base,
        visitsPerWeek: 0.15 + random.next() * 0.5,
        visitMix: [
          ['browse', 3],
          ['shop', 2],
        ],
        emailOptIn: false,
      }
  }
}
