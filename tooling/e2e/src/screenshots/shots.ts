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

/** The part of the page a picture shows. */
export type Box = 'zendesk-sidebar' | 'pipedrive-custom-panel' | 'pipedrive-json-panel'

/** Where the picture is taken: a Zendesk ticket, or a Pipedrive record page. */
export type Opening =
  | { readonly ticket: number }
  | { readonly resource: 'person' | 'deal' | 'organization'; readonly id: number }

export interface DocShot {
  readonly file: string
  /** Who the picture is of (the index's first column). */
  readonly title: string
  readonly shows: string
  readonly box: Box
  readonly scheme: Scheme
  readonly open: Opening
  /**
   * What the app's frame must show first: one customer with a timeline, or the picker. (A JSON
   * panel picture waits for the custom panel above it too, so its place on the page is final.)
   */
  readonly wait: 'customer' | 'picker'
}

/** An organization of several people Intilery knows: the JSON panel's account roll-up. */
const ACCOUNT = {
  title: 'Whitfield & Partners Interiors (organization)',
  shows:
    'an account: how many of its people Intilery knows, their value and last activity, each named',
} as const

export function docShots(): DocShot[] {
  const customers = DOC_CUSTOMERS.flatMap((customer) =>
    APPS.flatMap((app) =>
      SCHEMES.map((scheme): DocShot => ({
        file: `${app}-${customer.slug}-${scheme}.png`,
        title: customer.name,
        shows: customer.shows,
        box: app === 'zendesk' ? 'zendesk-sidebar' : 'pipedrive-custom-panel',
        scheme,
        open:
          app === 'zendesk'
            ? { ticket: customer.zendeskTicket }
            : { resource: 'person', id: customer.pipedrivePerson },
        wait: customer.picker ? 'picker' : 'customer',
      }))
    )
  )
  const account = SCHEMES.map((scheme): DocShot => ({
    file: `pipedrive-json-account-${scheme}.png`,
    ...ACCOUNT,
    box: 'pipedrive-json-panel',
    scheme,
    open: { resource: 'organization', id: DEMO_PIPEDRIVE.accountOrgId },
    wait: 'customer',
  }))
  return [...customers, ...account]
}

const BOX_LABEL: Record<Box, string> = {
  'zendesk-sidebar': 'Zendesk ticket sidebar',
  'pipedrive-custom-panel': 'Pipedrive custom panel',
  'pipedrive-json-panel': 'Pipedrive JSON panel',
}

/** docs/screenshots/README.md: a table of every picture, written by the script that takes them. */
export function screenshotIndex(shots: readonly DocShot[]): string {
  const header = ['customer', 'app', 'scheme', 'what it shows', 'file']
  const cells = shots.map((s) => [
    s.title,
    BOX_LABEL[s.box],
    s.scheme,
    s.shows,
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
    'The Zendesk sidebar and the Pipedrive custom panel for four sandbox customers, and the',
    'Pipedrive JSON panel for an account, in the light and dark colour schemes, taken from the real',
    'apps running against the relay and the sandbox (the demo’s data). Zendesk pictures are the',
    '320-px ticket sidebar, cut at 900 px (about what an agent sees without scrolling); Pipedrive',
    'pictures are the panel’s box on the record page (a custom panel is at most the 750 px Pipedrive',
    'lets it be; the JSON panel is cut at 900 px). Regenerate them with',
    '`pnpm --filter @intilery-connect/e2e screenshots -- --docs` (this file is written by the same',
    'script).',
    '',
    line(header),
    rule,
    ...cells.map(line),
    '',
  ].join('\n')
}
