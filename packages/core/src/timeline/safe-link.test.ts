// Which URLs from event data become a link an agent can click: https anywhere, http only to this
// machine (the demo's local Zendesk and Pipedrive), never a script, data or credentials URL.
import { describe, expect, it } from 'vitest'

import { safeLinkHref } from './safe-link.ts'

describe('safeLinkHref', () => {
  it.each([
    ['https://acme.zendesk.com/agent/tickets/123', 'https://acme.zendesk.com/agent/tickets/123'],
    ['https://acme.pipedrive.com/deal/42', 'https://acme.pipedrive.com/deal/42'],
    ['http://127.0.0.1:4101/agent/tickets/101', 'http://127.0.0.1:4101/agent/tickets/101'],
    ['http://localhost:4102/deal/7', 'http://localhost:4102/deal/7'],
    ['http://[::1]:4102/person/7', 'http://[::1]:4102/person/7'],
    // Normalised: what is checked is what opens.
    ['  HTTPS://Acme.Zendesk.com/a b  ', 'https://acme.zendesk.com/a%20b'],
  ])('offers %j', (input, href) => {
    expect(safeLinkHref(input)).toBe(href)
    // Checked again when formatted: a safe href stays itself.
    expect(safeLinkHref(href)).toBe(href)
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
    expect(safeLinkHref(input)).toBeUndefined()
  })

  it.each([[undefined], [null], [42], [{ href: 'https://a.example/' }], [['https://a.example/']]])(
    'refuses a non-string %j',
    (input) => {
      expect(safeLinkHref(input)).toBeUndefined()
    }
  )
})
