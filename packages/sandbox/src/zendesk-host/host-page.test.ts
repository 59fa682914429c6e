// The local Zendesk's pages carry ticket subjects, requester names and app data that the tests
// make hostile: each must arrive as text (or as JSON the page reads back unchanged), never markup.
import { describe, expect, it } from 'vitest'

import { demoTickets, distinctRequesters, type DemoTicket } from './demo-tickets.ts'
import { previewPage, ticketPage } from './host-page.ts'

const HOSTILE = `<img src=x onerror=alert(1)> "q" 'a' & b`
const ESCAPED = '&lt;img src=x onerror=alert(1)&gt; &quot;q&quot; &#39;a&#39; &amp; b'
/** Closes the data script if written as it is, then starts markup of its own. */
const BREAKOUT = '</script><img src=x onerror=alert(1)>'

function hostileTickets(): DemoTicket[] {
  const [first, ...rest] = demoTickets()
  if (first === undefined) throw new Error('no demo tickets')
  const requester = { ...first.requester, name: HOSTILE }
  return [{ ...first, subject: HOSTILE, about: HOSTILE, requester }, ...rest]
}

function page(
  tickets: DemoTicket[],
  context: Record<string, unknown> = {},
  colorScheme: 'light' | 'dark' = 'light',
  webhookUrl: string | null = null
) {
  const ticket = tickets[0]
  if (ticket === undefined) throw new Error('no ticket')
  return ticketPage({
    ticket,
    requesters: distinctRequesters(tickets),
    state: { id: ticket.id, status: 'open', rating: 'unoffered' },
    webhookUrl,
    appUrl: 'http://localhost:4567/app/assets/index.html',
    hostOrigin: 'http://127.0.0.1:1234',
    context,
    metadata: { appId: 0 },
    values: { 'ticket.subject': BREAKOUT },
    colorScheme,
  })
}

describe('the local Zendesk’s pages', () => {
  it('list the demo tickets with subjects, names and notes as text', async () => {
    const html = String(await previewPage(hostileTickets()))
    expect(html).toContain(
      `<li><a href="/tickets/101">#101 ${ESCAPED}</a> — ${ESCAPED}: ${ESCAPED}</li>`
    )
    expect(html).toContain('<a href="/tickets/105">#105 Power user feedback</a>')
    expect(html).toContain('<a href="/tickets/106">#106 Upgrade my order</a>')
    expect(html).not.toContain('<img')
  })

  it('show a ticket’s subject and requester names as text', async () => {
    const html = String(await page(hostileTickets()))
    expect(html).toContain(`<title>#101 ${ESCAPED}</title>`)
    expect(html).toContain(`<h1>#101 ${ESCAPED}</h1>`)
    expect(html).toContain(`<option value="0" selected>${ESCAPED}</option>`)
    expect(html).toContain('<option value="4">Power User</option>')
    expect(html).toContain(
      'src="http://localhost:4567/app/assets/index.html?origin=http%3A%2F%2F127.0.0.1%3A1234&amp;app_guid=app-101&amp;colorScheme=light"'
    )
    expect(html).not.toContain('<img')
  })

  it('give the app Zendesk’s colorScheme in its iframe URL and as a property, and theme the page', async () => {
    const html = String(await page(demoTickets().slice(), {}, 'dark'))
    expect(html).toContain('&amp;colorScheme=dark"')
    expect(html).toContain('<body class="zd-dark">')
    const json = /<script id="host-data" type="application\/json">([\s\S]*?)<\/script>/.exec(html)
    expect(JSON.parse(json?.[1] ?? 'null')).toMatchObject({ values: { colorScheme: 'dark' } })
  })

  it('hand the host script its data as JSON no value can close the script element of', async () => {
    const context = { ticketId: 101, note: BREAKOUT }
    const html = String(await page(hostileTickets(), context))
    const scripts = html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? []
    expect(scripts.map((s) => /^<script\b[^>]*>/.exec(s)?.[0])).toEqual([
      '<script id="host-data" type="application/json">',
      '<script src="/host.js">',
    ])
    const json = /<script id="host-data" type="application\/json">([\s\S]*?)<\/script>/.exec(html)
    expect(JSON.parse(json?.[1] ?? 'null')).toMatchObject({
      context,
      values: { 'ticket.subject': BREAKOUT },
      requesters: [{ id: 9101, name: HOSTILE }, {}, {}, {}, {}, {}],
    })
    expect(html).not.toContain('<img')
  })

  it('show the ticket’s state, its buttons and where its webhook sends, as text', async () => {
    const tickets = demoTickets().slice()
    const none = String(await page(tickets))
    expect(none).toContain('<strong id="ticket-status">open</strong>')
    expect(none).toContain('<span id="ticket-rating">unoffered</span>')
    for (const action of ['solve', 'reopen', 'rate_good', 'rate_bad', 'new_ticket'])
      expect(none).toContain(`data-action="${action}"`)
    expect(none).toContain(
      'No webhook is set up: the buttons change the ticket, and nothing is sent.'
    )
    const hostile = String(await page(tickets, {}, 'light', `http://127.0.0.1:1/${HOSTILE}`))
    expect(hostile).toContain(`send a signed webhook to http://127.0.0.1:1/${ESCAPED}</p>`)
    expect(hostile).not.toContain('<img')
    const json = /<script id="host-data" type="application\/json">([\s\S]*?)<\/script>/.exec(
      hostile
    )
    expect(JSON.parse(json?.[1] ?? 'null')).toMatchObject({
      ticket: { id: 101, status: 'open', rating: 'unoffered' },
      webhookUrl: `http://127.0.0.1:1/${HOSTILE}`,
    })
  })
})
