/**
 * @module picker-facts
 * What tells two customers with the same email apart, one short line each: when they were last
 * active, where they are, how many orders they placed, which audiences they are in. Text only;
 * values from Intilery are data (shown through visibleText by the picker).
 */
import {
  createTimeContext,
  type CustomerProfile,
  type LocalizedText,
  type Presentation,
} from '@intilery-connect/core'

import type { Translate } from './i18n.ts'
import { RelayCallError } from './relay-error.ts'

/** One candidate's computed traits as the picker asked for them (orders live there). */
export type ComputedRead = 'loading' | CustomerProfile['computed'] | RelayCallError

export interface PickerFact {
  readonly key: 'active' | 'place' | 'orders' | 'audiences'
  readonly text: string
  /** `warning` when a read failed: shown, never left out silently. */
  readonly tone?: 'warning' | undefined
}

export interface PickerFactOptions {
  readonly t: Translate
  readonly locale: string
  readonly timeZone: string | undefined
  /** Relative times are measured from here (tests fix it); default: now. */
  readonly now?: number | undefined
  /** The tenant's readable audience names (the context's `display.presentation`). */
  readonly audienceNames?: Presentation['audienceNames']
}

/** Audiences named in the picker before "and N more": it is a glance, not the profile. */
const MAX_AUDIENCES = 3
/** The computed trait Intilery keeps the order count in. */
export const ORDERS_TRAIT = 'orders_count'

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

/** A count from a trait that may arrive as a number or as its digits. */
function count(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined
}

/** A per-locale label in the viewer's language, else its base language, else English, else any. */
export function localized(label: LocalizedText, locale: string): string {
  if (typeof label === 'string') return label
  const base = locale.split('-')[0] ?? locale
  return label[locale] ?? label[base] ?? label.en ?? Object.values(label)[0] ?? ''
}

function ordersFact(read: ComputedRead | undefined, t: Translate): PickerFact | undefined {
  if (read === undefined) return undefined
  if (read === 'loading') return { key: 'orders', text: t('common.picker.ordersLoading') }
  if (read instanceof RelayCallError)
    return { key: 'orders', text: t('common.picker.ordersFailed'), tone: 'warning' }
  const orders = count(read[ORDERS_TRAIT])
  return orders === undefined
    ? undefined
    : { key: 'orders', text: t('common.picker.orders', { count: orders }) }
}

export function pickerFacts(
  profile: CustomerProfile,
  computed: ComputedRead | undefined,
  options: PickerFactOptions
): PickerFact[] {
  const { t, locale } = options
  const facts: PickerFact[] = []
  const relative =
    profile.lastActive === undefined
      ? ''
      : createTimeContext({ locale, timeZone: options.timeZone, now: options.now }).instant(
          profile.lastActive
        ).relative
  facts.push({
    key: 'active',
    text:
      relative === '' ? t('common.picker.noActivity') : t('common.picker.lastActive', { relative }),
  })
  const place = [text(profile.traits.city), text(profile.traits.country)].filter(
    (part) => part !== undefined
  )
  if (place.length > 0) facts.push({ key: 'place', text: place.join(', ') })
  const orders = ordersFact(computed, t)
  if (orders !== undefined) facts.push(orders)
  const audiences = [...profile.audiences.dynamic, ...profile.audiences.static].map((audience) => {
    const named = options.audienceNames?.[audience.id]
    return named === undefined ? audience.name : localized(named, locale)
  })
  if (audiences.length > 0) {
    const shown = audiences.slice(0, MAX_AUDIENCES)
    const rest = audiences.length - shown.length
    if (rest > 0) shown.push(t('common.moreCount', { count: rest }))
    const names = new Intl.ListFormat(locale, { type: 'unit', style: 'short' }).format(shown)
    facts.push({ key: 'audiences', text: t('common.picker.audiences', { names }) })
  }
  return facts
}
