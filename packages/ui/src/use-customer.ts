/**
 * @module use-customer
 * The panel's data: one lookup's context, the picked profile, further pages, and a live refresh
 * while the panel is visible. Every failure is kept as the RelayCallError it was, for the panel to
 * explain; nothing is swallowed.
 */
import {
  createProfileRef,
  type CustomerContext,
  type CustomerProfile,
  type ProfileRef,
  type TimelineEntry,
} from '@intilery-connect/core'
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks'

import type { Lookup, RelayClient } from './relay-client.ts'
import type { RelayCallError } from './relay-error.ts'
import { asCallError } from './relay-error.ts'

export type CustomerState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly error: RelayCallError }
  | { readonly kind: 'none' }
  | { readonly kind: 'many'; readonly context: CustomerContext }
  | {
      readonly kind: 'one'
      readonly context: CustomerContext
      readonly profile: CustomerProfile
      readonly entries: readonly TimelineEntry[]
      readonly cursor: string | undefined
      readonly more: 'idle' | 'loading' | RelayCallError
      /** Computed traits, asked for once the profile is known. */
      readonly computed: 'loading' | CustomerProfile['computed'] | RelayCallError
      /** The last live refresh failed; what is shown is as of `context.fetchedAt`. */
      readonly refreshFailed?: RelayCallError | undefined
    }

/** The state once one customer is shown. */
export type OneCustomer = Extract<CustomerState, { kind: 'one' }>

/** What useCustomer gives the panel. */
export type CustomerHook = ReturnType<typeof useCustomer>

const refOf = (lookup: Lookup): ProfileRef => createProfileRef(lookup.type, lookup.value)

/** The event ids an entry stands for: its own, or its items' for a burst or a campaign fold. */
export function eventIdsOf(entry: TimelineEntry): string[] {
  return entry.burst === undefined ? [entry.id] : entry.burst.items.flatMap(eventIdsOf)
}

/**
 * Rows of a refreshed first page merged into what the panel shows, in time order (newest first): a
 * late batch from a phone can be older than the newest row shown. Rows are compared by the events
 * they stand for, since a burst or a campaign fold that gained an event has a new id: a fresh row
 * that covers shown rows whole replaces them; one that only overlaps them is left out (the shown
 * rows already have its events).
 */
export function mergeNewest(
  shown: readonly TimelineEntry[],
  fresh: readonly TimelineEntry[]
): readonly TimelineEntry[] {
  const owner = new Map<string, TimelineEntry>()
  for (const entry of shown) for (const id of eventIdsOf(entry)) owner.set(id, entry)
  const replaced = new Set<TimelineEntry>()
  const added: TimelineEntry[] = []
  for (const entry of fresh) {
    const ids = eventIdsOf(entry)
    const covered = new Set(ids)
    const overlaps = new Set(ids.flatMap((id) => owner.get(id) ?? []))
    if (overlaps.size === 0) {
      added.push(entry)
      continue
    }
    const [only] = overlaps
    if (overlaps.size === 1 && only?.id === entry.id && eventIdsOf(only).length === ids.length) {
      continue // the same row again
    }
    if ([...overlaps].every((old) => eventIdsOf(old).every((id) => covered.has(id)))) {
      for (const old of overlaps) replaced.add(old)
      added.push(entry)
    }
  }
  if (added.length === 0) return shown
  return [...added, ...shown.filter((entry) => !replaced.has(entry))].sort((a, b) =>
    a.at < b.at ? 1 : a.at > b.at ? -1 : 0
  )
}

export interface UseCustomerOptions {
  /** Refresh period while `visible`; none when undefined. */
  readonly liveMs?: number | undefined
  readonly visible?: boolean | undefined
}

