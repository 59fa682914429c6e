// Support and sales rows as an agent reads them: the builder's entries for the written-back events,
// formatted in English and in other locales (money with its currency, plurals of bursts), with
// their links; in every locale no message id, no snake_case key and no "undefined" is shown.
import { describe, expect, it } from 'vitest'

import { SUPPORTED_LOCALES } from '../i18n/catalogues/index.ts'
import { message } from '../i18n/message.ts'
import type { ProfileEvent } from '../schemas/event.ts'
import { track } from '../timeline/test/events.ts'
import type { TimelineEntry } from '../timeline/timeline-entry.ts'
import { toTimeline } from '../timeline/to-timeline.ts'
import { SALES_EVENTS, SUPPORT_EVENTS } from '../writeback/support-sales-events.ts'
import { formatTimeline, type FormattedEntry } from './format-timeline.ts'
import { entry, HOSTILE, loadAllLocales } from './test/fixtures.ts'

await loadAllLocales()

const NOW = '2026-11-20T18:00:00.000Z'
const TICKET_URL = 'http://127.0.0.1:4101/agent/tickets/101'
const DEAL = {
  deal_title: 'Acme renewal',
  pipeline: 'Renewals',
  deal_url: 'https://acme.pipedrive.com/deal/42',
}

/** One of each, an hour apart (newest last), so none forms a burst. */
const events: ProfileEvent[] = [
  track('Ticket Created', { ticket_id: '123', ticket_url: TICKET_URL, status: 'new' }),
  track('Ticket Solved', { ticket_id: '123', ticket_url: TICKET_URL }),
  track('Ticket Reopened', { ticket_id: '123', previous_status: 'solved' }),
  track('Ticket Rated', { ticket_id: '123', rating: 'good' }),
  track('Ticket Rated', { ticket_id: '123', rating: 'bad' }),
  track('Deal Created', { ...DEAL, value: 12000, currency: 'EUR', stage: 'Qualified' }),
  track('Deal Stage Changed', { ...DEAL, stage: 'Negotiation', previous_stage: 'Proposal' }),
  track('Deal Won', { ...DEAL, value: 12000, currency: 'EUR' }),
  track('Deal Lost', { ...DEAL, lost_reason: 'Price too high' }),
  track('Person Created', { person_url: 'https://acme.pipedrive.com/person/9' }),
].map((e, i) => ({ ...e, eventTime: new Date(Date.UTC(2026, 10, 20, 6 + i)).toISOString() }))

const entries = toTimeline(events)
const format = (locale: string, list: readonly TimelineEntry[] = entries) =>
  formatTimeline(list, { locale, timeZone: 'UTC', now: NOW })
/** Oldest first, as the events above are listed. */
const titles = (locale: string) =>
  format(locale)
    .map((row) => row.title)
    .reverse()

describe('support and sales titles', () => {
  it('reads in English (reviewed)', () => {
    expect(titles('en')).toEqual([
      'Ticket #123 opened',
      'Ticket #123 solved',
      'Ticket #123 reopened',
      'Rated the support good',
      'Rated the support bad',
      'Deal Acme renewal created',
      'Deal Acme renewal moved to Negotiation',
      'Deal won: €12,000.00',
      'Deal lost: Price too high',
      'Added as a person in Pipedrive',
    ])
  })

  it('reads in German, money in German form (reviewed)', () => {
    expect(titles('de')).toEqual([
      'Ticket #123 eröffnet',
      'Ticket #123 gelöst',
      'Ticket #123 wieder eröffnet',
      'Support mit „gut“ bewertet',
      'Support mit „schlecht“ bewertet',
      'Deal „Acme renewal“ angelegt',
      'Deal „Acme renewal“ nach „Negotiation“ verschoben',
      'Deal gewonnen: 12.000,00\u00a0€',
      'Deal verloren: Price too high',
      'Als Person in Pipedrive angelegt',
    ])
  })

  it('formats the deal’s value in each locale’s own way', () => {
    const won = (locale: string) => titles(locale)[7]
    expect(won('fr')).toBe('Affaire gagnée\u00a0: 12\u202f000,00\u00a0€')
    expect(won('ja')).toBe('取引成立：€12,000.00')
    expect(won('pt-BR')).toBe('Negócio ganho: €\u00a012.000,00')
  })

  it('shows the detail rows with translated labels and the previous stage', () => {
    const moved = format('en').find((row) => row.title.startsWith('Deal Acme renewal moved'))
    expect(moved?.details).toEqual([
      { label: 'Previous stage', value: 'Proposal' },
      { label: 'Pipeline', value: 'Renewals' },
    ])
    const created = format('nl').find((row) => row.title.endsWith('aangemaakt'))
    expect(created?.details).toEqual([
      { label: 'Waarde', value: '€\u00a012.000,00' },
      { label: 'Fase', value: 'Qualified' },
      { label: 'Pijplijn', value: 'Renewals' },
    ])
  })

  it('gives each row its link, labelled in the viewer’s language', () => {
    const links = (locale: string) =>
      format(locale)
        .reverse()
        .map((row) => row.link)
    expect(links('en')).toEqual([
      { href: TICKET_URL, label: 'Open ticket' },
      { href: TICKET_URL, label: 'Open ticket' },
      undefined,
      undefined,
      undefined,
      { href: DEAL.deal_url, label: 'Open deal' },
      { href: DEAL.deal_url, label: 'Open deal' },
      { href: DEAL.deal_url, label: 'Open deal' },
      { href: DEAL.deal_url, label: 'Open deal' },
      { href: 'https://acme.pipedrive.com/person/9', label: 'Open person' },
    ])
    expect(links('es')[9]?.label).toBe('Abrir persona')
  })
})

