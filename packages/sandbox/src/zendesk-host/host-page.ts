/**
 * @module zendesk-host/host-page
 * The local Zendesk's pages: the preview list of demo tickets and a ticket view with the real app in
 * a sidebar-width iframe. Data is escaped into HTML text, and into the page's JSON with `<` written
 * as \u003c so no value can close the script element.
 */
import type { DemoTicket } from './demo-tickets.ts'

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c')

const STYLE = `
body { margin: 0; font: 14px/1.4 system-ui, sans-serif; color: #2f3941; background: #f8f9f9; }
header { background: #03363d; color: #fff; padding: 8px 16px; font-weight: 600; }
main { display: flex; gap: 16px; padding: 16px; align-items: flex-start; }
.ticket { flex: 1; background: #fff; border: 1px solid #d8dcde; border-radius: 4px; padding: 16px; }
.sidebar { width: 320px; flex: 0 0 320px; background: #fff; border: 1px solid #d8dcde; border-radius: 4px; }
.sidebar h2 { font-size: 12px; text-transform: uppercase; margin: 0; padding: 8px 12px; border-bottom: 1px solid #d8dcde; }
iframe { width: 100%; height: 200px; border: 0; display: block; }
textarea { width: 100%; min-height: 120px; }
a { color: #1f73b7; }
`

export function previewPage(tickets: readonly DemoTicket[]): string {
  const rows = tickets
    .map(
      (t) =>
        `<li><a href="/tickets/${t.id}">#${t.id} ${escapeHtml(t.subject)}</a> — ${escapeHtml(t.requester.name)}: ${escapeHtml(t.about)}</li>`
    )
    .join('\n')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Intilery Connect: Zendesk demo</title><style>${STYLE}</style></head>
<body><header>Zendesk Support (local stand-in)</header><main><div class="ticket">
<h1>Demo tickets</h1><p>Open a ticket to see the Intilery sidebar as an agent would.</p><ul>${rows}</ul></div></main></body></html>`
}

export interface TicketPageInput {
  readonly ticket: DemoTicket
  readonly tickets: readonly DemoTicket[]
  /** The app's iframe URL before `origin`/`app_guid` are added. */
  readonly appUrl: string
  readonly hostOrigin: string
  readonly context: Record<string, unknown>
  readonly metadata: Record<string, unknown>
  readonly values: Record<string, unknown>
}

export function ticketPage(input: TicketPageInput): string {
  const { ticket } = input
  const appGuid = `app-${ticket.id}`
  const src = `${input.appUrl}?origin=${encodeURIComponent(input.hostOrigin)}&app_guid=${appGuid}`
  const requesters = input.tickets.map((t) => t.requester)
  const options = requesters
    .map(
      (r, i) =>
        `<option value="${i}"${r.id === ticket.requester.id ? ' selected' : ''}>${escapeHtml(r.name)}</option>`
    )
    .join('')
  const data = {
    context: input.context,
    metadata: input.metadata,
    values: input.values,
    requesters,
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>#${ticket.id} ${escapeHtml(ticket.subject)}</title><style>${STYLE}</style></head>
<body><header>Zendesk Support (local stand-in) · <a style="color:#fff" href="/">All demo tickets</a></header>
<main><div class="ticket">
<h1>#${ticket.id} ${escapeHtml(ticket.subject)}</h1>
<p>Requester: <label><select id="requester" aria-label="Requester">${options}</select></label></p>
<p><button type="button" id="toggle-app">Hide app</button></p>
<h2>Comment</h2>
<p>Type: <span id="note-type">publicReply</span> (the app sets internalNote)</p>
<textarea id="internal-note" aria-label="Internal note"></textarea>
<h2>Host log (newest first)</h2><ul id="host-log"></ul>
</div>
<aside class="sidebar"><h2>Intilery</h2><iframe id="app-frame" title="Intilery app" src="${escapeHtml(src)}"></iframe></aside>
</main>
<script id="host-data" type="application/json">${scriptJson(data)}</script>
<script src="/host.js"></script>
</body></html>`
}
