/**
 * @module timeline/detail-rows
 * Collects an entry's detail rows up to the caller's limit, so that every describer can offer rows
 * in order of importance and the limit is enforced in one place.
 */
import type { TimelineMessageId } from '../i18n/catalogues/en/timeline.ts'
import type { DetailRow, Message, MessageValue } from '../i18n/message.ts'
import { MAX_LABEL, truncate } from './read-event.ts'
import type { EntryLink } from './timeline-entry.ts'

/** What a describer answers for one event. */
export interface Described {
  readonly title: Message
  readonly detail: DetailRow[]
  /** Where the event happened, for events that say (support and sales). */
  readonly link?: EntryLink
}

/** A message from the timeline catalogue; the id is checked against it at compile time. */
export function timelineMessage(
  id: TimelineMessageId,
  values?: Record<string, MessageValue>
): Message {
  return values === undefined ? { id } : { id, values }
}

export class DetailRows {
  readonly rows: DetailRow[] = []

  constructor(private readonly max: number) {}

  get full(): boolean {
    return this.rows.length >= this.max
  }

  /** How many more rows fit. */
  get remaining(): number {
    return Math.max(0, this.max - this.rows.length)
  }

  /** A row labelled by a catalogue message; skipped when the value is missing or rows are full. */
  add(label: TimelineMessageId, value: MessageValue | undefined): this {
    if (value !== undefined && !this.full) this.rows.push({ label: { id: label }, value })
    return this
  }

  /** A row labelled by a name from the data (a property or trait name), kept verbatim. */
  addNamed(name: string, value: MessageValue): this {
    if (!this.full) this.rows.push({ label: { text: truncate(name, MAX_LABEL) }, value })
    return this
  }
}
