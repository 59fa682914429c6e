/**
 * @module timeline/panel-entries
 * Timeline entries (and profiles' event summaries, last below) as a panel's browser is sent them. An entry's `raw` event is kept for what the
 * browser reads from it (recent orders and product names from `properties`, identify `traits`,
 * filters on `rawData.action`, the event id and times), without:
 * - `rawData.context`: the visitor's IP address and user agent, which no panel shows and an agent
 *   has no need to hold;
 * - the profile ids every event repeats (`id`, `userId`, `customerId`, `externalId`, `email`,
 *   `clientId`, `accountId`, `brandId`, `rawData.userId`, `rawData.anonymousId`): the profile
 *   carries them once.
 * On a typical first page that is half the answer's bytes, which every hop to the sidebar (Zendesk's
 * proxy, postMessage, the browser's parse and schema check) pays for. Describing events needs those
 * ids (which identify call belongs to whom), so entries are made from whole events and slimmed after.
 */
import type { CustomerProfile } from '../customer/customer-profile.ts'
import type { ProfileEvent, RawEvent } from '../schemas/event.ts'
import type { EventSummary } from '../schemas/profile.ts'
import type { TimelineEntry } from './timeline-entry.ts'

/** The source event's fields a panel reads. */
function panelEvent(event: ProfileEvent): ProfileEvent {
  const { eventId, eventTime, receivedTime, eventAction, source, rawData } = event
  const { action, event: name, name: pageName, properties, traits, sendType } = rawData
  const raw: RawEvent = {
    ...(action === undefined ? {} : { action }),
    ...(name === undefined ? {} : { event: name }),
    ...(pageName === undefined ? {} : { name: pageName }),
    ...(properties === undefined ? {} : { properties }),
    ...(traits === undefined ? {} : { traits }),
    ...(sendType === undefined ? {} : { sendType }),
  }
  return {
    eventId,
    eventTime,
    ...(receivedTime === undefined ? {} : { receivedTime }),
    eventAction,
    ...(source === undefined ? {} : { source }),
    rawData: raw,
  }
}

/** `entries` (bursts' items too) with each `raw` event reduced to what a panel reads. */
export function panelEntries(entries: readonly TimelineEntry[]): TimelineEntry[] {
  return entries.map((entry) => ({
    ...entry,
    raw: panelEvent(entry.raw),
    ...(entry.burst === undefined
      ? {}
      : { burst: { ...entry.burst, items: panelEntries(entry.burst.items) } }),
  }))
}

/** A profile's first and last event of each kind as a panel is sent them: without `context`. */
function panelSummaries(summaries: CustomerProfile['firstEvent']): CustomerProfile['firstEvent'] {
  const slim: Record<string, EventSummary> = {}
  for (const [key, summary] of Object.entries(summaries)) {
    const { context: _context, userId: _userId, anonymousId: _anonymousId, ...kept } = summary
    slim[key] = kept
  }
  return slim
}

/**
 * A profile as a panel's browser is sent it: its first/last event summaries without the visitor's
 * `context` (IP address, user agent) and the ids the profile already carries, as for entries.
 */
export function panelProfile(profile: CustomerProfile): CustomerProfile {
  return {
    ...profile,
    firstEvent: panelSummaries(profile.firstEvent),
    lastEvent: panelSummaries(profile.lastEvent),
  }
}
