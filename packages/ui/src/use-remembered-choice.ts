/**
 * @module use-remembered-choice
 * Who the panel shows relative to who the host opened it for (the ticket's requester, the
 * record's person), and the agent's remembered choice among that requester's matches:
 *
 * - the requester's matches are noted when the host's own lookup answers, so the panel can tell a
 *   choice among them (no warning) from someone else the agent searched for (the "not the
 *   requester" banner);
 * - a pick from the requester's picker is saved to the relay (choice-memory.ts), which answers it
 *   with the requester's context on the next open: the remembered customer is then shown
 *   directly, while the picker stays one "Change" away. Whether the save worked is said;
 * - a remembered customer who is not among the matches (merged, deleted) is forgotten;
 * - "Change" forgets the choice and shows the picker again. It is also forgotten for this page,
 *   so a context answered before the relay forgot it cannot bring the old choice back.
 */
import type { CustomerProfile } from '@intilery-connect/core'
import { useEffect, useState } from 'preact/hooks'

import { choiceKey, type ChoiceMemory } from './choice-memory.ts'
import type { Lookup } from './relay-client.ts'
import type { RelayCallError } from './relay-error.ts'
import { asCallError } from './relay-error.ts'
import type { CustomerHook } from './use-customer.ts'

interface RequesterMatches {
  /** The host's lookup these are for (choiceKey). */
  readonly key: string
  readonly ids: readonly string[]
  /** The lookup matched several customers: the agent chose among them. */
  readonly many: boolean
}

/** What became of the choice for one requester in this page. */
interface Kept {
  readonly key: string
  readonly id: string
  /** `saving` until the relay answers; `saved` also for a choice the relay answered remembered. */
  readonly status: 'saving' | 'saved' | RelayCallError
}

/** How the choice line reads: saving (or no memory), remembered, or not saved and why. */
export type ChoiceStatus = 'chosen' | 'remembered' | RelayCallError

export interface RememberedChoice {
  /** The remembered customer is being shown: draw the loading state, not the picker. */
  readonly restoring: boolean
  /** The agent chose this customer among the requester's matches (shown, loading or failed). */
  readonly chosen: { readonly count: number; readonly status: ChoiceStatus } | undefined
  /** The panel shows, or is loading, a customer the agent picked among the requester's matches. */
  readonly choosing: boolean
  /** The panel shows someone who is not among the requester's matches. */
  readonly notRequester: boolean
  /** "Change" could not make the relay forget the choice: it may come back on the next open. */
  readonly forgetFailed: RelayCallError | undefined
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
  const [kept, setKept] = useState<Kept | undefined>(undefined)
  const [forgetFailed, setForgetFailed] = useState<RelayCallError | undefined>(undefined)
  const [declined, setDeclined] = useState<ReadonlySet<string>>(new Set())
  const { state, moved, lookup } = customer

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
  const candidates = !moved && state.kind === 'many' ? state.context : undefined
  const rememberedId =
    candidates !== undefined && memory !== undefined && key !== undefined && !declined.has(key)
      ? memory.get(candidates)
      : undefined
  const remembered = candidates?.profiles.find((profile) => profile.id === rememberedId)

  useEffect(() => {
    if (candidates === undefined || rememberedId === undefined || initial === undefined) return
    if (remembered !== undefined) {
      setKept({ key: choiceKey(initial), id: remembered.id, status: 'saved' })
      customer.pick(remembered)
      return
    }
    // The relay answers only a choice among the matches; one that is not (the customer merged or
    // deleted meanwhile) is forgotten. Should that fail, the relay still never answers it.
    memory?.clear(initial).catch(() => undefined)
  }, [candidates, rememberedId, remembered])

  const lookupId = moved && lookup?.type === 'id' ? lookup.value : undefined
  const choseAmongMatches =
    lookupId !== undefined && matches?.many === true && matches.ids.includes(lookupId)
  const shown = state.kind === 'one' ? state.profile.id : undefined
  const mine = kept !== undefined && kept.key === key && kept.id === lookupId ? kept : undefined
  const status: ChoiceStatus =
    mine === undefined || mine.status === 'saving'
      ? 'chosen'
      : mine.status === 'saved'
        ? 'remembered'
        : mine.status
  return {
    restoring: remembered !== undefined,
    // Also while that customer loads or fails to: "Change" is always the way back to the picker.
    chosen:
      choseAmongMatches && matches !== undefined
        ? { count: matches.ids.length, status }
        : undefined,
    choosing: choseAmongMatches,
    notRequester: moved && shown !== undefined && matches?.ids.includes(shown) !== true,
    forgetFailed: !moved ? forgetFailed : undefined,
    pick: (profile) => {
      if (!moved && key !== undefined && initial !== undefined && memory !== undefined) {
        const choice = { key, id: profile.id }
        setKept({ ...choice, status: 'saving' })
        setForgetFailed(undefined)
        const settle = (status: Kept['status']) =>
          setKept((now) =>
            now?.key === choice.key && now.id === choice.id ? { ...choice, status } : now
          )
        memory.set(initial, profile.id).then(
          () => settle('saved'),
          (error: unknown) => settle(asCallError(error))
        )
        setDeclined((was) => {
          const next = new Set(was)
          next.delete(key)
          return next
        })
      }
      customer.pick(profile)
    },
    change: () => {
      if (key !== undefined && initial !== undefined) {
        setForgetFailed(undefined)
        memory?.clear(initial).catch((error: unknown) => setForgetFailed(asCallError(error)))
        setDeclined((was) => new Set(was).add(key))
      }
      setKept(undefined)
      customer.back()
    },
  }
}
