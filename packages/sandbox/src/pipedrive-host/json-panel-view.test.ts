import { describe, expect, it } from 'vitest'

import { renderJsonPanel, type PanelAnswer } from './json-panel-view.ts'

const HOSTILE = '<img src=x onerror=alert(1)>'
/** A panel schema in the shape Developer Hub takes (reference/pipedrive.md §1.5). */
const SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    required: ['id', 'header'],
    properties: {
      id: { $ref: '#/definitions/numerical' },
      header: { $ref: '#/definitions/header' },
      email: { $ref: '#/definitions/email', label: 'Email' },
      lifecycle: { $ref: '#/definitions/label', label: 'Lifecycle stage' },
      audiences: { $ref: '#/definitions/tags', label: 'Audiences' },
      ltv: { $ref: '#/definitions/currency', label: 'Lifetime value' },
      last_seen: { $ref: '#/definitions/date-time', label: 'Last seen' },
      details: { $ref: '#/definitions/text', label: 'Details' },
      profile_link: { $ref: '#/definitions/link', label: 'Profile' },
    },
  },
}
const ok = (body: unknown): PanelAnswer => ({ status: 200, body })
const joe = {
  id: 1,
  header: 'Joe Bloggs',
  // Out of schema order on purpose: the panel follows the schema.
  profile_link: { label: 'Open profile', value: 'https://app.example.com/p/1', external: true },
  email: 'joe.bloggs@intilery.com',
  lifecycle: { color: 'green', label: 'Active customer' },
  audiences: ['High intent', 'Trial users'],
  ltv: { code: 'GBP', value: 1250.5 },
  last_seen: '2026-09-01T10:15:00Z',
}

