import { normalizeProfiles, type CustomerContext } from '@intilery-connect/core'
import { describe, expect, it } from 'vitest'

import { fit, jsonPanel, MAX_LABEL, MAX_TEXT } from './json-panel.ts'
import { noteHtml } from '../custom-panel/note-html.ts'

const NOW = Date.parse('2026-11-22T12:00:00Z')

/** One customer from a meta answer with these traits at its top level, where Intilery puts them. */
function contextWith(traits: Record<string, unknown>): CustomerContext {
  const profiles = normalizeProfiles({ meta: [{ id: 'p-1', ...traits }] })
  return { match: 'one', profiles, timeline: { entries: [] }, fetchedAt: '', stale: false }
}

describe('fit', () => {
  it('keeps short text, cuts long text between code points with an ellipsis', () => {
    expect(fit('  Joe \n Bloggs ', 20)).toBe('Joe Bloggs')
    // 127 whole emoji (254 UTF-16 units) and the ellipsis: 255, no half of a surrogate pair.
    expect(fit('😀'.repeat(200), MAX_TEXT)).toBe(`${'😀'.repeat(127)}…`)
  })
})

describe('the JSON panel mapping', () => {
  it('fits over-long values and many audiences within Pipedrive’s limits', () => {
    const long = 'x'.repeat(5_000)
    const audiences = Array.from({ length: 20 }, (_, i) => `audience_${'long_name_'.repeat(8)}${i}`)
    const context = contextWith({ firstName: long, email: 'a@b.example', company: long, audiences })
    const panel = jsonPanel(
      { resource: 'person', id: 1, emails: ['a@b.example'] },
      { email: 'a@b.example', context },
      { profileUrl: 'https://demo.demo.intilery.com/customers', now: NOW }
    )
    const [profile] = panel.data
    expect(profile?.header).toBe(`${'x'.repeat(MAX_TEXT - 1)}…`)
    expect(profile?.key_traits).toBe(`Company: ${'x'.repeat(MAX_TEXT - 10)}…`)
    // The first 12 of 20 audiences, each name cut to Pipedrive's label length.
    const label = 'Long name long name long name long name…'
    expect(label).toHaveLength(MAX_LABEL)
    expect(profile?.audiences).toEqual(Array.from({ length: 12 }, () => label))
  })
})

describe('note HTML', () => {
  it('escapes everything and keeps line breaks', () => {
    expect(noteHtml(`a <b> & "c" 'd'\ne`)).toBe('a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;<br>e')
  })
})

describe('typed fields', () => {
  it('carry only a plausible email and phone, so an odd value cannot break the panel', () => {
    const context = contextWith({
      email: 'bobby+<svg/onload=alert(1)>@example.com',
      phone: 'call me <b>maybe</b>',
    })
    const [profile] = jsonPanel(
      { resource: 'person', id: 1, emails: ['x@y.example'] },
      { email: 'x@y.example', context },
      { profileUrl: 'https://demo.demo.intilery.com/customers', now: NOW }
    ).data
    expect(profile?.email).toBeUndefined()
    expect(profile?.phone).toBeUndefined()
    // The same fields with plausible values are carried.
    const plain = contextWith({ email: 'a@b.example', phone: '+44 20 7946 0000' })
    expect(
      jsonPanel(
        { resource: 'person', id: 1, emails: ['a@b.example'] },
        { email: 'a@b.example', context: plain },
        { profileUrl: 'https://demo.demo.intilery.com/customers', now: NOW }
      ).data[0]
    ).toMatchObject({ email: 'a@b.example', phone: '+44 20 7946 0000' })
  })
})
