/**
 * @module format/trait-value
 * Trait values are whatever the brand tracked: strings, numbers, booleans, lists, objects. Each
 * becomes one line of text for the card: scalars via the locale, lists via Intl.ListFormat, objects
 * as their JSON (data, shown verbatim and truncated). Empty values give `undefined`: no row at all
 * reads better in a narrow sidebar than a row with nothing in it.
 */
import { truncate } from '../i18n/format-value.ts'
import { listFormat } from '../i18n/intl-cache.ts'
import type { Translator } from '../i18n/locale.ts'

const MAX_ITEMS = 50

function json(value: unknown): string {
  try {
    return JSON.stringify(value) ?? ''
  } catch {
    // Profiles arrive as JSON so this cannot happen with real data; a cycle must still not throw.
    return ''
  }
}

function scalar(value: unknown, tr: Translator): string | undefined {
  if (value === null || value === undefined) return undefined
  if (typeof value === 'string') return value.trim() === '' ? undefined : value
  if (typeof value === 'number' || typeof value === 'boolean') return tr.value(value)
  if (typeof value === 'object') {
    const text = json(value)
    return text === '' || text === '{}' || text === '[]' ? undefined : text
  }
  return undefined
}

/** The text of one trait value, or undefined when there is nothing to show. */
export function formatTraitValue(
  value: unknown,
  tr: Translator,
  maxLength: number
): string | undefined {
  if (Array.isArray(value)) {
    // A list longer than a card can show is cut before formatting: joining 10,000 items to keep 300
    // characters would waste the time the whole card has.
    const items = value
      .slice(0, MAX_ITEMS)
      .map((item) => scalar(item, tr))
      .filter((item): item is string => item !== undefined)
    if (items.length === 0) return undefined
    if (value.length > MAX_ITEMS)
      items.push(tr.t('common.moreCount', { count: value.length - MAX_ITEMS }))
    return truncate(listFormat(tr.intlLocale).format(items), maxLength)
  }
  const text = scalar(value, tr)
  return text === undefined ? undefined : truncate(text, maxLength)
}