describe('the JSON panel as Pipedrive draws it', () => {
  it('shows each object with its header and the fields in schema order, with the schema’s labels', () => {
    const panel = renderJsonPanel(
      ok({
        data: [joe],
        external_link: { url: 'https://app.example.com', label: 'Open Intilery' },
      }),
      SCHEMA
    )
    expect(panel.state).toBe('data')
    expect(panel.html).toContain('<h3 class="pd-object-header">Joe Bloggs</h3>')
    const labels = [...panel.html.matchAll(/<dt>([^<]*)<\/dt>/g)].map((m) => m[1])
    expect(labels).toEqual([
      'Email',
      'Lifecycle stage',
      'Audiences',
      'Lifetime value',
      'Last seen',
      'Profile',
    ])
    expect(panel.html).toContain('<span class="pd-label pd-label-green">Active customer</span>')
    expect(panel.html).toContain('<span class="pd-tag">Trial users</span>')
    expect(panel.html).toContain('£1,250.50')
    expect(panel.html).toContain('2026-09-01 10:15')
    expect(panel.html).toContain(
      '<a href="https://app.example.com/p/1" target="_blank" rel="noopener noreferrer">Open profile</a>'
    )
    expect(panel.html).toMatch(
      /<a class="pd-external-link" href="https:\/\/app.example.com\/"[^>]*>Open Intilery<\/a>$/
    )
  })

  it('writes every value from the answer as text, markdown included, and links only to http(s)', () => {
    const panel = renderJsonPanel(
      ok({
        data: [
          {
            id: 1,
            header: HOSTILE,
            email: `"><script>alert(1)</script>`,
            lifecycle: { color: '"><svg onload=alert(1)>', label: HOSTILE },
            audiences: [HOSTILE],
            details: { markdown: true, value: `**bold** [x](javascript:alert(1)) ${HOSTILE}` },
            profile_link: { label: HOSTILE, value: 'javascript:alert(1)', external: true },
          },
        ],
        external_link: { url: 'https://app.example.com/?a=1&b="2"', label: HOSTILE },
      }),
      SCHEMA
    )
    expect(panel.state).toBe('data')
    expect(panel.html).not.toMatch(/<(img|script|svg)\b/i)
    expect(panel.html).not.toMatch(/href="javascript/i)
    expect(panel.html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    // A real link: its text escaped, its href an attribute no value can leave.
    expect(panel.html).toContain(
      '<a class="pd-external-link" href="https://app.example.com/?a=1&amp;b=%222%22" target="_blank" rel="noopener noreferrer">&lt;img src=x onerror=alert(1)&gt;</a>'
    )
    expect(panel.html).toContain('**bold**')
    // An unknown colour is grey, never an attribute breakout.
    expect(panel.html).toContain('pd-label-grey')
  })

  it('cuts text at 255 characters and labels at 40', () => {
    const panel = renderJsonPanel(
      ok({
        data: [
          {
            id: 1,
            header: 'h',
            details: 'a'.repeat(300),
            lifecycle: { color: 'red', label: 'b'.repeat(50) },
          },
        ],
      }),
      SCHEMA
    )
    expect(panel.html).toContain(`${'a'.repeat(255)}…`)
    expect(panel.html).not.toContain('a'.repeat(256))
    expect(panel.html).toContain(`${'b'.repeat(40)}…`)
  })

  it('shows "Nothing to show" for an empty answer', () => {
    for (const body of [{ data: [] }, { data: {} }]) {
      expect(renderJsonPanel(ok(body), SCHEMA)).toMatchObject({
        state: 'empty',
        html: '<p class="pd-empty">Nothing to show</p>',
      })
    }
  })

  it('shows an error body on a non-success status as the error state, subtitle as text', () => {
    const panel = renderJsonPanel({
      status: 403,
      body: {
        error: {
          title: 'Connect Pipedrive',
          subtitle: `Install the app first. [Open](https://relay.example.com/x) ${HOSTILE}`,
          action: { url: 'https://relay.example.com/pipedrive/oauth/start', label: 'Connect' },
        },
      },
    })
    expect(panel.state).toBe('error')
    expect(panel.html).toContain('<p class="pd-error-title">Connect Pipedrive</p>')
    expect(panel.html).toContain('[Open](https://relay.example.com/x) &lt;img')
    expect(panel.html).toContain(
      '<a class="pd-error-action" href="https://relay.example.com/pipedrive/oauth/start" target="_blank" rel="noopener noreferrer">Connect</a>'
    )
  })

  it.each([
    ['an undeclared property', ok({ data: [{ ...joe, secret: 'x' }] })],
    ['a missing required property', ok({ data: [{ header: 'No id' }] })],
    ['a wrong type', ok({ data: [{ ...joe, ltv: 1250 }] })],
    ['a link without its value', ok({ data: [{ ...joe, profile_link: { label: 'x' } }] })],
    [
      'more than 10 objects',
      ok({ data: Array.from({ length: 11 }, (_, i) => ({ id: i, header: 'x' })) }),
    ],
    ['no data', ok({ items: [] })],
    ['an error body on a 200', ok({ error: { title: 'Oops' } })],
    ['a failure without an error body', { status: 500, body: { message: 'boom' } }],
    ['an error without a title', { status: 400, body: { error: { subtitle: 'x' } } }],
    ['a timeout', { failed: 'timeout' } as const],
    ['an answer that is not JSON', { failed: 'not_json' } as const],
  ])('shows "Something went wrong…" for %s', (_name, answer) => {
    const panel = renderJsonPanel(answer, SCHEMA)
    expect(panel.state).toBe('broken')
    expect(panel.html).toBe('<p class="pd-broken">Something went wrong…</p>')
    expect(panel.problem).toBeTruthy()
  })

  it('without a schema, shows fields under their keys, guessing each type', () => {
    const panel = renderJsonPanel(
      ok({ data: { header: 'Solo', plan: 'pro', seats: 3, tags: ['a'] } })
    )
    expect(panel.state).toBe('data')
    expect(panel.html).toContain('<dt>plan</dt><dd>pro</dd>')
    expect(panel.html).toContain('<dt>seats</dt><dd>3</dd>')
    expect(panel.html).toContain('<span class="pd-tag">a</span>')
  })
})
