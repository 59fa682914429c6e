// The sidebar follows Zendesk's colour scheme (the iframe URL's `colorScheme` parameter, then the
// `colorScheme.changed` event), and the operating system's only while Zendesk says nothing.
import { describe, expect, it } from 'vitest'

import { colorSchemeParam, followColorScheme, type SystemScheme } from './color-scheme.ts'
import type { ZafClient } from './zaf.ts'

/** A ZAF client whose events the test fires, and an OS preference the test flips. */
function host(systemDark = false) {
  const handlers = new Map<string, ((payload?: unknown) => void)[]>()
  const zaf: Pick<ZafClient, 'on'> = {
    on: (event, handler) => void handlers.set(event, [...(handlers.get(event) ?? []), handler]),
  }
  const systemListeners: ((event: { matches: boolean }) => void)[] = []
  const system: SystemScheme = {
    matches: systemDark,
    addEventListener: (_type, listener) => void systemListeners.push(listener),
  }
  const seen: string[] = []
  return {
    zaf,
    system,
    seen,
    onChange: (scheme: string) => void seen.push(scheme),
    fire: (payload: unknown) => {
      for (const handler of handlers.get('colorScheme.changed') ?? []) handler(payload)
    },
    flipSystem: (matches: boolean) => {
      for (const listener of systemListeners) listener({ matches })
    },
  }
}

describe('colorSchemeParam', () => {
  it('reads light or dark from the iframe URL, and nothing else', () => {
    expect(colorSchemeParam('?origin=x&app_guid=g&colorScheme=dark')).toBe('dark')
    expect(colorSchemeParam('?colorScheme=light')).toBe('light')
    expect(colorSchemeParam('?colorScheme=DARK')).toBeUndefined()
    expect(colorSchemeParam('?origin=x')).toBeUndefined()
  })
})

describe('followColorScheme', () => {
  it('starts with Zendesk’s parameter even when the operating system prefers the other', () => {
    const h = host(true)
    expect(followColorScheme(h.zaf, '?colorScheme=light', h.system, h.onChange)).toBe('light')
    // Zendesk decides: the OS switching back and forth changes nothing.
    h.flipSystem(false)
    h.flipSystem(true)
    expect(h.seen).toEqual([])
  })

  it('follows colorScheme.changed as the agent switches Zendesk’s theme', () => {
    const h = host()
    expect(followColorScheme(h.zaf, '?colorScheme=light', h.system, h.onChange)).toBe('light')
    h.fire('dark')
    h.fire({ colorScheme: 'light' })
    // What Zendesk did not document is not guessed at.
    h.fire('sepia')
    h.fire(undefined)
    expect(h.seen).toEqual(['dark', 'light'])
  })

  it('falls back to prefers-color-scheme only while Zendesk says nothing', () => {
    const h = host(true)
    expect(followColorScheme(h.zaf, '?origin=x', h.system, h.onChange)).toBe('dark')
    h.flipSystem(false)
    expect(h.seen).toEqual(['light'])
    h.fire('dark')
    h.flipSystem(false)
    expect(h.seen).toEqual(['light', 'dark'])
    expect(followColorScheme(host().zaf, '', undefined, h.onChange)).toBe('light')
  })
})
