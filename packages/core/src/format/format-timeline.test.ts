import { describe, expect, it, vi } from 'vitest'

import { SUPPORTED_LOCALES } from '../i18n/catalogues/index.ts'
import { createTranslator, t } from '../i18n/locale.ts'
import { date, message } from '../i18n/message.ts'
import type * as HumanizeKey from '../presentation/humanize-key.ts'
import type { TimelineEntry } from '../timeline/timeline-entry.ts'
import { formatTimeline, formatTimelineEntry, type FormattedEntry } from './format-timeline.ts'
import { entry, HOSTILE, joeTimeline, NOW, ZONE, loadAllLocales } from './test/fixtures.ts'

// The real humanizeKey, counted: data labels are humanised once per pass, not once per row.
const humanized = vi.hoisted(() => ({ calls: 0 }))
vi.mock('../presentation/humanize-key.ts', async (real) => {
  const actual = await real<typeof HumanizeKey>()
  return {
    ...actual,
    humanizeKey: (...args: Parameters<typeof actual.humanizeKey>) => {
      humanized.calls++
      return actual.humanizeKey(...args)
    },
  }
})

await loadAllLocales()

/** Every string in a formatted value, nested ones included. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(strings)
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings)
  return []
}

const MESSAGE_ID = /^(common|profile|timeline)\.[A-Za-z]/

describe('formatTimeline in English', () => {
  const rows = formatTimeline(joeTimeline(), { locale: 'en', timeZone: ZONE, now: NOW })

  it('formats title, details, times and day headings (reviewed)', () => {
    const [opened, , order] = rows
    expect(opened).toEqual({
      id: 'evt-1',
      kind: 'email',
      at: '2026-11-22T11:58:30.000Z',
      title: 'Opened “Your order has shipped”',
      details: [{ label: 'Campaign', value: 'SHIPPING' }],
      time: 'Nov 22, 2026, 12:58 PM',
      relative: '1 minute ago',
      day: '2026-11-22',
      dayLabel: 'Today',
    })
    expect(order).toMatchObject({
      title: 'Placed an order: €1,234.50',
      details: [
        { label: 'Items', value: '3' },
        { label: 'Gift wrap', value: 'Yes' },
        { label: 'Coupon', value: HOSTILE.html },
      ],
      time: 'Nov 21, 2026, 9:15 PM',
      relative: '15 hours ago',
      day: '2026-11-21',
      dayLabel: 'Yesterday',
    })
    expect(rows.map((row) => [row.relative, row.dayLabel])).toEqual([
      ['1 minute ago', 'Today'],
      ['2 hours ago', 'Today'],
      ['15 hours ago', 'Yesterday'],
      ['2 days ago', 'Fri, Nov 20'],
      ['last week', 'Thu, Nov 12'],
      ['last month', 'Thu, Oct 1'],
      ['last year', 'Sun, Jun 1, 2025'],
      ['2 years ago', 'Fri, Jan 5, 2024'],
    ])
  })

  it('keeps the order of the entries', () => {
    expect(rows.map((row) => [row.kind, row.at])).toEqual(joeTimeline().map((e) => [e.kind, e.at]))
  })

  it('formats a burst and each of its items like a row', () => {
    const burst = rows[1]
    expect(burst?.title).toBe('Viewed 3 pages, from /pricing')
    expect(burst?.burst?.count).toBe(3)
    expect(burst?.burst?.items.map((item) => [item.title, item.details, item.relative])).toEqual([
      ['Viewed /pricing/0', [{ label: 'Path', value: '/pricing/0' }], '2 hours ago'],
      ['Viewed /pricing/1', [{ label: 'Path', value: '/pricing/1' }], '2 hours ago'],
      ['Viewed /pricing/2', [{ label: 'Path', value: '/pricing/2' }], '2 hours ago'],
    ])
    expect(rows[0]).not.toHaveProperty('burst')
  })

  it('shows labels and values from the data verbatim: no markup added, none removed', () => {
    const custom = rows[6]
    expect(custom?.title).toBe(HOSTILE.markdownLink)
    expect(custom?.details[0]).toEqual({ label: HOSTILE.markdownImage, value: HOSTILE.lineBreaks })
    // An identifier (a property name like `when`) reads as a word; the hostile label above does not.
    expect(custom?.details[1]).toEqual({ label: 'When', value: 'Jun 1, 2025, 10:00 AM' })
  })

  it('shows a property name that is a key in words, and any other data label as it is', () => {
    const labels = [
      'experiment_name',
      'trialDays',
      'starts_at',
      'total_spend',
      'Favourite colour',
      HOSTILE.html,
      HOSTILE.markdownMix,
      '__proto__',
      'javascript:alert(1)',
    ]
    const custom = entry(
      'custom',
      NOW,
      message('timeline.custom.event', { name: 'Experiment Viewed' }),
      labels.map((text) => ({ label: { text }, value: 'v' }))
    )
    const shown = (locale: string) =>
      formatTimelineEntry(custom, { locale, timeZone: ZONE, now: NOW }).details.map((d) => d.label)
    const asIs = labels.slice(4)
    expect(shown('en')).toEqual([
      'Experiment name',
      'Trial days',
      'Starts at',
      'Total spend',
      ...asIs,
    ])
    // A key the catalogues know is in the viewer's language; any other key in English words.
    expect(shown('de')).toEqual([
      'Experiment name',
      'Trial days',
      'Starts at',
      t('de', 'profile.field.total_spend'),
      ...asIs,
    ])
  })

  it('humanises each data label once per pass: the same text for every row', () => {
    const many = Array.from({ length: 50 }, () =>
      entry('custom', NOW, message('timeline.custom.event', { name: 'Trial Started' }), [
        { label: { text: 'trial_days' }, value: 14 },
      ])
    )
    humanized.calls = 0
    const out = formatTimeline(many, { locale: 'en', timeZone: ZONE, now: NOW })
    expect(new Set(out.map((row) => row.details[0]?.label))).toEqual(new Set(['Trial days']))
    expect(humanized.calls).toBe(1)
    // A new pass (another viewer, another moment) starts its own labels.
    formatTimeline(many.slice(0, 2), { locale: 'en', timeZone: ZONE, now: NOW })
    expect(humanized.calls).toBe(2)
  })

  it('creates no HTML: the only markup in the output came in with the data', () => {
    const out = strings(rows).filter((text) => /<|>/.test(text))
    expect(out).toEqual([HOSTILE.html, HOSTILE.lineBreaks])
  })
})

describe('formatTimeline options and edge cases', () => {
  it('accepts now as a Date, epoch ms or ISO text', () => {
    const entries = joeTimeline().slice(0, 3)
    const a = formatTimeline(entries, { locale: 'en', timeZone: ZONE, now: NOW })
    const b = formatTimeline(entries, { locale: 'en', timeZone: ZONE, now: new Date(NOW) })
    const c = formatTimeline(entries, { locale: 'en', timeZone: ZONE, now: Date.parse(NOW) })
    expect(b).toEqual(a)
    expect(c).toEqual(a)
  })

  it('moves day headings with the viewer’s zone', () => {
    const late = entry('page', '2026-11-21T23:30:00Z', message('timeline.page.viewedUnknown'))
    const berlin = formatTimelineEntry(late, { locale: 'en', timeZone: 'Europe/Berlin', now: NOW })
    const newYork = formatTimelineEntry(late, {
      locale: 'en',
      timeZone: 'America/New_York',
      now: NOW,
    })
    expect([berlin.day, berlin.dayLabel, berlin.time]).toEqual([
      '2026-11-22',
      'Today',
      'Nov 22, 2026, 12:30 AM',
    ])
    expect([newYork.day, newYork.dayLabel, newYork.time]).toEqual([
      '2026-11-21',
      'Yesterday',
      'Nov 21, 2026, 6:30 PM',
    ])
  })

  it('handles future times', () => {
    const soon = entry(
      'custom',
      '2026-11-23T15:00:00Z',
      message('timeline.custom.event', { name: 'Webinar' })
    )
    expect(formatTimelineEntry(soon, { locale: 'en', timeZone: ZONE, now: NOW })).toMatchObject({
      relative: 'tomorrow',
      dayLabel: 'Tomorrow',
    })
  })

  it('shows an unparsable time as its text, with no relative time or day', () => {
    const odd = entry('custom', 'yesterday-ish', message('timeline.custom.unnamed'))
    expect(formatTimelineEntry(odd, { locale: 'de', timeZone: ZONE, now: NOW })).toMatchObject({
      time: 'yesterday-ish',
      relative: '',
      day: '',
      dayLabel: 'Unbekanntes Datum',
    })
  })

  it('truncates long data values, and only data', () => {
    const long = entry('custom', NOW, message('timeline.custom.event', { name: HOSTILE.long }), [
      { label: { text: HOSTILE.long }, value: HOSTILE.long },
    ])
    const [row] = formatTimeline([long], {
      locale: 'en',
      timeZone: ZONE,
      now: NOW,
      maxValueLength: 20,
    })
    expect(row?.title).toBe(`${'x'.repeat(19)}…`)
    // The label is an identifier, so it reads as a word (capitalised) before it is cut.
    expect(row?.details).toEqual([{ label: `X${'x'.repeat(18)}…`, value: `${'x'.repeat(19)}…` }])
  })

  it('renders an unknown title id as the id (never throws)', () => {
    const unknown = entry('custom', NOW, message('timeline.not.a.key'))
    expect(formatTimelineEntry(unknown, { locale: 'en', timeZone: ZONE, now: NOW }).title).toBe(
      'timeline.not.a.key'
    )
  })

  it('builds Intl formatters once per pass, not once per row', () => {
    const counts = { dateTime: 0, relative: 0 }
    const RealDateTime = Intl.DateTimeFormat
    const RealRelative = Intl.RelativeTimeFormat
    // Subclasses that count constructions; Reflect.set because the lib types mark these read-only.
    Reflect.set(
      Intl,
      'DateTimeFormat',
      class extends RealDateTime {
        constructor(...args: ConstructorParameters<typeof RealDateTime>) {
          super(...args)
          counts.dateTime++
        }
      }
    )
    Reflect.set(
      Intl,
      'RelativeTimeFormat',
      class extends RealRelative {
        constructor(...args: ConstructorParameters<typeof RealRelative>) {
          super(...args)
          counts.relative++
        }
      }
    )
    try {
      const base = joeTimeline()
      const many = Array.from({ length: 10_000 }, (_, i) => ({
        ...(base[i % base.length] as TimelineEntry),
        at: new Date(Date.parse(NOW) - i * 97_000).toISOString(),
      }))
      // A zone and locale no other test uses, so the caches start cold for them.
      const rows = formatTimeline(many, { locale: 'nl-BE', timeZone: 'Pacific/Chatham', now: NOW })
      expect(rows).toHaveLength(10_000)
      expect(counts.dateTime).toBeGreaterThan(0)
      expect(counts.dateTime).toBeLessThanOrEqual(8)
      expect(counts.relative).toBe(1)
    } finally {
      Reflect.set(Intl, 'DateTimeFormat', RealDateTime)
      Reflect.set(Intl, 'RelativeTimeFormat', RealRelative)
    }
  })
})

describe.each(SUPPORTED_LOCALES)('formatTimeline in %s', (locale) => {
  const rows: FormattedEntry[] = formatTimeline(joeTimeline(), { locale, timeZone: ZONE, now: NOW })

  it('uses the locale’s day headings, relative times and formats', () => {
    const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
    expect(rows.map((row) => row.dayLabel).slice(0, 3)).toEqual([
      t(locale, 'common.today'),
      t(locale, 'common.today'),
      t(locale, 'common.yesterday'),
    ])
    expect(rows[0]?.relative).toBe(rtf.format(-1, 'minute'))
    expect(rows[3]?.relative).toBe(rtf.format(-2, 'day'))
    expect(rows[0]?.time).toBe(
      new Intl.DateTimeFormat(locale, {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: ZONE,
      }).format(Date.parse('2026-11-22T11:58:30Z'))
    )
    expect(rows[2]?.title).toContain(
      new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(1234.5)
    )
  })

  it('localises catalogue labels and puts a data label that is a key in words', () => {
    expect(rows[0]?.details[0]).toEqual({
      label: t(locale, 'timeline.detail.campaign'),
      value: 'SHIPPING',
    })
    // `gift_wrap` names nothing the catalogues know: English words in every locale (humanizeKey).
    expect(rows[2]?.details[1]).toEqual({ label: 'Gift wrap', value: t(locale, 'common.yes') })
  })

  it('emits no unknown message id and no empty title', () => {
    const all = strings(rows)
    expect(all.filter((text) => MESSAGE_ID.test(text))).toEqual([])
    expect(rows.every((row) => row.title !== '')).toBe(true)
  })
})

describe('formatTimeline of date detail values (a campaign fold’s steps)', () => {
  it.each(SUPPORTED_LOCALES)(
    'gives the same text as the translator, from its cache (%s)',
    (locale) => {
      const at = [
        '2026-11-20T09:00:00.000Z',
        '2026-11-20T09:00:59.000Z',
        '2026-03-29T00:30:00.000Z',
      ]
      const row: TimelineEntry = {
        ...entry('email', '2026-11-20T10:00:00.000Z', message('timeline.email.openedNoSubject')),
        detail: [
          ...at.map((value) => ({ label: { id: 'timeline.campaign.sent' }, value: date(value) })),
          { label: { id: 'timeline.campaign.opened' }, value: date('not a date') },
        ],
      }
      const [formatted] = formatTimeline([row], { locale, timeZone: ZONE, now: NOW })
      const tr = createTranslator(locale, { timeZone: ZONE })
      expect(formatted?.details.map((d) => d.value)).toEqual(
        [...at, 'not a date'].map((value) => tr.value(date(value)))
      )
    }
  )
})
