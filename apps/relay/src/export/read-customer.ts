/**
 * @module export/read-customer
 * Everything the export needs of one customer: the metadata (audiences, first and last events)
 * and every event, scrolling 100 at a time (from `since` on, for an incremental run). The traits
 * come with the roster's row, so they cost no request here.
 */
import {
  createProfileRef,
  type EventsPage,
  type Meta,
  type ProfileClient,
  type ProfileEvent,
  type ProfileSummary,
} from '@intilery-connect/core'

export interface CustomerData {
  readonly summary: ProfileSummary
  readonly meta: Meta
  readonly events: readonly ProfileEvent[]
}

export async function readCustomer(
  client: ProfileClient,
  summary: ProfileSummary,
  options: { readonly since: string | undefined; readonly signal: AbortSignal }
): Promise<CustomerData> {
  const ref = createProfileRef('id', summary.id)
  const { signal } = options
  const [meta, events] = await Promise.all([
    client.meta(ref, { signal }),
    (async () => {
      const all: ProfileEvent[] = []
      let page: EventsPage = await client.events(
        ref,
        { limit: 100, ...(options.since === undefined ? {} : { start: options.since }) },
        { signal }
      )
      all.push(...page.data)
      while (page.hasNextPage()) {
        page = await page.nextPage({ signal })
        all.push(...page.data)
      }
      return all
    })(),
  ])
  return { summary, meta: meta.profile, events }
}
