/**
 * Builders of realistic events for the timeline tests, shaped like the sandbox's (and Intilery's)
 * stored events: `eventAction` is the key of the name, page/screen/identify calls have fixed names.
 */
import { toEventKey } from '../../event-key.ts'
import type { ProfileEvent } from '../../schemas/event.ts'

let counter = 0
const T0 = Date.UTC(2026, 10, 20, 12, 0, 0)

export interface EventOptions {
  id?: string
  /** ISO text, or minutes after 2026-11-20T12:00Z. */
  at?: string | number
  type?: 'track' | 'page' | 'screen' | 'identify'
  properties?: Record<string, unknown>
  traits?: Record<string, unknown>
  profile?: string
  source?: string
  extra?: Record<string, unknown>
}

export const minutes = (n: number): string => new Date(T0 + n * 60_000).toISOString()

const FIXED: Record<string, string> = {
  page: 'Page Viewed',
  screen: 'Screen Viewed',
  identify: 'Identify',
}

export function event(name: string, options: EventOptions = {}): ProfileEvent {
  counter += 1
  const type = options.type ?? 'track'
  const stored = type === 'track' ? name : (FIXED[type] ?? name)
  const at = typeof options.at === 'string' ? options.at : minutes(options.at ?? counter / 1000)
  return {
    eventId: options.id ?? `e${counter}`,
    eventTime: at,
    receivedTime: at,
    eventAction: toEventKey(stored),
    id: options.profile ?? 'cust-1',
    userId: 'user-1',
    clientId: 'c',
    accountId: 'a',
    brandId: 'b',
    source: options.source ?? 'SEGMENT_API',
    rawData: {
      action: type,
      event: stored,
      userId: 'user-1',
      properties: options.properties ?? {},
      context: {},
      timestamp: at,
      ...(options.traits === undefined ? {} : { traits: options.traits }),
      ...options.extra,
    },
  }
}

export const track = (name: string, properties: Record<string, unknown>, at?: number | string) =>
  event(name, { properties, ...(at === undefined ? {} : { at }) })

export const page = (properties: Record<string, unknown>, at?: number | string) =>
  event('page', { type: 'page', properties, ...(at === undefined ? {} : { at }) })

export const screen = (name: string, at?: number | string) =>
  event('screen', { type: 'screen', properties: { name }, ...(at === undefined ? {} : { at }) })

export const identify = (traits: Record<string, unknown>, at?: number | string, profile?: string) =>
  event('identify', {
    type: 'identify',
    traits,
    ...(at === undefined ? {} : { at }),
    ...(profile === undefined ? {} : { profile }),
  })

/** The hostile strings of the sandbox's special customer. */
export const HOSTILE = {
  img: '<img src=x onerror=alert(1)>',
  script: '<script>alert(1)</script>',
  svg: '"><svg onload=alert(1)>',
  jsUrl: 'javascript:alert(1)',
  template: "{{constructor.constructor('alert(1)')()}}",
  icu: '{count, plural, other {#}} {subject}',
} as const
