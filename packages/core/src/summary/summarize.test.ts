import { describe, expect, it } from 'vitest'

import { SUPPORTED_LOCALES } from '../i18n/catalogues/index.ts'
import { t } from '../i18n/locale.ts'
import { message } from '../i18n/message.ts'
import {
  context,
  entry,
  HOSTILE,
  joe,
  joeTimeline,
  NOW,
  pageBurst,
  ZONE,
  loadAllLocales,
} from '../format/test/fixtures.ts'
import { notableEntries } from './notable-events.ts'
import { summarize } from './summarize.ts'

await loadAllLocales()

const MESSAGE_ID = /(^|\s)(common|profile|timeline)\.[A-Za-z]/
const en = { locale: 'en', timeZone: ZONE, now: NOW } as const

/** Markdown syntax characters left unescaped in a line, once our own `- ` and `**` are removed. */
function liveMarkdown(note: string): string[] {
  const found: string[] = []
  for (const line of note.split('\n')) {
    const body = line.replace(/^- /, '').replace(/^\*\*(.*)\*\*$/, '$1')
    for (let i = 0; i < body.length; i++) {
      if (body.charAt(i) === '\\') i++
      else if (/[`*_{}[\]()<>#!|~&]/.test(body.charAt(i)))
        found.push(`${body.charAt(i)} in ${line}`)
    }
    if (/^(\s*[-+=>]|\s*\d+[.)])/.test(body)) found.push(`block start in ${line}`)
  }
  return found
}

const hostileProfile = joe({
  name: { text: `${HOSTILE.lineBreaks} ${HOSTILE.markdownLink}`, source: 'name' },
  emails: [HOSTILE.markdownImage],
  userId: HOSTILE.html,
  traits: { organisation: HOSTILE.markdownMix, industry: '1. numbered' },
  audiences: { dynamic: [{ id: 'a', name: '<script>alert(1)</script>' }], static: [] },
})
const hostileEntries = [
  entry('email', NOW, message('timeline.email.opened', { subject: HOSTILE.markdownLink })),
  entry('form', NOW, message('timeline.form.submitted', { form: HOSTILE.lineBreaks })),
  entry('custom', NOW, message('timeline.custom.event', { name: HOSTILE.html })),
]

describe('summarize one customer (reviewed)', () => {
  it('writes a plain-text note', () => {
    expect(summarize(context(), { ...en, format: 'text' })).toBe(
      [
        'Intilery customer: Joe Bloggs',
        'Email: joe.bloggs@intilery.com',
        'User ID: usr_joe',
        'Intilery ID: 4c90b9cf-5e4d-4689-ba57-b0f3e7c813fe',
        'Organisation: Intilery',
        'Industry: Other',
        'Website: www.intilery.com',
        'Audiences: 2 days and Board',
        'Subscribed: Email, SMS, and carrier_pigeon',
        'Unsubscribed: WhatsApp, Facebook, and Push',
        'Last active: Nov 22, 2026, 12:58 PM GMT+1',
        '',
        'Recent activity',
        '- Nov 22, 2026, 12:58 PM GMT+1: Opened “Your order has shipped”',
        '- Nov 21, 2026, 9:15 PM GMT+1: Placed an order: €1,234.50',
        '- Nov 12, 2026, 9:00 AM GMT+1: Submitted “Book a demo”',
        '- Oct 1, 2026, 10:00 AM GMT+2: Profile updated: 2 traits',
        '- Jan 5, 2024, 9:00 AM GMT+1: Emailed “Welcome”',
      ].join('\n')
    )
  })

  it('writes an escaped Markdown note', () => {
    expect(summarize(context(), { ...en, format: 'markdown' })).toBe(
      [
        '**Intilery customer: Joe Bloggs**',
        '- Email: joe.bloggs@intilery.com',
        '- User ID: usr\\_joe',
        '- Intilery ID: 4c90b9cf-5e4d-4689-ba57-b0f3e7c813fe',
        '- Organisation: Intilery',
        '- Industry: Other',
        '- Website: www.intilery.com',
        '- Audiences: 2 days and Board',
        '- Subscribed: Email, SMS, and carrier\\_pigeon',
        '- Unsubscribed: WhatsApp, Facebook, and Push',
        '- Last active: Nov 22, 2026, 12:58 PM GMT+1',
        '',
        '**Recent activity**',
        '- Nov 22, 2026, 12:58 PM GMT+1: Opened “Your order has shipped”',
        '- Nov 21, 2026, 9:15 PM GMT+1: Placed an order: €1,234.50',
        '- Nov 12, 2026, 9:00 AM GMT+1: Submitted “Book a demo”',
        '- Oct 1, 2026, 10:00 AM GMT+2: Profile updated: 2 traits',
        '- Jan 5, 2024, 9:00 AM GMT+1: Emailed “Welcome”',
      ].join('\n')
    )
  })

  it('shows where a display name came from', () => {
    const ctx = context({
      profiles: [joe({ name: { text: 'joe.bloggs@intilery.com', source: 'email' } })],
    })
    expect(summarize(ctx, { ...en, format: 'text' }).split('\n')[0]).toBe(
      'Intilery customer: joe.bloggs@intilery.com (from email)'
    )
  })

  it('uses the runtime’s zone when none is given (UTC in tests)', () => {
    expect(summarize(context(), { locale: 'en', format: 'text', now: NOW })).toContain(
      'Last active: Nov 22, 2026, 11:58 AM UTC'
    )
  })

  it('says when the data is stale, with the time it was read', () => {
    const note = summarize(context({ stale: true, fetchedAt: '2026-11-22T09:00:00Z' }), {
      ...en,
      format: 'text',
    })
    expect(note.split('\n').at(-1)).toBe(
      'Intilery could not be reached; data as of Nov 22, 2026, 10:00 AM GMT+1.'
    )
  })

  it('says so when there is no activity', () => {
    const note = summarize(context({ timeline: { entries: [] } }), { ...en, format: 'text' })
    expect(note.endsWith('Recent activity\n- No recent activity.')).toBe(true)
  })
})

describe('summarize several or no customers', () => {
  const many = context({
    match: 'many',
    profiles: [
      joe(),
      joe({
        id: 'p2',
        userId: undefined,
        emails: ['jo@example.com'],
        name: { text: 'jo@example.com', source: 'email' },
      }),
    ],
  })

  it('summarises each match briefly, then the shared activity', () => {
    expect(summarize(many, { ...en, format: 'text' })).toBe(
      [
        '2 Intilery customers match:',
        '',
        'Joe Bloggs',
        'Email: joe.bloggs@intilery.com',
        'User ID: usr_joe',
        'Intilery ID: 4c90b9cf-5e4d-4689-ba57-b0f3e7c813fe',
        'Last active: Nov 22, 2026, 12:58 PM GMT+1',
        '',
        'jo@example.com (from email)',
        'Email: jo@example.com',
        'Intilery ID: p2',
        'Last active: Nov 22, 2026, 12:58 PM GMT+1',
        '',
        'Recent activity',
        '- Nov 22, 2026, 12:58 PM GMT+1: Opened “Your order has shipped”',
        '- Nov 21, 2026, 9:15 PM GMT+1: Placed an order: €1,234.50',
        '- Nov 12, 2026, 9:00 AM GMT+1: Submitted “Book a demo”',
        '- Oct 1, 2026, 10:00 AM GMT+2: Profile updated: 2 traits',
        '- Jan 5, 2024, 9:00 AM GMT+1: Emailed “Welcome”',
      ].join('\n')
    )
  })

  it('says when nothing matches', () => {
    const none = context({ match: 'none', profiles: [], timeline: { entries: [] } })
    expect(summarize(none, { ...en, format: 'text' })).toBe('No Intilery customer matches.')
    expect(summarize(none, { ...en, locale: 'de', format: 'markdown' })).toBe(
      'Kein passender Kunde in Intilery.'
    )
  })
})

describe('summarize with hostile data', () => {
  const ctx = context({ profiles: [hostileProfile], timeline: { entries: hostileEntries } })
  const manyCtx = context({
    match: 'many',
    profiles: [hostileProfile, hostileProfile],
    timeline: { entries: hostileEntries },
  })

  it.each([
    ['one', ctx],
    ['many', manyCtx],
  ])('leaves no live Markdown in the note (%s)', (_, c) => {
    const note = summarize(c, { ...en, format: 'markdown' })
    expect(liveMarkdown(note)).toEqual([])
    // The data is all there, escaped, not dropped.
    expect(note).toContain('\\[click here\\]\\(https://evil.example/phish\\)')
    expect(note).toContain('\\!\\[x\\]\\(https://evil.example/pixel.png\\)')
    expect(note).toContain('\\<img src=x onerror=alert\\(1\\)\\>')
  })

  it('escapes only what Markdown would read: a value starting with "1." stays readable', () => {
    expect(summarize(ctx, { ...en, format: 'markdown' })).toContain('- Industry: 1. numbered')
  })

  it('keeps line breaks in data from forging lines, in both formats', () => {
    for (const format of ['text', 'markdown'] as const) {
      const lines = summarize(ctx, { ...en, format }).split('\n')
      expect(lines.filter((line) => /^(- )?Subscribed: everything/.test(line))).toEqual([])
      expect(lines.filter((line) => /^#/.test(line))).toEqual([])
    }
  })

  it('adds no markup of its own to the text format', () => {
    const note = summarize(ctx, { ...en, format: 'text' })
    // Every < or * in the text note came from the data.
    const ours = note
      .replaceAll(HOSTILE.html, '')
      .replaceAll('<script>alert(1)</script>', '')
      .replaceAll(HOSTILE.markdownMix, '')
      .replaceAll(HOSTILE.lineBreaks.replace(/[\n\r\u2028]/g, ' '), '')
    expect(ours).not.toMatch(/[<>*]/)
  })

  it('cuts very long values short', () => {
    const long = context({ profiles: [joe({ name: { text: HOSTILE.long, source: 'name' } })] })
    const first = summarize(long, { ...en, format: 'text' }).split('\n')[0] ?? ''
    expect(first).toBe(`Intilery customer: ${'x'.repeat(119)}…`)
  })
})

describe('notableEntries', () => {
  it('prefers emails, orders, forms and profile updates over browsing', () => {
    const picked = notableEntries(joeTimeline(), 5)
    expect(picked.map((e) => e.kind)).toEqual(['email', 'commerce', 'form', 'identify', 'email'])
  })

  it('fills up with at most one page line, bursts counting as one line', () => {
    const entries = [
      pageBurst('2026-11-22T11:00:00Z', '2026-11-22T10:50:00Z', 30),
      entry('page', '2026-11-22T10:00:00Z', message('timeline.page.viewed', { page: '/a' })),
      entry('email', '2026-11-22T09:00:00Z', message('timeline.email.openedNoSubject')),
      entry('custom', '2026-11-22T08:00:00Z', message('timeline.custom.event', { name: 'X' })),
      entry('page', '2026-11-22T07:00:00Z', message('timeline.page.viewed', { page: '/b' })),
    ]
    const picked = notableEntries(entries, 5)
    expect(picked.map((e) => e.id)).toEqual([entries[0]?.id, entries[2]?.id, entries[3]?.id])
  })

  it('keeps the timeline order and the limit', () => {
    expect(notableEntries(joeTimeline(), 2).map((e) => e.at)).toEqual([
      '2026-11-22T11:58:30.000Z',
      '2026-11-21T20:15:00.000Z',
    ])
    expect(notableEntries([], 5)).toEqual([])
  })
})

describe.each(SUPPORTED_LOCALES)('summarize in %s', (locale) => {
  const options = { locale, timeZone: ZONE, now: NOW }

  it.each(['text', 'markdown'] as const)(
    'localises the %s note and emits no unknown id',
    (format) => {
      const stale = context({ stale: true })
      const many = context({ match: 'many', profiles: [joe(), joe({ id: 'p2' })], stale: true })
      for (const note of [
        summarize(stale, { ...options, format }),
        summarize(many, { ...options, format }),
      ]) {
        expect(note).not.toMatch(MESSAGE_ID)
        expect(note).toContain(t(locale, 'profile.summary.recentActivity'))
      }
      const note = summarize(stale, { ...options, format })
      expect(note).toContain(t(locale, 'profile.consent.subscribed'))
      expect(note).toContain(t(locale, 'profile.identity.userId'))
    }
  )
})

describe('bidi controls in a note', () => {
  const bidi = 'invoice\u202Efdp.exe \u2066x\u2069 \u202Ay\u202C'
  const reversed = joe({
    name: { text: bidi, source: 'name' },
    emails: [`a\u202Eb@example.com`],
    userId: bidi,
    traits: { organisation: bidi, industry: bidi },
    audiences: { dynamic: [{ id: 'a', name: bidi }], static: [] },
  })
  const entries = [
    entry('email', NOW, message('timeline.email.opened', { subject: bidi })),
    entry('custom', NOW, message('timeline.custom.event', { name: bidi })),
  ]

  it.each(['text', 'markdown'] as const)('are neutralised everywhere in the %s note', (format) => {
    for (const ctx of [
      context({ profiles: [reversed], timeline: { entries } }),
      context({ match: 'many', profiles: [reversed, reversed], timeline: { entries } }),
    ]) {
      const note = summarize(ctx, { ...en, format })
      expect(note).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/)
      expect(note).toContain('invoice\uFFFDfdp.exe')
    }
  })
})
