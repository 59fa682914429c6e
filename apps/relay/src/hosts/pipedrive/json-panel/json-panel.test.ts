import { normalizeProfiles, type CustomerContext } from '@intilery-connect/core'
import { describe, expect, it } from 'vitest'

import { fit, jsonPanel, MAX_LABEL, MAX_TEXT } from './json-panel.ts'
import { noteHtml } from '../custom-panel/note-html.ts'

const NOW = Date.parse('2026-11-22T12:00:00Z')

function contextWith(traits: Record<string, unknown>): CustomerContext {
  const profiles = normalizeProfiles({ meta: [{ id: 'p-1', traits }] })
  return { match: 'one', profiles, timeline: { entries: [] }, fetchedAt: '', stale: false }
}

describe('fit', () => {
  it('keeps short text, cuts long text between code points with an ellipsis', () => {
    expect(fit('  Joe \n Bloggs ', 20)).toBe('Joe Bloggs')
    const cut = fit('😀'.repeat(200), MAX_TEXT)
    expect(cut.length).toBeLessThanOrEqual(MAX_TEXT)
    expect(cut.endsWith('😀…')).toBe(true)
  })
})

describe('the JSON panel mapping', () => {
  it('fits over-long values and many audiences within Pipedrive’s limits', () => {
    const long = 'x'.repeat(5_000)
    const context = contextWith({ firstName: long, email: 'a@b.example', company: long })
    const panel = jsonPanel(
      { resource: 'person', id: 1, emails: ['a@b.example'] },
      { email: 'a@b.example', context },
      { profileUrl: 'https://demo.demo.intilery.com/customers', now: NOW }
    )
    const [profile] = panel.data
    expect(profile?.header.length).toBeLessThanOrEqual(MAX_TEXT)
    expect(profile?.key_traits?.length).toBeLessThanOrEqual(MAX_TEXT)
    for (const tag of profile?.audiences ?? []) expect(tag.length).toBeLessThanOrEqual(MAX_LABEL)
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
  })
})
