/**
 * @module choice-memory
 * Which of several matching Intilery customers the agent chose for a requester, kept in the
 * browser so the next open of the same ticket (or record) shows that customer directly. Hosts
 * create the memory with a scope (Zendesk: subdomain and installation; Pipedrive: company, user
 * and record) and hand it to the panel; the panel keys it by the requester's identity.
 *
 * Browsers may refuse storage (blocked site data, some private modes throw on every write): the
 * memory then says so (`available: false`, `set` answers false) and the panel behaves as if it had
 * no memory, telling the agent their choice will not be kept. Nothing read from storage is trusted:
 * a value that is not a profile id is dropped.
 */
import { MAX_PROFILE_ID_LENGTH } from '@intilery-connect/core'
import { z } from 'zod/mini'

import type { Lookup } from './relay-client.ts'

export interface ChoiceMemory {
  /** False when the browser refused storage: nothing will be remembered. */
  readonly available: boolean
  /** The Intilery id chosen for `key`, if one is remembered. */
  get(key: string): string | undefined
  /** Remembers `id` for `key`; false when the browser would not keep it. */
  set(key: string, id: string): boolean
  clear(key: string): void
}

/** A browser storage, as much of it as the memory uses (localStorage in the apps). */
export type ChoiceStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

const PREFIX = 'intilery-connect.choice.v1'
const storedSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(MAX_PROFILE_ID_LENGTH)),
})

/** The requester's identity as a memory key: emails compare case-insensitively, as Intilery does. */
export function choiceKey(lookup: Lookup): string {
  const value = lookup.type === 'email' ? lookup.value.trim().toLowerCase() : lookup.value
  return `${lookup.type}:${value}`
}

const UNAVAILABLE: ChoiceMemory = {
  available: false,
  get: () => undefined,
  set: () => false,
  clear: () => undefined,
}

/**
 * A memory over `storage` (a function: merely reading `window.localStorage` throws where the
 * browser blocks it), its entries under `scope`. Probed once with a write: a storage that refuses
 * it gives the unavailable memory.
 */
export function browserChoiceMemory(storage: () => ChoiceStorage, scope: string): ChoiceMemory {
  let store: ChoiceStorage
  const probe = `${PREFIX}:probe`
  try {
    store = storage()
    store.setItem(probe, '1')
    store.removeItem(probe)
  } catch {
    return UNAVAILABLE
  }
  const name = (key: string) => `${PREFIX}:${scope}:${key}`
  return {
    available: true,
    get(key) {
      let text: string | null
      try {
        text = store.getItem(name(key))
      } catch {
        // A read that fails is a choice not remembered: the agent picks again.
        return undefined
      }
      if (text === null) return undefined
      let parsed: ReturnType<typeof storedSchema.safeParse>
      try {
        parsed = storedSchema.safeParse(JSON.parse(text))
      } catch {
        parsed = storedSchema.safeParse(undefined)
      }
      if (parsed.success) return parsed.data.id
      this.clear(key)
      return undefined
    },
    set(key, id) {
      try {
        store.setItem(name(key), JSON.stringify({ id }))
        return true
      } catch {
        return false
      }
    },
    clear(key) {
      try {
        store.removeItem(name(key))
      } catch {
        // The panel also forgets it for this page (use-remembered-choice.ts), so "Change" works.
      }
    },
  }
}
