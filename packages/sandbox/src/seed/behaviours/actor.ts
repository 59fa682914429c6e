/**
 * @module seed/behaviours/actor
 * What every behaviour needs to know about the customer it writes events for: their random stream,
 * timeline, devices, currency and email consent.
 */
import type { Currency } from '../catalog.ts'
import type { Random } from '../random.ts'
import type { Timeline } from '../timeline.ts'

/** A device or browser the customer uses: its anonymous id and the context its events carry. */
export interface Channel {
  readonly anonymousId: string | undefined
  /** A fresh object each call, so no two events share (and could mutate) one context. */
  context(): Record<string, unknown>
}

export interface Actor {
  readonly random: Random
  readonly timeline: Timeline
  readonly currency: Currency
  readonly email: string | undefined
  readonly web: Channel
  readonly app: Channel | undefined
  /** Categories this customer leans to, so `favorite_category` reflects something real. */
  readonly favouriteCategories: readonly string[]
  /** Whether the customer ever agreed to marketing email. */
  readonly emailOptIn: boolean
  /** Set when they unsubscribe: no marketing email after it. */
  unsubscribedAt: number | undefined
  appInstalled: boolean
}

/** May this customer be sent marketing email at `ms`? */
export function marketingAllowed(actor: Actor, ms: number): boolean {
  return (
    actor.email !== undefined &&
    actor.emailOptIn &&
    (actor.unsubscribedAt === undefined || ms < actor.unsubscribedAt)
  )
}

/** Records one track event from `channel` (web or app); returns whether it landed in the window. */
export function trackOn(
  actor: Actor,
  channel: Channel,
  ms: number,
  name: string,
  properties: Record<string, unknown>
): boolean {
  return actor.timeline.add(ms, {
    type: 'track',
    name,
    anonymousId: channel.anonymousId,
    context: channel.context(),
    properties,
  })
}

const BROWSERS: readonly string[] = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36',
]

const DEVICES: readonly (readonly [
  manufacturer: string,
  model: string,
  os: string,
  osVersion: string,
])[] = [
  ['Apple', 'iPhone15,2', 'iOS', '17.4.1'],
  ['Apple', 'iPhone13,1', 'iOS', '16.7.2'],
  ['Google', 'Pixel 8', 'Android', '14'],
  ['Samsung', 'SM-S911B', 'Android', '14'],
  ['Samsung', 'SM-A536B', 'Android', '13'],
]

function ipOf(random: Random): string {
  return `${random.int(31, 217)}.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`
}

export function webChannel(
  random: Random,
  email: string | undefined,
  locale: string,
  anonymousId: string | undefined
): Channel {
  const ip = ipOf(random)
  const userAgent = random.pick(BROWSERS)
  // Literal objects, not spreads: this runs for most events of the dataset.
  const context =
    email === undefined
      ? () => ({ ip, user_agent: userAgent, locale })
      : () => ({ ip, user_agent: userAgent, locale, traits: { email } })
  return { anonymousId, context }
}

export function appChannel(
  random: Random,
  email: string | undefined,
  locale: string,
  anonymousId: string
): Channel {
  const ip = ipOf(random)
  const [manufacturer, model, os, osVersion] = random.pick(DEVICES)
  const version = random.pick(['4.1.0', '4.2.1', '4.3.0'])
  const build = version.replaceAll('.', '')
  const type = os === 'iOS' ? 'ios' : 'android'
  return {
    anonymousId,
    context: () => ({
      ip,
      locale,
      app: { name: 'Harbour & Pine', version, build },
      device: { manufacturer, model, type },
      os: { name: os, version: osVersion },
      ...(email === undefined ? {} : { traits: { email } }),
    }),
  }
}
