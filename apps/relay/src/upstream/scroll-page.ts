/**
 * @module upstream/scroll-page
 * "Load more": the events page after a `scrollId`, passed straight through (never cached or
 * de-duplicated: a scroll cursor advances on every request, so two readers must not share one).
 *
 * Core's client reaches later pages only through `EventsPage.nextPage()`, which needs the page
 * object that issued the scrollId; the relay has only the scrollId the browser sent back (maybe to
 * another relay instance). So a throwaway client is built per call whose fetch rewrites the query
 * to `?scrollId=…` (Intilery ignores every other parameter when a scrollId is given). It shares the
 * credential's bucket, hooks, timeouts and retries, so pacing and error mapping stay core's.
 * Replace with a core `client.eventsPage(ref, scrollId)` if core ever grows one.
 */
import {
  createProfileClient,
  InvalidRequestError,
  type EventsPage,
  type ProfileClientOptions,
  type ProfileRef,
} from '@intilery-connect/core'

function withScrollId(input: string | URL | Request, scrollId: string): string {
  const url = new URL(
    typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
  )
  url.search = new URLSearchParams({ scrollId }).toString()
  return url.href
}

export interface ScrollRequest {
  readonly ref: ProfileRef
  readonly scrollId: string
  /** The page size of the first request, so a short page can be told from a full one. */
  readonly limit?: number | undefined
  readonly signal?: AbortSignal | undefined
}

/**
 * @throws InvalidRequestError for an empty scrollId, before anything is sent.
 */
export function fetchScrollPage(
  clientOptions: ProfileClientOptions & { readonly fetch: typeof fetch },
  request: ScrollRequest
): Promise<EventsPage> {
  if (request.scrollId === '') throw new InvalidRequestError('scrollId must not be empty')
  const baseFetch = clientOptions.fetch
  const client = createProfileClient({
    ...clientOptions,
    fetch: (input, init) => baseFetch(withScrollId(input, request.scrollId), init),
  })
  return client.events(request.ref, { limit: request.limit }, { signal: request.signal })
}
