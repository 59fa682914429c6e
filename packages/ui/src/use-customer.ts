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
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'

import type { Lookup, RelayClient } from './relay-client.ts'
import { RelayCallError } from './relay-error.ts'

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

const asCallError = (error: unknown) =>
  error instanceof RelayCallError
    ? error
    : new RelayCallError('malformed', error instanceof Error ? error.message : 'Unexpected failure')

const refOf = (lookup: Lookup): ProfileRef => createProfileRef(lookup.type, lookup.value)

/** New rows of a refreshed first page that the panel does not show yet, newest first. */
function mergeNewest(
  shown: readonly TimelineEntry[],
  fresh: readonly TimelineEntry[]
): readonly TimelineEntry[] {
  const known = new Set(shown.map((entry) => entry.id))
  const newest = shown[0]?.at ?? ''
  const added = fresh.filter((entry) => !known.has(entry.id) && entry.at >= newest)
  return added.length === 0 ? shown : [...added, ...shown]
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

  useEffect(() => setLookup(initial), [initial?.type, initial?.value])

  const load = useCallback(async () => {
    if (lookup === undefined) {
      setState({ kind: 'none' })
      return
    }
    const mine = ++generation.current
    setState({ kind: 'loading' })
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

  useEffect(() => void load(), [load])

  const loadMore = useCallback(async () => {
    if (state.kind !== 'one' || state.cursor === undefined || lookup === undefined) return
    const mine = generation.current
    setState({ ...state, more: 'loading' })
    try {
      const page = await client.events(refOf(lookup), state.cursor)
      if (mine !== generation.current) return
      setState({
        ...state,
        entries: [...state.entries, ...page.entries],
        cursor: page.cursor,
        more: 'idle',
      })
    } catch (error) {
      if (mine === generation.current) setState({ ...state, more: asCallError(error) })
    }
  }, [client, lookup, state])

  // Live: while visible, ask again for the first page; the relay's cache answers most of these.
  const { liveMs, visible = true } = options
  useEffect(() => {
    if (liveMs === undefined || !visible || state.kind !== 'one' || lookup === undefined) return
    const timer = setInterval(() => {
      const mine = generation.current
      client.context(lookup).then(
        (context) => {
          if (mine !== generation.current) return
          setState((current) =>
            current.kind === 'one'
              ? {
                  ...current,
                  context,
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
    }, liveMs)
    return () => clearInterval(timer)
  }, [client, lookup, liveMs, visible, state.kind])

  return {
    lookup,
    state,
    search: setLookup,
    pick: (profile: CustomerProfile) => setLookup({ type: 'id', value: profile.id }),
    retry: () => void load(),
    loadMore: () => void loadMore(),
  }
}
