// @vitest-environment happy-dom
// Who the panel blames when a read fails: "Intilery can't be reached" only when the relay's own
// answer says so (`upstream_unavailable`); when no relay answered (no answer at all, or a proxy's
// 5xx without the relay's JSON body) it is the relay that can't be reached.
import { loadLocale } from '@intilery-connect/core'
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { RelayClient } from '../relay-client.ts'
import { relayCallError, RelayCallError } from '../relay-error.ts'
import { CustomerPanel } from './CustomerPanel.tsx'
import { failurePart } from './failure-part.tsx'

// The failure part's code, loaded before any test draws a failure (it loads lazily in the app).
beforeAll(() => failurePart.preload())

const lookup = { type: 'email', value: 'joe.bloggs@intilery.com' } as const
const relayBody = (code: string) =>
  JSON.stringify({ error: { code, message: `m-${code}`, requestId: 'r-1' } })

await Promise.all(['de', 'ja'].map((locale) => loadLocale(locale)))

let root: HTMLElement
afterEach(() => render(null, root))

/** The panel's message when the first read fails with `error`. */
async function shownFor(error: RelayCallError, locale = 'en') {
  const client: RelayClient = {
    context: () => Promise.reject(error),
    events: () => Promise.reject(error),
    filteredEvents: () => Promise.reject(error),
    computedTraits: () => Promise.reject(error),
  }
  root = document.createElement('div')
  await act(async () => {
    render(<CustomerPanel client={client} lookup={lookup} locale={locale} theme="zendesk" />, root)
    await Promise.resolve()
  })
  await act(() => Promise.resolve())
  return root.querySelector('[role=alert], [role=status]')?.textContent
}

describe('a failed read', () => {
  it.each([
    ['no answer at all', 0, undefined, 'The relay can’t be reached right now.'],
    [
      'a proxy’s 502 without the relay’s body',
      502,
      'The proxied request failed',
      'The relay can’t be reached right now.',
    ],
    [
      'a gateway’s 504 page',
      504,
      '<html>Gateway Timeout</html>',
      'The relay can’t be reached right now.',
    ],
    [
      'the relay saying Intilery is unavailable',
      503,
      relayBody('upstream_unavailable'),
      'Intilery can’t be reached right now.',
    ],
    ['the relay’s own failure', 500, relayBody('internal'), 'Something went wrong.'],
    [
      'a 5xx code this app does not know yet',
      503,
      relayBody('quota_exceeded'),
      'Something went wrong.',
    ],
  ])('on %s', async (_name, status, body, text) => {
    expect(await shownFor(relayCallError(status, body, null))).toContain(text)
  })

  it('keeps the host’s own words when it knows why no relay answered', async () => {
    const error = new RelayCallError('network', 'No relay answered at https://relay.example', {
      code: 'relay_unreachable',
    })
    expect(await shownFor(error)).toContain('No relay answered at the app’s Relay URL')
  })

  it('says it in the agent’s language', async () => {
    expect(await shownFor(relayCallError(0, undefined), 'de')).toContain(
      'Das Relay ist gerade nicht erreichbar.'
    )
    expect(
      await shownFor(relayCallError(503, relayBody('upstream_unavailable'), null), 'ja')
    ).toContain('現在Intileryに接続できません。')
  })
})
