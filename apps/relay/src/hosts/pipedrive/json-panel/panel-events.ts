/**
 * @module hosts/pipedrive/json-panel/panel-events
 * Which timeline rows fit the JSON panel's nine event objects. A sales rep qualifying a lead asks
 * which emails they opened or clicked, which pages and products they looked at, what they bought or
 * filled in. Newest rows win, but each kind of row has a cap, so a run of newsletter sends cannot
 * crowd out the one pricing-page visit; if the caps leave room, the newest remaining rows fill it.
 * Orders (completed, refunded, cancelled) are a category of their own, so product views and carts
 * cannot crowd out what the customer bought.
 */
import type { TimelineEntry } from '@intilery-connect/core'

type Category =
  | 'order'
  | 'engagement'
  | 'email'
  | 'commerce'
  | 'form'
  | 'support'
  | 'sales'
  | 'page'
  | 'screen'
  | 'identify'
  | 'session'
  | 'custom'

const CAP: Record<Category, number> = {
  order: 3,
  engagement: 4,
  email: 1,
  commerce: 2,
  form: 2,
  support: 2,
  sales: 2,
  page: 2,
  screen: 1,
  identify: 1,
  session: 1,
  custom: 2,
}

/** Opens and clicks say interest; sends and deliveries only say we mailed them. */
const ENGAGED = /^timeline\.email\.(opened|clicked)/

const ORDER_ACTIONS: ReadonlySet<string> = new Set([
  'order_completed',
  'order_refunded',
  'order_cancelled',
])

/** An order's row: its id and total get fields of their own in the panel. */
export function isOrder(entry: TimelineEntry): boolean {
  return entry.burst === undefined && ORDER_ACTIONS.has(entry.action)
}

function categoryOf(entry: TimelineEntry): Category {
  if (isOrder(entry)) return 'order'
  if (entry.kind === 'email') return ENGAGED.test(entry.title.id) ? 'engagement' : 'email'
  return entry.kind
}

/** Up to `limit` entries, in the timeline's own order (newest first). */
export function panelEvents(entries: readonly TimelineEntry[], limit: number): TimelineEntry[] {
  const chosen = new Set<TimelineEntry>()
  const taken = new Map<Category, number>()
  for (const entry of entries) {
    if (chosen.size >= limit) break
    const category = categoryOf(entry)
    const count = taken.get(category) ?? 0
    if (count >= CAP[category]) continue
    taken.set(category, count + 1)
    chosen.add(entry)
  }
  for (const entry of entries) {
    if (chosen.size >= limit) break
    chosen.add(entry)
  }
  return entries.filter((entry) => chosen.has(entry))
}
