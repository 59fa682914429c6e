/**
 * @module timeline/describe-event
 * One event to one timeline entry: classify it, then let the describer of its kind pick the title
 * and detail rows. Never throws: every reader below tolerates missing or mistyped fields.
 */
import type { ProfileEvent } from '../schemas/event.ts'
import { kindOf } from './classify.ts'
import { addCustomDetails } from './custom-details.ts'
import { describeCommerce } from './describe-commerce.ts'
import { describeEmail } from './describe-email.ts'
import { describeForm, describeSession } from './describe-form-session.ts'
import { describeIdentify, type TraitMemory } from './describe-identify.ts'
import { describeSales, describeSupport } from './describe-support-sales.ts'
import { describePage, describeScreen } from './describe-views.ts'
import { type Described, DetailRows, timelineMessage } from './detail-rows.ts'
import { type EventFacts, readFacts, text } from './read-event.ts'
import type { TimelineEntry } from './timeline-entry.ts'

/** Anything else: the event name as data, plus the custom-details rule (custom-details.ts). */
function describeCustom(facts: EventFacts, maxDetails: number): Described {
  const name = text(facts.name) ?? text(facts.action)
  const rows = new DetailRows(maxDetails)
  addCustomDetails(rows, facts.props)
  return {
    title:
      name === undefined
        ? timelineMessage('timeline.custom.unnamed')
        : timelineMessage('timeline.custom.event', { name }),
    detail: rows.rows,
  }
}

function describe(
  facts: EventFacts,
  kind: TimelineEntry['kind'],
  max: number,
  memory: TraitMemory
): Described {
  switch (kind) {
    case 'email':
      return describeEmail(facts, max)
    case 'page':
      return describePage(facts, max)
    case 'screen':
      return describeScreen(facts, max)
    case 'identify':
      return describeIdentify(facts, max, memory)
    case 'commerce':
      return describeCommerce(facts, max)
    case 'form':
      return describeForm(facts, max)
    case 'support':
      return describeSupport(facts, max)
    case 'sales':
      return describeSales(facts, max)
    case 'session':
      return describeSession(facts, max)
    case 'custom':
      return describeCustom(facts, max)
  }
}

/**
 * The entry of one event. `memory` carries identify traits between calls, so events must come
 * oldest first for "which traits changed" to be right.
 */
export function describeEvent(
  event: ProfileEvent,
  maxDetails: number,
  memory: TraitMemory
): TimelineEntry {
  const facts = readFacts(event)
  const { action } = facts
  const kind = kindOf(facts.type, action)
  const { title, detail, link } = describe(facts, kind, maxDetails, memory)
  const entry: TimelineEntry = {
    id: facts.id,
    at: facts.at,
    kind,
    action,
    title,
    detail,
    // Always present (undefined when unknown): one object shape for every entry.
    source: facts.source,
    raw: event,
  }
  // Only the few entries with a link get the key: the thousands without keep their shape.
  if (link !== undefined) entry.link = link
  return entry
}
