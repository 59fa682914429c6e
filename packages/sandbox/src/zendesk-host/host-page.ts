/**
 * @module zendesk-host/host-page
 * The local Zendesk's pages: the preview list of demo tickets and a ticket view with the real app in
 * a sidebar-width iframe. Values are escaped into HTML text by hono's `html` template, and into
 * the page's JSON with `<` written as \u003c so no value can close the script element.
 */
// Named `markup` here because Prettier formats any template tagged `html` as HTML, which would
// reflow the pages (and the text in their elements) on every format.
import { html as markup, raw } from 'hono/html'

import type { DemoTicket, Requester } from './demo-tickets.ts'

/**
 * Page data for a `<script type="application/json">`. Not hono's escaping: a script element's
 * text is never entity-decoded, so `&quot;` would stay in the JSON. Every `<` is written `\u003c`
 * instead (the same string to JSON.parse), so no value can spell `</script>`.
 */
const scriptJson = (value: unknown) => raw(JSON.stringify(value).replace(/</g, '\\u003c'))

/** This file's own CSS, not text: escaping would turn a future `>` selector into `&gt;`. */
const STYLE = raw(`
body { margin: 0; font: 14px/1.4 system-ui, sans-serif; color: #2f3941; background: #f8f9f9; }
header { background: #03363d; color: #fff; padding: 8px 16px; font-weight: 600; }
main { display: flex; gap: 16px; padding: 16px; align-items: flex-start; }
.ticket { flex: 1; background: #fff; border: 1px solid #d8dcde; border-radius: 4px; padding: 16px; }
.sidebar { width: 320px; flex: 0 0 320px; background: #fff; border: 1px solid #d8dcde; border-radius: 4px; }
.sidebar h2 { font-size: 12px; text-transform: uppercase; margin: 0; padding: 8px 12px; border-bottom: 1px solid #d8dcde; }
iframe { width: 100%; height: 200px; border: 0; display: block; }
textarea { width: 100%; min-height: 120px; }
#ticket-actions button { margin-right: 4px; }
.zd-muted { color: #68737d; }
a { color: #1f73b7; }
body.zd-dark { color: #e9ebed; background: #101518; }
.zd-dark .ticket, .zd-dark .sidebar { background: #171d21; border-color: #3a444a; }
.zd-dark .sidebar h2 { border-color: #3a444a; }
.zd-dark a { color: #5eaee9; }
`)

/** Zendesk's agent interface theme; apps get it as `colorScheme` (URL parameter, property, event). */
export type ColorScheme = 'light' | 'dark'

export function previewPage(tickets: readonly DemoTicket[]) {
  // One line each: hono's template joins an interpolated array with nothing.
  const rows = tickets.map(
    (t, i) =>
      markup`${i === 0 ? '' : '\n'}<li><a href="/tickets/${t.id}">#${t.id} ${t.subject}</a> — ${t.requester.name}: ${t.about}</li>`
  )
  return markup`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Intilery Connect: Zendesk demo</title><style>${STYLE}</style></head>
<body><header>Zendesk Support (local stand-in)</header><main><div class="ticket">
<h1>Demo tickets</h1><p>Open a ticket to see the Intilery sidebar as an agent would.</p><ul>${rows}</ul></div></main></body></html>`
}

/** A ticket's state as the page shows it and the buttons change it. */
export interface TicketState {
  readonly id: number
  readonly status: string
  readonly rating: string
}

export interface TicketPageInput {
  readonly ticket: DemoTicket
  /** Whom the requester picker offers. */
  readonly requesters: readonly Requester[]
  readonly state: TicketState
  /** Where the host's webhook sends, or null when none is set up. */
  readonly webhookUrl: string | null
  /** The app's iframe URL before `origin`/`app_guid` are added. */
  readonly appUrl: string
  readonly hostOrigin: string
  readonly context: Record<string, unknown>
  readonly metadata: Record<string, unknown>
  readonly values: Record<string, unknown>
  readonly colorScheme: ColorScheme
}

export function ticketPage(input: TicketPageInput) {
  const { ticket } = input
  const appGuid = `app-${ticket.id}`
  // Zendesk puts the current colorScheme in the app iframe's URL, readable before ZAF starts.
  const src = `${input.appUrl}?origin=${encodeURIComponent(input.hostOrigin)}&app_guid=${appGuid}&colorScheme=${input.colorScheme}`
  const dark = input.colorScheme === 'dark'
  const { requesters } = input
  const options = requesters.map(
    (r, i) =>
      markup`<option value="${i}"${r.id === ticket.requester.id ? markup` selected` : ''}>${r.name}</option>`
  )
  const data = {
    context: input.context,
    metadata: input.metadata,
    values: { ...input.values, colorScheme: input.colorScheme },
    requesters,
    ticket: input.state,
    webhookUrl: input.webhookUrl,
  }
  const webhook =
    input.webhookUrl === null
      ? markup`No webhook is set up: the buttons change the ticket, and nothing is sent.`
      : markup`Triggers on these changes send a signed webhook to ${input.webhookUrl}`
  return markup`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>#${ticket.id} ${ticket.subject}</title><style>${STYLE}</style></head>
<body class="${dark ? 'zd-dark' : 'zd-light'}"><header>Zendesk Support (local stand-in) · <a style="color:#fff" href="/">All demo tickets</a>
<button type="button" id="scheme-toggle" aria-pressed="${String(dark)}">Dark mode</button></header>
<main><div class="ticket">
<h1>#${ticket.id} ${ticket.subject}</h1>
<p>Requester: <label><select id="requester" aria-label="Requester">${options}</select></label></p>
<p><button type="button" id="toggle-app">Hide app</button></p>
<p>Status: <strong id="ticket-status">${input.state.status}</strong> · Satisfaction: <span id="ticket-rating">${input.state.rating}</span></p>
<p id="ticket-actions"><button type="button" data-action="solve">Solve</button><button type="button" data-action="reopen">Reopen</button><button type="button" data-action="rate_good" title="As the customer answering the survey">Rate good</button><button type="button" data-action="rate_bad" title="As the customer answering the survey">Rate bad</button><button type="button" data-action="new_ticket">New ticket</button></p>
<p id="webhook-setup" class="zd-muted">${webhook}</p>
<h2>Webhook deliveries (newest first)</h2><ul id="webhook-deliveries"></ul>
<h2>Comment</h2>
<p>Type: <span id="note-type">publicReply</span> (the app sets internalNote)</p>
<textarea id="internal-note" aria-label="Internal note"></textarea>
<h2>Host log (newest first)</h2><ul id="host-log"></ul>
</div>
<aside class="sidebar"><h2>Intilery</h2><iframe id="app-frame" title="Intilery app" src="${src}"></iframe></aside>
</main>
<script id="host-data" type="application/json">${scriptJson(data)}</script>
<script src="/host.js"></script>
</body></html>`
}
