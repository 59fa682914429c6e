/**
 * @module color-scheme
 * The sidebar follows Zendesk's own colour scheme, as Zendesk documents for apps ("Dark mode" in
 * the app developer guide): the scheme the agent has now is the `colorScheme` parameter of the
 * app iframe's URL (`light` or `dark`), and Zendesk fires `colorScheme.changed` with the new one
 * when the agent switches. Only when Zendesk says nothing (an older Zendesk, or the page opened on
 * its own) does the operating system's `prefers-color-scheme` decide, and then its changes are
 * followed until Zendesk speaks.
 */
import { z } from 'zod/mini'

import type { ZafClient } from './zaf.ts'

export type ColorScheme = 'light' | 'dark'

const schemeSchema = z.enum(['light', 'dark'])
/** The event's payload: the scheme itself (what Zendesk sends), or an object carrying it. */
const changedSchema = z.union([schemeSchema, z.object({ colorScheme: schemeSchema })])

/** Zendesk's scheme from the iframe URL's query (`location.search`); undefined when absent. */
export function colorSchemeParam(search: string): ColorScheme | undefined {
  const parsed = schemeSchema.safeParse(new URLSearchParams(search).get('colorScheme'))
  return parsed.success ? parsed.data : undefined
}

/** The part of a MediaQueryList the fallback reads. */
export interface SystemScheme {
  readonly matches: boolean
  addEventListener(type: 'change', listener: (event: { matches: boolean }) => void): void
}

/**
 * Starts following the scheme: returns the scheme to draw first and calls `onChange` with every
 * later one. An event payload Zendesk did not document is ignored, not guessed at.
 * @param system `matchMedia('(prefers-color-scheme: dark)')`, when the browser has it
 */
export function followColorScheme(
  zaf: Pick<ZafClient, 'on'>,
  search: string,
  system: SystemScheme | undefined,
  onChange: (scheme: ColorScheme) => void
): ColorScheme {
  let fromZendesk = colorSchemeParam(search) !== undefined
  zaf.on('colorScheme.changed', (payload) => {
    const parsed = changedSchema.safeParse(payload)
    if (!parsed.success) return
    fromZendesk = true
    onChange(typeof parsed.data === 'string' ? parsed.data : parsed.data.colorScheme)
  })
  system?.addEventListener('change', (event) => {
    if (!fromZendesk) onChange(event.matches ? 'dark' : 'light')
  })
  return colorSchemeParam(search) ?? (system?.matches === true ? 'dark' : 'light')
}
