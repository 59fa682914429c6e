/**
 * @module screenshots/shots
 * Which screenshots docs/screenshots/ holds: four customers in both apps and both colour schemes,
 * each opened where the demo opens it (a Zendesk ticket, a Pipedrive person). One list feeds the
 * capture and the folder's README index, so the index can never name a picture that is not taken.
 */
import { DEMO_PIPEDRIVE } from '@intilery-connect/demo'

export type Scheme = 'light' | 'dark'
export type AppName = 'zendesk' | 'pipedrive'

export interface DocCustomer {
  /** The file name's customer part. */
  readonly slug: string
  readonly name: string
  readonly zendeskTicket: number
  readonly pipedrivePerson: number
  /** What the pictures of this customer show. */
  readonly shows: string
  /** The app shows a choice of customers rather than one (an email two customers share). */
  readonly picker: boolean
}

export const DOC_CUSTOMERS: readonly DocCustomer[] = [
  {
    slug: 'joe-bloggs',
    name: 'Joe Bloggs',
    zendeskTicket: 101,
    pipedrivePerson: DEMO_PIPEDRIVE.joePersonId,
    shows: 'the spec’s example customer: a B2B lead, email engagement, page views',
    picker: false,
  },
  {
    slug: 'high-value',
    name: 'Eleanor Whitfield',
    zendeskTicket: 106,
    pipedrivePerson: DEMO_PIPEDRIVE.highValuePersonId,
    shows: 'a high-value shopper: lifetime value, orders, recent orders, churn risk',
    picker: false,
  },
  {
    slug: 'shared-email',
    name: 'Sam Taylor / Samantha Taylor-Reid',
    zendeskTicket: 102,
    pipedrivePerson: DEMO_PIPEDRIVE.sharedEmailPersonId,
    shows: 'one email, two Intilery customers: the picker and what tells them apart',
    picker: true,
  },
  {
    slug: 'hostile',
    name: 'Bobby Tables (hostile strings)',
    zendeskTicket: 104,
    pipedrivePerson: DEMO_PIPEDRIVE.hostilePersonId,
    shows: 'XSS and bidi payloads in names, traits and events, all shown as text',
    picker: false,
  },
]

export const SCHEMES: readonly Scheme[] = ['light', 'dark']
export const APPS: readonly AppName[] = ['zendesk', 'pipedrive']

export interface DocShot {
  readonly customer: DocCustomer
  readonly app: AppName
  readonly scheme: Scheme
  readonly file: string
}

export function docShots(): DocShot[] {
  return DOC_CUSTOMERS.flatMap((customer) =>
    APPS.flatMap((app) =>
      SCHEMES.map((scheme) => ({
        customer,
        app,
        scheme,
        file: `${app}-${customer.slug}-${scheme}.png`,
      }))
    )
  )
}

const APP_LABEL: Record<AppName, string> = {
  zendesk: 'Zendesk ticket sidebar',
  pipedrive: 'Pipedrive custom panel',
}

/** docs/screenshots/README.md: a table of every picture, written by the script that takes them. */
export function screenshotIndex(shots: readonly DocShot[]): string {
  const header = ['customer', 'app', 'scheme', 'what it shows', 'file']
  const cells = shots.map((s) => [
    s.customer.name,
    APP_LABEL[s.app],
    s.scheme,
    s.customer.shows,
    `[${s.file}](${s.file})`,
  ])
  // Padded as Prettier pads a Markdown table, so the written file passes the format check as is.
  const widths = header.map((h, i) =>
    Math.max(h.length, ...cells.map((row) => row[i]?.length ?? 0))
  )
  const line = (row: readonly string[]) =>
    `| ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`
  const rule = `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`
  return [
    '# Screenshots',
    '',
    'The Zendesk sidebar and the Pipedrive custom panel for four sandbox customers, in the light and',
    'dark colour schemes, taken from the real apps running against the relay and the sandbox (the',
    'demo’s data). Zendesk pictures are the 320-px ticket sidebar, cut at 900 px (about what an',
    'agent sees without scrolling); Pipedrive pictures are the custom panel’s box on the record',
    'page, at most the 750 px Pipedrive lets a panel be. Regenerate them with',
    '`pnpm --filter @intilery-connect/e2e screenshots -- --docs` (this file is written by the same',
    'script).',
    '',
    line(header),
    rule,
    ...cells.map(line),
    '',
  ].join('\n')
}
