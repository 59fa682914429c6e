// Which URLs from event data become a link an agent can click: https into the tool the row is about
// (Zendesk for tickets, Pipedrive for deals and persons), http or https to this machine (the demo's
// local Zendesk and Pipedrive), never another site, a script, data or credentials URL.
import { describe, expect, it } from 'vitest'

import { safeLinkHref } from './safe-link.ts'

describe('safeLinkHref', () => {
  it.each([
    [
      'zendesk',
      'https://acme.zendesk.com/agent/tickets/123',
      'https://acme.zendesk.com/agent/tickets/123',
    ],
    ['pipedrive', 'https://acme.pipedrive.com/deal/42', 'https://acme.pipedrive.com/deal/42'],
    [
      'zendesk',
      'http://127.0.0.1:4101/agent/tickets/101',
      'http://127.0.0.1:4101/agent/tickets/101',
    ],
    ['pipedrive', 'http://localhost:4102/deal/7', 'http://localhost:4102/deal/7'],
    ['pipedrive', 'http://[::1]:4102/person/7', 'http://[::1]:4102/person/7'],
    // Normalised: what is checked is what opens.
    ['zendesk', '  HTTPS://Acme.Zendesk.com/a b  ', 'https://acme.zendesk.com/a%20b'],
  ] as const)('offers a %s link %j', (tool, input, href) => {
    expect(safeLinkHref(input, tool)).toBe(href)
    // Checked again when formatted: a safe href stays itself.
    expect(safeLinkHref(href, tool)).toBe(href)
  })

  it.each([
    ['zendesk', 'https://evil.example/agent/tickets/1'],
    ['zendesk', 'https://acme.pipedrive.com/deal/1'],
    ['zendesk', 'https://zendesk.com.evil.example/'],
    ['zendesk', 'https://evilzendesk.com/'],
    ['pipedrive', 'https://acme.zendesk.com/agent/tickets/1'],
    ['pipedrive', 'https://phish.example/deal/1'],
  ] as const)('refuses a %s link to another site: %j', (tool, input) => {
    expect(safeLinkHref(input, tool)).toBeUndefined()
  })

  it.each([
    ['javascript:alert(1)'],
    ['JaVaScRiPt:alert(1)'],
    ['java\tscript:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['vbscript:msgbox(1)'],
    ['file:///etc/passwd'],
    ['ftp://acme.example/x'],
    ['http://acme.zendesk.com/agent/tickets/1'],
    ['http://127.0.0.1.evil.example/'],
    ['https://acme.zendesk.com@evil.example/'],
    ['https://user:pass@acme.zendesk.com/'],
    ['//evil.example/x'],
    ['/agent/tickets/1'],
    ['not a url'],
    [''],
    [`https://acme.zendesk.com/${'x'.repeat(2000)}`],
  ])('refuses %j', (input) => {
    expect(safeLinkHref(input, 'zendesk')).toBeUndefined()
    expect(safeLinkHref(input, 'pipedrive')).toBeUndefined()
  })

  it.each([[undefined], [null], [42], [{ href: 'https://a.example/' }], [['https://a.example/']]])(
    'refuses a non-string %j',
    (input) => {
      expect(safeLinkHref(input, 'zendesk')).toBeUndefined()
    }
  )
})
