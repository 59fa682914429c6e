import { MAX_EVENTS_LIMIT } from '../events-query.ts'
import type { ProfileEvent } from '../schemas/event.ts'

export interface PageRequestOptions {
  readonly signal?: AbortSignal | undefined
}

/**
 * One page of a profile's events. Intilery always returns a `scrollId`; the page is the last one
 * when it is empty or shorter than the limit asked for.
 */
export class EventsPage {
  readonly data: readonly ProfileEvent[]
  readonly scrollId: string
  readonly requestId: string | undefined
  /** The page size the first request asked for; later pages keep it. */
  readonly limit: number
  private readonly fetchNext: (
    scrollId: string,
    options?: PageRequestOptions
  ) => Promise<EventsPage>

  constructor(init: {
    data: readonly ProfileEvent[]
    scrollId: string
    requestId: string | undefined
    limit: number | undefined
    fetchNext: (scrollId: string, options?: PageRequestOptions) => Promise<EventsPage>
  }) {
    this.data = init.data
    this.scrollId = init.scrollId
    this.requestId = init.requestId
    this.limit = init.limit ?? MAX_EVENTS_LIMIT
    this.fetchNext = init.fetchNext
  }

  /** True when this page was full, so the cursor may hold more. */
  hasNextPage(): boolean {
    return this.data.length > 0 && this.data.length >= this.limit
  }

  /** The page after this one (empty when there is no more). */
  nextPage(options?: PageRequestOptions): Promise<EventsPage> {
    return this.fetchNext(this.scrollId, options)
  }
}

export interface IterateOptions extends PageRequestOptions {
  /** Stop after this many events; a guard against unbounded histories. Default 10,000. */
  readonly max?: number | undefined
}

export const DEFAULT_ITERATE_MAX = 10_000

/** Every event from `first` on, across pages, stopping at an empty or short page or at `max`. */
export async function* iteratePages(
  first: () => Promise<EventsPage>,
  options: IterateOptions = {}
): AsyncGenerator<ProfileEvent, void, undefined> {
  const max = options.max ?? DEFAULT_ITERATE_MAX
  let yielded = 0
  let page = await first()
  for (;;) {
    for (const event of page.data) {
      if (yielded >= max) return
      yield event
      yielded += 1
    }
    if (!page.hasNextPage() || yielded >= max) return
    page = await page.nextPage({ signal: options.signal })
  }
}
