// @vitest-environment happy-dom
// Support and sales rows in the panel: their link back to the ticket, deal or person is an
// attribute of an anchor that opens a new tab without the opener, only for a safe URL; hostile
// titles and labels stay text with bidi controls neutralised; the filter bar names both kinds in
// the agent's language.
import {
  formatTimeline,
  loadLocale,
  toTimeline,
  type ProfileEvent,
  type TimelineEntry,
} from '@intilery-connect/core'
import { render } from 'preact-render-to-string'
import { beforeAll, describe, expect, it } from 'vitest'

import { NO_FILTER } from '../filter-state.ts'
import { translatorFor } from '../i18n.ts'
import { Timeline } from './Timeline.tsx'
import { TimelineFilters } from './TimelineFilters.tsx'

beforeAll(() => loadLocale('de'))

let n = 0
function track(name: string, properties: Record<string, unknown>): ProfileEvent {
  n += 1
  return {
    eventId: `e${n}`,
    eventTime: new Date(Date.UTC(2026, 10, 20, 10, n)).toISOString(),
    eventAction: name.toLowerCase().replace(/ /g, '_'),
    rawData: { action: 'track', event: name, properties },
  }
}

function html(entries: readonly TimelineEntry[], locale = 'en'): string {
  const rows = formatTimeline(entries, { locale, timeZone: 'UTC', now: '2026-11-21T00:00:00Z' })
  return render(<Timeline t={translatorFor(locale, 'UTC')} entries={rows} emptyText="none" />)
}

/** Every anchor's attributes, in order. */
function anchors(markup: string): Record<string, string>[] {
  const doc = new DOMParser().parseFromString(markup, 'text/html')
  return [...doc.querySelectorAll('a')].map((a) =>
    Object.fromEntries([...a.attributes].map((attr) => [attr.name, attr.value]))
  )
}

describe('links back from support and sales rows', () => {
  it('link a ticket, a deal and a person, opening a new tab without the opener', () => {
    const markup = html(
      toTimeline([
        track('Ticket Solved', {
          ticket_id: '101',
          ticket_url: 'http://127.0.0.1:4101/agent/tickets/101',
        }),
        track('Deal Won', { deal_url: 'https://acme.pipedrive.com/deal/42', value: 5 }),
        track('Person Created', { person_url: 'https://acme.pipedrive.com/person/9' }),
      ])
    )
    const rel = 'noopener noreferrer'
    expect(anchors(markup)).toEqual([
      {
        class: 'ic-entry-link',
        href: 'https://acme.pipedrive.com/person/9',
        target: '_blank',
        rel,
      },
      { class: 'ic-entry-link', href: 'https://acme.pipedrive.com/deal/42', target: '_blank', rel },
      {
        class: 'ic-entry-link',
        href: 'http://127.0.0.1:4101/agent/tickets/101',
        target: '_blank',
        rel,
      },
    ])
    expect(markup).toContain('>Open ticket</a>')
    expect(
      html(toTimeline([track('Deal Lost', { deal_url: 'https://a.pipedrive.com/deal/1' })]), 'de')
    ).toContain('>Deal öffnen</a>')
  })

  it.each([
    'javascript:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://evil.example/',
    'https://acme.zendesk.com@evil.example/',
    'https://phish.example/agent/tickets/1',
  ])('offer no link for %j', (url) => {
    const markup = html(toTimeline([track('Ticket Created', { ticket_id: '1', ticket_url: url })]))
    expect(anchors(markup)).toEqual([])
    expect(markup).not.toMatch(/javascript:|data:text|evil\.example|phish/)
  })

  it('drop a forged link that reaches the panel over the wire', () => {
    const [entry] = toTimeline([track('Deal Won', {})])
    const forged = {
      ...(entry as TimelineEntry),
      link: { href: 'javascript:alert(1)', label: { id: 'timeline.link.deal' } },
    }
    expect(anchors(html([forged]))).toEqual([])
  })

  it('show hostile deal data as text, bidi controls neutralised', () => {
    const markup = html(
      toTimeline([
        track('Deal Lost', {
          deal_title: '<img src=x onerror=alert(1)>',
          lost_reason: 'price\u202Efdp.exe',
          deal_url: 'https://acme.pipedrive.com/deal/42',
        }),
      ])
    )
    expect(markup).not.toMatch(/<img|[\u202A-\u202E\u2066-\u2069]/)
    expect(markup).toContain('Deal lost: price\uFFFDfdp.exe')
    expect(markup).toContain('&lt;img src=x onerror=alert(1)>')
  })
})

describe('the filter bar', () => {
  const chips = (locale: string) => {
    const markup = render(
      <TimelineFilters
        t={translatorFor(locale, 'UTC')}
        id="f"
        state={NO_FILTER}
        onChange={() => undefined}
      />
    )
    const doc = new DOMParser().parseFromString(markup, 'text/html')
    return [...doc.querySelectorAll('.ic-chip')].map((chip) => chip.textContent)
  }

  it('offers support and sales in the agent’s language', () => {
    expect(chips('en')).toEqual(expect.arrayContaining(['Support', 'Sales']))
    expect(chips('de')).toEqual(expect.arrayContaining(['Support', 'Vertrieb']))
    expect(chips('en')).toHaveLength(10)
  })
})
