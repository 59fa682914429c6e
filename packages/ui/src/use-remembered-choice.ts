/**
 * @module use-remembered-choice
 * Who the panel shows relative to who the host opened it for (the ticket's requester, the
 * record's person), and the agent's remembered choice among that requester's matches:
 *
 * - the requester's matches are noted when the host's own lookup answers, so the panel can tell a
 *   choice among them (no warning) from someone else the agent searched for (the "not the
 *   requester" banner);
 * - a pick from the requester's picker is remembered (choice-memory.ts); on the next open the
 *   remembered customer is shown directly, while the picker stays one "Change" away;
 * - "Change" forgets the choice and shows the picker again. It is also forgotten for this page,
 *   so a storage that fails to delete cannot bring the old choice back.
 */
import type { CustomerProfile } from '@intilery-connect/core'
import { useEffect, useState } from 'preact/hooks'

import { choiceKey, type ChoiceMemory } from './choice-memory.ts'
import type { Lookup } from './relay-client.ts'
import type { CustomerHook } from './use-customer.ts'

interface RequesterMatches {
  /** The host's lookup these are for (choiceKey). */
  readonly key: string
  readonly ids: readonly string[]
  /** The lookup matched several customers: the agent chose among them. */
  readonly many: boolean
}

export interface RememberedChoice {
  /** The remembered customer is being shown: draw the loading state, not the picker. */
  readonly restoring: boolean
  /** The agent chose this customer among the requester's matches (shown, loading or failed). */
  readonly chosen: { readonly count: number; readonly remembered: boolean } | undefined
  /** The panel shows, or is loading, a customer the agent picked among the requester's matches. */
  readonly choosing: boolean
  /** The panel shows someone who is not among the requester's matches. */
  readonly notRequester: boolean
  /** A pick from a picker: remembered when it is the requester's own picker. */
  readonly pick: (profile: CustomerProfile) => void
  /** Forget the choice and show the requester's picker again. */
  readonly change: () => void
}

export function useRememberedChoice(
  customer: CustomerHook,
  initial: Lookup | undefined,
  memory: ChoiceMemory | undefined
): RememberedChoice {
  const key = initial === undefined ? undefined : choiceKey(initial)
  const [requester, setRequester] = useState<RequesterMatches | undefined>(undefined)
  const [kept, setKept] = useState<boolean | undefined>(undefined)
  const [declined, setDeclined] = useState<ReadonlySet<string>>(new Set())
  const { state, moved, lookup } = customer
  // Whether the last pick was kept belongs to that requester.
  useEffect(() => setKept(undefined), [key])

  // The host's lookup answered: note its matches (none when it found nobody).
  useEffect(() => {
    if (moved || key === undefined) return
    if (state.kind === 'many' || state.kind === 'one') {
      const ids = state.context.profiles.map((profile) => profile.id)
      setRequester({ key, ids, many: state.kind === 'many' })
    } else if (state.kind === 'none' || state.kind === 'failed')
      setRequester({ key, ids: [], many: false })
  }, [moved, key, state])

  const matches = requester?.key === key ? requester : undefined
  const rememberedId =
    memory !== undefined && key !== undefined && !declined.has(key) ? memory.get(key) : undefined
  const candidates = !moved && state.kind === 'many' ? state.context.profiles : undefined
  const remembered = candidates?.find((profile) => profile.id === rememberedId)

  useEffect(() => {
    if (candidates === undefined || rememberedId === undefined || key === undefined) return
    if (remembered !== undefined) customer.pick(remembered)
    // The remembered customer is no longer among the matches (merged, deleted): forget it.
    else memory?.clear(key)
  }, [candidates, rememberedId, remembered])

  const lookupId = moved && lookup?.type === 'id' ? lookup.value : undefined
  const choseAmongMatches =
    lookupId !== undefined && matches?.many === true && matches.ids.includes(lookupId)
  const shown = state.kind === 'one' ? state.profile.id : undefined
  return {
    restoring: remembered !== undefined,
    // Also while that customer loads or fails to: "Change" is always the way back to the picker.
    chosen:
      choseAmongMatches && matches !== undefined
        ? {
            count: matches.ids.length,
            remembered: kept ?? (memory?.available === true && rememberedId === lookupId),
          }
        : undefined,
    choosing: choseAmongMatches,
    notRequester: moved && shown !== undefined && matches?.ids.includes(shown) !== true,
    pick: (profile) => {
      if (!moved && key !== undefined) {
        setKept(memory?.set(key, profile.id) ?? false)
        setDeclined((was) => {
          const next = new Set(was)
          next.delete(key)
          return next
        })
      }
      customer.pick(profile)
    },
    change: () => {
      if (key !== undefined) {
        memory?.clear(key)
        setDeclined((was) => new Set(was).add(key))
      }
      setKept(undefined)
      customer.back()
    },
  }
}
