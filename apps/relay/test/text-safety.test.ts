// Bidi controls (U+202A–U+202E, U+2066–U+2069) never leave the apps: the hostile-strings customer
// (sandbox SEEDED.hostile: `invoice\u202Efdp.exe` and isolates in traits and events) yields none
// in the JSON panel's answer, in the Zendesk internal note (core's summarize) or in the note the
// Pipedrive app writes; each shows as U+FFFD instead.
import { createProfileRef, summarize } from '@intilery-connect/core'
import { SEEDED } from '@intilery-connect/sandbox'
import { describe, expect, it } from 'vitest'

import { directUpstream } from './app-harness.ts'
import { assertValidPanel } from './json-panel-validator.ts'
import { ADMIN, CUSTOM_PANEL_SECRET, useHarness } from './pipedrive-harness.ts'
import { customerContext } from '../src/customers/customer-context.ts'

const harness = useHarness([ADMIN])
const BIDI = /[\u202A-\u202E\u2066-\u2069]/

async function hostileContext() {
  const upstream = directUpstream(harness().sandbox)
  return (await customerContext(upstream, createProfileRef('id', SEEDED.hostile.id), {})).context
}

describe('bidi controls', () => {
  it('are in the hostile customer’s data, so the checks below see them arrive', async () => {
    const context = await hostileContext()
    expect(JSON.stringify(context)).toMatch(BIDI)
  })

  it.each([
    ['person', 5],
    ['organization', 2],
  ] as const)('are neutralised in the JSON panel of %s %i', async (resource, id) => {
    const response = await fetch(await harness().panelUrl(resource, id))
    const text = await response.text()
    expect(response.status).toBe(200)
    assertValidPanel(JSON.parse(text))
    expect(text).not.toMatch(BIDI)
    expect(text).toContain('\uFFFD')
  })

  it.each(['text', 'markdown'] as const)(
    'are neutralised in the Zendesk internal note (%s)',
    async (format) => {
      const note = summarize(await hostileContext(), { locale: 'en', format, timeZone: 'UTC' })
      expect(note).not.toMatch(BIDI)
      expect(note).toContain('invoice\uFFFDfdp.exe')
    }
  )

  it('are neutralised in the Pipedrive note, whatever the panel sends', async () => {
    // What the custom panel sends, and the same text with its controls intact, as a modified
    // browser could send it: the relay's note HTML neutralises them either way.
    const summary = summarize(await hostileContext(), { locale: 'en', format: 'text' })
    for (const text of [summary, `${summary}\nraw: invoice\u202Efdp.exe x\u2067y\u2069`]) {
      const response = await fetch(`${harness().relayUrl}/pipedrive/v1/notes`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await harness().token({}, CUSTOM_PANEL_SECRET)}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ resource: 'person', id: 5, text }),
      })
      expect(response.status).toBe(201)
      const note = harness().pipedrive.notes.at(-1)
      expect(note?.content).not.toMatch(BIDI)
      expect(note?.content).toContain('invoice\uFFFDfdp.exe')
    }
  })
})
