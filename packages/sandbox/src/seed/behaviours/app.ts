/**
 * @module seed/behaviours/app
 * Mobile app sessions: installed once, then opened, a few screens, sometimes shopping, and sent to
 * the background.
 */
import { SECOND } from '../timeline.ts'
import type { Actor, Channel } from './actor.ts'
import { shoppingVisit, type ShoppingIntent } from './shopping.ts'

const SCREENS: readonly string[] = [
  'Home',
  'Search',
  'Product Detail',
  'Basket',
  'Orders',
  'Account',
  'Offers',
  'Wishlist',
  'Settings',
  'Store Finder',
]

function appEvent(
  actor: Actor,
  app: Channel,
  ms: number,
  draft: { type: 'track' | 'screen'; name?: string; properties: Record<string, unknown> }
): boolean {
  return actor.timeline.add(ms, { ...draft, anonymousId: app.anonymousId, context: app.context() })
}

function appInfo(app: Channel): Record<string, unknown> {
  const info = app.context().app
  return typeof info === 'object' && info !== null ? { ...info } : {}
}

/** One app session; returns the time it went to the background. */
export function appSession(
  actor: Actor,
  startMs: number,
  intent: ShoppingIntent | undefined
): number {
  const { app, random } = actor
  if (app === undefined) return startMs
  const { version, build } = appInfo(app)
  let ms = startMs
  if (!actor.appInstalled) {
    if (
      !appEvent(actor, app, ms, {
        type: 'track',
        name: 'Application Installed',
        properties: { version, build },
      })
    )
      return ms
    actor.appInstalled = true
    ms += random.int(2 * SECOND, 20 * SECOND)
  }
  const fromBackground = random.chance(0.4)
  if (
    !appEvent(actor, app, ms, {
      type: 'track',
      name: 'Application Opened',
      properties: { version, build, from_background: fromBackground },
    })
  )
    return ms
  for (let i = random.int(1, 5); i > 0; i -= 1) {
    ms += random.int(4 * SECOND, 100 * SECOND)
    if (!appEvent(actor, app, ms, { type: 'screen', properties: { name: random.pick(SCREENS) } }))
      return ms
  }
  if (intent !== undefined && random.chance(0.45)) {
    shoppingVisit(actor, ms + random.int(3 * SECOND, 30 * SECOND), intent, app)
    ms += 10 * 60 * SECOND
  }
  ms += random.int(5 * SECOND, 3 * 60 * SECOND)
  appEvent(actor, app, ms, { type: 'track', name: 'Application Backgrounded', properties: {} })
  return ms
}
