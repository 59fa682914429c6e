/**
 * @module use-new-rows
 * The "3 new" cue. A live refresh adds rows at the top of the timeline; an agent scrolled away from
 * the top, or looking at a filtered view, would not see them. Rows count as new when they arrive
 * for the same customer and are at least as recent as the newest row known before (so "load more",
 * which adds older rows, never counts). Nothing is counted while the top is in view and no filter
 * hides rows. Where the top is is asked of an injected viewport, so tests decide it.
 */
import type { TimelineEntry } from '@intilery-connect/core'
import { useEffect, useRef, useState } from 'preact/hooks'

/** Where the timeline is on screen, and how to bring a row into view. */
export interface TimelineViewport {
  /** True when the top of `timeline` (its newest row) is on screen. */
  topInView(timeline: HTMLElement): boolean
  scrollTo(row: HTMLElement): void
}

export const browserViewport: TimelineViewport = {
  topInView(timeline) {
    const top = timeline.getBoundingClientRect().top
    return top >= 0 && top < (timeline.ownerDocument.defaultView?.innerHeight ?? 0)
  },
  scrollTo(row) {
    row.scrollIntoView({ block: 'center' })
  },
}

export interface NewRows {
  readonly count: number
  /** The newest row that arrived. */
  readonly newestId: string
}

/**
 * @param customerId the customer shown: another one starts over, uncounted.
 * @param entries every row the panel has for them (unfiltered), newest first.
 * @param filtered a filter is applied: new rows may be hidden, so they are always counted.
 * @param timeline the timeline's element, for the viewport to locate.
 */
export function useNewRows(
  customerId: string,
  entries: readonly TimelineEntry[],
  filtered: boolean,
  timeline: () => HTMLElement | null,
  viewport: TimelineViewport
) {
  const [pending, setPending] = useState<NewRows | undefined>(undefined)
  const known = useRef<{ customer: string; ids: Set<string>; newest: string } | undefined>(
    undefined
  )

  useEffect(() => {
    const before = known.current
    const ids = new Set(entries.map((e) => e.id))
    const newest = entries[0]?.at ?? ''
    known.current = {
      customer: customerId,
      ids,
      newest: newest > (before?.newest ?? '') ? newest : (before?.newest ?? newest),
    }
    if (before === undefined || before.customer !== customerId) {
      setPending(undefined)
      return
    }
    const added = entries.filter((e) => !before.ids.has(e.id) && e.at >= before.newest)
    const first = added[0]
    if (first === undefined) return
    const element = timeline()
    if (!filtered && element !== null && viewport.topInView(element)) return
    setPending((current) => ({ count: (current?.count ?? 0) + added.length, newestId: first.id }))
  }, [customerId, entries])

  // Scrolling back to the top of an unfiltered timeline shows the new rows: the cue has done its job.
  useEffect(() => {
    if (pending === undefined || filtered) return
    const element = timeline()
    const window = element?.ownerDocument.defaultView
    if (element === null || element === undefined || window === null || window === undefined) return
    const check = () => {
      if (viewport.topInView(element)) setPending(undefined)
    }
    window.addEventListener('scroll', check, { capture: true, passive: true })
    return () => window.removeEventListener('scroll', check, { capture: true })
  }, [pending, filtered])

  return { pending, clear: () => setPending(undefined) }
}