describe('bursts of support and sales events', () => {
  const run = (name: string, count: number) =>
    toTimeline(Array.from({ length: count }, (_, m) => track(name, {}, m)))

  it('count tickets and deals with plurals', () => {
    const title = (locale: string, name: string, count: number) =>
      format(locale, run(name, count))[0]?.title
    expect(title('en', 'Ticket Created', 3)).toBe('3 tickets opened')
    expect(title('en', 'Ticket Solved', 4)).toBe('4 tickets solved')
    expect(title('en', 'Deal Created', 3)).toBe('3 deals created')
    expect(title('en', 'Deal Stage Changed', 5)).toBe('5 deal stage changes')
    expect(title('de', 'Ticket Solved', 3)).toBe('3 Tickets gelöst')
    expect(title('fr', 'Deal Created', 3)).toBe('3 affaires créées')
    expect(title('ja', 'Ticket Created', 3)).toBe('3件のチケットを作成')
  })

  it('use the singular where the language’s rules say one', () => {
    const one = entry('sales', NOW, message('timeline.burst.dealsCreated', { count: 1 }))
    expect(format('pt-BR', [one])[0]?.title).toBe('1 negócio criado')
    expect(format('en', [one])[0]?.title).toBe('1 deal created')
  })
})

/** Every string of formatted rows, nested ones included (links and burst items too). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(strings)
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings)
  return []
}

const flatten = (rows: readonly FormattedEntry[]): FormattedEntry[] =>
  rows.flatMap((row) => [row, ...flatten(row.burst?.items ?? [])])

describe.each(SUPPORTED_LOCALES)('with every property missing, in %s', (locale) => {
  const names = [...Object.values(SUPPORT_EVENTS), ...Object.values(SALES_EVENTS)]
  const bare = toTimeline(names.map((name, i) => track(name, {}, i * 60)))
  const rows = flatten(format(locale, [...bare, ...entries]))

  it('shows no message id, no snake_case key, no "undefined" and no empty placeholder', () => {
    const shown = strings(rows.map(({ title, details }) => ({ title, details })))
    expect(shown.filter((text) => /^(common|profile|timeline)\.[A-Za-z]/.test(text))).toEqual([])
    expect(shown.filter((text) => /\b[a-z]+_[a-z_]+\b/.test(text))).toEqual([])
    expect(shown.filter((text) => /undefined|#\s*$|“”|„“|«\s*»|「」/.test(text))).toEqual([])
    expect(rows.filter((row) => row.title.trim() === '').map((row) => row.id)).toEqual([])
  })
})

describe('hostile strings', () => {
  const hostile = toTimeline([
    track('Deal Lost', {
      deal_title: HOSTILE.html,
      lost_reason: HOSTILE.markdownLink,
      stage: 'Acme\u202Eexe.fdp',
      deal_url: 'javascript:alert(1)',
    }),
    track('Ticket Solved', { ticket_id: HOSTILE.lineBreaks, ticket_url: 'data:text/html,x' }),
  ])

  it('stay text in the rows, and unsafe URLs give no link', () => {
    const rows = format('en', hostile)
    expect(rows.map((row) => row.link)).toEqual([undefined, undefined])
    // Cut to a ticket number's length; the line breaks stay data (the panels show text, notes
    // put each value on one line).
    expect(rows[0]?.title).toBe(`Ticket #${HOSTILE.lineBreaks.slice(0, 39)}… solved`)
    expect(rows[1]?.title).toBe(`Deal lost: ${HOSTILE.markdownLink}`)
    expect(rows[1]?.details).toEqual([
      { label: 'Deal', value: HOSTILE.html },
      { label: 'Stage', value: 'Acme\u202Eexe.fdp' },
    ])
  })

  it('drops a link that arrives unsafe over the wire, whatever the entry says', () => {
    const won = toTimeline([track('Deal Won', DEAL)])[0] as TimelineEntry
    const forged = {
      ...won,
      link: { href: 'javascript:alert(1)', label: { id: 'timeline.link.deal' } },
    }
    expect(format('en', [forged])[0]?.link).toBeUndefined()
    expect(format('en', [won])[0]?.link?.href).toBe(DEAL.deal_url)
  })

  it('drops a link to another site, or to the other tool, whatever the entry says', () => {
    const won = toTimeline([track('Deal Won', DEAL)])[0] as TimelineEntry
    const elsewhere = (href: string, id: string) => ({ ...won, link: { href, label: { id } } })
    expect(
      format('en', [elsewhere('https://phish.example/deal/1', 'timeline.link.deal')])[0]?.link
    ).toBeUndefined()
    expect(
      format('en', [elsewhere('https://acme.pipedrive.com/deal/1', 'timeline.link.ticket')])[0]
        ?.link
    ).toBeUndefined()
    expect(
      format('en', [
        elsewhere('https://acme.zendesk.com/agent/tickets/1', 'timeline.link.ticket'),
      ])[0]?.link?.href
    ).toBe('https://acme.zendesk.com/agent/tickets/1')
  })
})
