import { beforeAll, describe, expect, it } from 'vitest'

import { formatTimeline } from '../format/format-timeline.ts'
import { loadLocale } from '../i18n/index.ts'
import { eventKeysForText, standardEvents, type SearchCandidate } from './event-search.ts'

/** The standard events with their name, key and title as a viewer in `locale` sees it. */
function candidates(locale: string): SearchCandidate[] {
  const events = standardEvents()
  const titles = formatTimeline(
    events.map((e) => e.entry),
    { locale, timeZone: 'UTC', now: 0 }
  )
  return events.map((e, i) => ({ key: e.key, texts: [e.key, e.name, titles[i]?.title ?? ''] }))
}

describe('event keys for typed text', () => {
  beforeAll(async () => {
    await loadLocale('ja')
    await loadLocale('de')
  })

  it.each([
    ['an event name, any case', 'ORDER completed', 'order_completed'],
    ['an event key', 'order_completed', 'order_completed'],
    ['words of the name in another order', 'opened email', 'email_opened'],
    ['a displayed title', 'Opened an email', 'email_opened'],
    ['a piece of a title with its quotes', '“order', 'order_completed'],
  ])('finds a standard event by %s', (_label, typed, key) => {
    expect(eventKeysForText(typed, candidates('en'))).toContain(key)
  })

  it('finds titles in the viewer’s language, Japanese included (no spaces)', () => {
    expect(eventKeysForText('開封', candidates('ja'))).toContain('email_opened')
    expect(eventKeysForText('geöffnet', candidates('de'))).toContain('email_opened')
  })

  it('always sends the typed text itself as a key, last, and nothing for blank text', () => {
    const keys = eventKeysForText('Trial Started', candidates('en'))
    expect(keys).toEqual(['trial_started'])
    expect(eventKeysForText('  ', candidates('en'))).toEqual([])
    const custom = [{ key: 'webinar_joined', texts: ['Joined the spring webinar'] }]
    expect(eventKeysForText('webinar', custom)).toEqual(['webinar_joined', 'webinar'])
  })

  it('does not match what the text does not say', () => {
    const keys = eventKeysForText('order completed', candidates('en'))
    expect(keys).not.toContain('email_opened')
    expect(keys).not.toContain('product_viewed')
  })
})
