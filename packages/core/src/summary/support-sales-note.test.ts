// The pasted note and the written-back events: a customer's tickets and deals are notable (they
// come before browsing, like orders and forms), are told in words in the reader's language, and a
// hostile deal title or lost reason cannot inject Markdown. The note carries no links.
import { describe, expect, it } from 'vitest'

import { context, HOSTILE, loadAllLocales, NOW, pageBurst, ZONE } from '../format/test/fixtures.ts'
import { track } from '../timeline/test/events.ts'
import { toTimeline } from '../timeline/to-timeline.ts'
import { notableEntries } from './notable-events.ts'
import { summarize } from './summarize.ts'

await loadAllLocales()

const hour = (h: number) => `2026-11-22T${String(h).padStart(2, '0')}:00:00.000Z`

/** Newest first: a deal won, browsing, a ticket solved, more browsing, a stage move. */
const written = toTimeline([
  {
    ...track('Deal Stage Changed', { deal_title: 'Acme renewal', stage: 'Negotiation' }),
    eventTime: hour(6),
  },
  {
    ...track('Ticket Solved', {
      ticket_id: '101',
      ticket_url: 'https://a.zendesk.com/agent/tickets/101',
    }),
    eventTime: hour(8),
  },
  {
    ...track('Deal Won', {
      value: 12000,
      currency: 'EUR',
      deal_url: 'https://a.pipedrive.com/deal/4',
    }),
    eventTime: hour(10),
  },
])
const entries = [
  written[0],
  pageBurst(hour(9), hour(9), 4),
  written[1],
  { ...pageBurst(hour(7), hour(7), 3), id: 'burst:other' },
  written[2],
].filter((e) => e !== undefined)

describe('support and sales in the note', () => {
  it('prefers them to browsing', () => {
    expect(notableEntries(entries, 3).map((e) => e.kind)).toEqual(['sales', 'support', 'sales'])
  })

  it('tells them in words, in English and in German', () => {
    const note = (locale: string) =>
      summarize(context({ timeline: { entries } }), {
        locale,
        format: 'text',
        timeZone: ZONE,
        now: NOW,
        maxEvents: 3,
      })
        .split('\n')
        .slice(-3)
    expect(note('en')).toEqual([
      '- Nov 22, 2026, 11:00 AM GMT+1: Deal won: €12,000.00',
      '- Nov 22, 2026, 9:00 AM GMT+1: Ticket #101 solved',
      '- Nov 22, 2026, 7:00 AM GMT+1: Deal Acme renewal moved to Negotiation',
    ])
    expect(note('de')).toEqual([
      '- 22. Nov. 2026, 11:00 MEZ: Deal gewonnen: 12.000,00\u00a0€',
      '- 22. Nov. 2026, 09:00 MEZ: Ticket #101 gelöst',
      '- 22. Nov. 2026, 07:00 MEZ: Deal „Acme renewal“ nach „Negotiation“ verschoben',
    ])
  })

  it('escapes hostile deal data in Markdown and carries no link', () => {
    const hostile = toTimeline([
      track('Deal Lost', {
        deal_title: HOSTILE.markdownLink,
        lost_reason: HOSTILE.lineBreaks,
        deal_url: 'https://a.pipedrive.com/deal/4',
      }),
      track('Deal Created', { deal_title: HOSTILE.html }),
    ])
    const note = summarize(context({ timeline: { entries: hostile } }), {
      locale: 'en',
      format: 'markdown',
      timeZone: ZONE,
      now: NOW,
    })
    // Newest first: the deal created after the deal lost.
    expect(note.split('\n').slice(-2)).toEqual([
      '- Nov 20, 2026, 1:00 PM GMT+1: Deal \\<img src=x onerror=alert\\(1\\)\\> created',
      '- Nov 20, 2026, 1:00 PM GMT+1: Deal lost: Joe \\# Injected heading  - Subscribed: everything \\> quote',
    ])
    expect(note).not.toContain('pipedrive.com')
  })
})
