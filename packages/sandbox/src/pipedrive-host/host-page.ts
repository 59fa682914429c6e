/**
 * @module pipedrive-host/host-page
 * The local Pipedrive's pages: the list of demo records, and a detail page with Pipedrive's left
 * sidebar holding the app's JSON panel (rendered on the server from the relay's answer) and its
 * custom panel (the real panel page in a cross-origin iframe). Every value is escaped text (hono's
 * `html` template, see html.ts); the page's scripts and styles are files of its own (its CSP
 * allows nothing else).
 */
import { raw } from 'hono/html'

import type {
  PipedriveDataset,
  PipedriveDeal,
  PipedriveOrganization,
  PipedrivePerson,
} from '../pipedrive/data.ts'
import { markup, scriptJson, type Markup } from './html.ts'
import type { RenderedPanel } from './json-panel-view.ts'

export type Resource = 'person' | 'deal' | 'organization'
export type HostTheme = 'light' | 'dark'

/** What the host script needs (see host-client.js). */
export interface HostData {
  readonly runtimeId: string
  readonly theme: HostTheme
  readonly initTimeoutMs: number
  readonly panelOrigin: string
}

const head = (title: string) =>
  markup`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><link rel="stylesheet" href="/host.css">`

export function indexPage(data: PipedriveDataset): Markup {
  const list = (heading: string, items: readonly { href: string; text: string }[]) =>
    markup`<h2>${heading}</h2><ul>${items.map(
      (item) => markup`<li><a href="${item.href}">${item.text}</a></li>`
    )}</ul>`
  return markup`${head('Intilery Connect: Pipedrive demo')}</head><body class="pd-light">
<header class="pd-topbar">Pipedrive (local stand-in)</header><main class="pd-index">
<h1>Demo records</h1><p>Open a record to see the Intilery panels in its sidebar, as a sales rep would.</p>
${list(
  'People',
  data.persons.map((p) => ({ href: `/person/${p.id}`, text: `${p.name} (person ${p.id})` }))
)}
${list(
  'Deals',
  data.deals.map((d) => ({ href: `/deal/${d.id}`, text: `${d.title} (deal ${d.id})` }))
)}
${list(
  'Organizations',
  data.organizations.map((o) => ({
    href: `/organization/${o.id}`,
    text: `${o.name} (organization ${o.id})`,
  }))
)}
</main></body></html>`
}

/** The record's own fields, as the detail page's main column lists them. */
export function recordFacts(
  data: PipedriveDataset,
  resource: Resource,
  id: number,
  /** A deal as the sandbox's Pipedrive holds it now (won, lost, moved on since the dataset). */
  live?: Pick<PipedriveDeal, 'title' | 'value' | 'currency' | 'status'>
): { title: string; facts: [string, string][] } | undefined {
  const personName = (personId: number | null) =>
    data.persons.find((p) => p.id === personId)?.name ?? '(none)'
  const orgName = (orgId: number | null) =>
    data.organizations.find((o) => o.id === orgId)?.name ?? '(none)'
  if (resource === 'person') {
    const person: PipedrivePerson | undefined = data.persons.find((p) => p.id === id)
    if (person === undefined) return undefined
    return {
      title: person.name,
      facts: [
        ['Email', person.emails.map((e) => e.value).join(', ') || '(none)'],
        ['Phone', person.phones.map((p) => p.value).join(', ') || '(none)'],
        ['Organization', orgName(person.org_id)],
      ],
    }
  }
  if (resource === 'deal') {
    const deal: PipedriveDeal | undefined = data.deals.find((d) => d.id === id)
    if (deal === undefined) return undefined
    const now = live ?? deal
    return {
      title: now.title,
      facts: [
        ['Value', `${now.value} ${now.currency}`],
        ['Status', now.status],
        ['Contact person', personName(deal.person_id)],
        ['Organization', orgName(deal.org_id)],
      ],
    }
  }
  const org: PipedriveOrganization | undefined = data.organizations.find((o) => o.id === id)
  if (org === undefined) return undefined
  const people = data.persons.filter((p) => p.org_id === id).map((p) => p.name)
  return { title: org.name, facts: [['People', people.join(', ') || '(none)']] }
}

export interface DetailPageInput {
  readonly resource: Resource
  readonly title: string
  readonly facts: readonly (readonly [string, string])[]
  readonly jsonPanel: RenderedPanel
  /** The custom panel's iframe URL (on the relay). */
  readonly panelSrc: string
  readonly hostData: HostData
  /** A deal's actions and the last webhook deliveries (deal-actions.ts), when the page has them. */
  readonly actions?: Markup | undefined
}

export function detailPage(input: DetailPageInput): Markup {
  const facts = input.facts.map(
    ([label, value]) => markup`<div><dt>${label}</dt><dd>${value}</dd></div>`
  )
  const dark = input.hostData.theme === 'dark'
  // The custom panel sits above the JSON panel (users order them in Pipedrive): a tall JSON panel
  // would push it off-screen, where Chromium stops animation frames in cross-origin frames.
  // host.js runs in <head>, after its data: it must listen before the iframe can load or message.
  // The JSON panel's markup was escaped as renderJsonPanel built it (json-panel-view.ts): it goes
  // in as it is, the one value here that is not text.
  const jsonPanel = raw(input.jsonPanel.html)
  return markup`${head(`${input.title} · Pipedrive`)}
<script id="host-data" type="application/json">${scriptJson(input.hostData)}</script>
<script src="/host.js"></script></head>
<body class="${dark ? 'pd-dark' : 'pd-light'}">
<header class="pd-topbar">Pipedrive (local stand-in) · <a href="/">All demo records</a>
<button type="button" id="theme-toggle" aria-pressed="${String(dark)}">Dark theme</button></header>
<div class="pd-detail">
<aside class="pd-sidebar" aria-label="Sidebar">
<section class="pd-box" aria-label="Details"><h2>Details</h2><dl class="pd-facts">${facts}</dl></section>
<section class="pd-box" id="custom-panel" aria-label="Intilery (custom panel)">
<h2>Intilery <button type="button" id="collapse-toggle" aria-expanded="true">Collapse</button></h2>
<iframe id="panel-frame" title="Intilery panel" src="${input.panelSrc}"></iframe>
<p id="panel-timeout" hidden>The app did not initialize in time</p>
</section>
<section class="pd-box" id="json-panel" data-state="${input.jsonPanel.state}" aria-label="Intilery (JSON panel)">
<h2>Intilery (JSON panel)</h2>${jsonPanel}</section>
</aside>
<main class="pd-main"><p class="pd-kind">${input.resource}</p><h1>${input.title}</h1>
${input.actions ?? ''}
<h2>Host log (newest first)</h2><ul id="host-log"></ul></main>
</div>
<div id="snackbar" role="status" hidden></div>
</body></html>`
}