export function useCustomer(
  client: RelayClient,
  initial: Lookup | undefined,
  options: UseCustomerOptions = {}
) {
  const [lookup, setLookup] = useState<Lookup | undefined>(initial)
  const [state, setState] = useState<CustomerState>({ kind: 'loading' })
  const generation = useRef(0)

  // A layout effect too: a new requester is asked for at once, not a frame later (see load).
  useLayoutEffect(() => setLookup(initial), [initial?.type, initial?.value])

  const load = useCallback(async () => {
    // Every lookup, none included, is a new generation: answers for the previous one are dropped.
    const mine = ++generation.current
    if (lookup === undefined) {
      setState({ kind: 'none' })
      return
    }
    setState((current) => (current.kind === 'loading' ? current : { kind: 'loading' }))
    try {
      const context = await client.context(lookup)
      if (mine !== generation.current) return
      const [first] = context.profiles
      if (context.match === 'many') setState({ kind: 'many', context })
      else if (first === undefined) setState({ kind: 'none' })
      else {
        setState({
          kind: 'one',
          context,
          profile: first,
          entries: context.timeline.entries,
          cursor: context.timeline.cursor,
          more: 'idle',
          computed: 'loading',
        })
        const computed = await client.computedTraits(first.id).catch(asCallError)
        if (mine !== generation.current) return
        setState((current) => (current.kind === 'one' ? { ...current, computed } : current))
      }
    } catch (error) {
      if (mine === generation.current) setState({ kind: 'failed', error: asCallError(error) })
    }
  }, [client, lookup])

  // A layout effect: the context is asked for (or its answer, often already in, is read) as soon
  // as the panel has committed, not after the browser's next frame, which Preact's effects wait for.
  useLayoutEffect(() => void load(), [load])

  const loadMore = useCallback(async () => {
    if (state.kind !== 'one' || state.cursor === undefined || lookup === undefined) return
    if (state.more === 'loading') return
    const mine = generation.current
    const cursor = state.cursor
    // Functional updates throughout: computed traits or a live refresh may land meanwhile.
    const update = (change: (current: OneCustomer) => CustomerState) =>
      setState((current) => (current.kind === 'one' ? change(current) : current))
    update((current) => ({ ...current, more: 'loading' }))
    try {
      const page = await client.events(refOf(lookup), cursor)
      if (mine !== generation.current) return
      update((current) => ({
        ...current,
        entries: [...current.entries, ...page.entries],
        cursor: page.cursor,
        more: 'idle',
      }))
    } catch (error) {
      if (mine === generation.current)
        update((current) => ({ ...current, more: asCallError(error) }))
    }
  }, [client, lookup, state])

  // Live: while visible, ask again for the first page; the relay's cache answers most of these.
  // One refresh at a time, so a slow relay never builds a queue or lands answers out of order.
  const { liveMs, visible = true } = options
  useEffect(() => {
    if (liveMs === undefined || !visible || state.kind !== 'one' || lookup === undefined) return
    let inFlight = false
    const timer = setInterval(() => {
      if (inFlight) return
      inFlight = true
      const mine = generation.current
      client
        .context(lookup)
        .then(
          (context) => {
            if (mine !== generation.current) return
            setState((current) =>
              current.kind === 'one'
                ? {
                    ...current,
                    context,
                    // The card follows the refreshed profile (traits, consent, last active).
                    profile:
                      context.profiles.find((p) => p.id === current.profile.id) ?? current.profile,
                    entries: mergeNewest(current.entries, context.timeline.entries),
                    refreshFailed: undefined,
                  }
                : current
            )
          },
          // What is shown stays, marked as not refreshed; the next tick tries again.
          (error: unknown) => {
            if (mine !== generation.current) return
            setState((current) =>
              current.kind === 'one' ? { ...current, refreshFailed: asCallError(error) } : current
            )
          }
        )
        .finally(() => (inFlight = false))
    }, liveMs)
    return () => clearInterval(timer)
  }, [client, lookup, liveMs, visible, state.kind])

  const moved =
    initial !== undefined &&
    (lookup === undefined || lookup.type !== initial.type || lookup.value !== initial.value)
  return {
    /** The relay client, for the parts of the panel that ask it more (the filtered timeline). */
    client,
    lookup,
    state,
    /** The agent searched or picked someone else than the host's customer. */
    moved,
    back: () => setLookup(initial),
    search: setLookup,
    pick: (profile: CustomerProfile) => setLookup({ type: 'id', value: profile.id }),
    retry: () => void load(),
    loadMore: () => void loadMore(),
  }
}
