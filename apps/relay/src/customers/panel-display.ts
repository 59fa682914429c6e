/**
 * @module customers/panel-display
 * What the host apps' context answer says about how to show the customer (core's PanelDisplay):
 * the tenant's presentation settings and its record link, from the reader given: the relay keeps
 * them as it keeps tenants and forgets them when any instance or the CLI changes them
 * (wiring/cached-presentations.ts), so a change made with `relay tenants presentation` shows within
 * half a second, on every instance.
 */
import type { PanelDisplay, Presentation } from '@intilery-connect/core'

import type { PresentationReader, Tenant } from '../ports.ts'
import { recordUrlFor } from './record-url.ts'

/** A tenant's display, as the context route splices it in (display-json.ts). */
export type DisplayFor = (tenant: Tenant) => Promise<PanelDisplay>

/** Nothing set: the formatters' defaults. One object, so its JSON is encoded once. */
const DEFAULTS: Presentation = Object.freeze({})

/** A removed tenant's settings: one object, so its display is built and encoded once. */
const NOTHING_STORED: NonNullable<Awaited<ReturnType<PresentationReader['get']>>> = Object.freeze(
  {}
)

export function panelDisplays(reader: PresentationReader): DisplayFor {
  // The reader answers one object per stored value while it stays the same; so does this, which
  // lets the answer's bytes for it be encoded once (derive-once.ts).
  const known = new WeakMap<object, Map<string, PanelDisplay>>()
  return async (tenant) => {
    // A tenant removed since its caller was authenticated gets the defaults for this last answer.
    const settings = (await reader.get(tenant.id)) ?? NOTHING_STORED
    const recordUrl = recordUrlFor(tenant.intilery, settings.recordUrl)
    const byUrl = known.get(settings) ?? new Map<string, PanelDisplay>()
    known.set(settings, byUrl)
    const key = recordUrl ?? ''
    let display = byUrl.get(key)
    if (display === undefined) {
      display = {
        presentation: settings.presentation ?? DEFAULTS,
        ...(recordUrl === undefined ? {} : { recordUrl }),
      }
      byUrl.set(key, display)
    }
    return display
  }
}
