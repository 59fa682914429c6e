/**
 * @module choice-memory
 * Which of several matching Intilery customers the agent chose for a requester, kept by the relay
 * so that the next open of the same ticket (or record) shows that customer directly, in every
 * browser. The relay keeps it per installation (Zendesk: subdomain and installation; Pipedrive:
 * company and record), from the host's own credentials, and answers it inside the context of the
 * requester's lookup (`choice`), so the first paint needs no second read.
 *
 * The browser's own storage is not used, not even as a cache: the app iframe's storage is
 * third-party storage most browsers refuse, and where it works it would only repeat what the
 * context answer already carries, and could disagree with it (a choice changed in another browser).
 */
import { choiceAnswerSchema, type CustomerContext } from '@intilery-connect/core'

import type { Lookup, RelaySend } from './relay-client.ts'
import { RelayCallError } from './relay-error.ts'

export interface ChoiceMemory {
  /** The choice remembered for the requester whose context this is (the relay answers it). */
  get(context: CustomerContext): string | undefined
  /** Remembers `id` for the requester; rejects with a RelayCallError when it was not kept. */
  set(requester: Lookup, id: string): Promise<void>
  /** Forgets the requester's choice; rejects with a RelayCallError when it was not forgotten. */
  clear(requester: Lookup): Promise<void>
}

/** The requester's identity as a key: emails compare case-insensitively, as Intilery does. */
export function choiceKey(lookup: Lookup): string {
  const value = lookup.type === 'email' ? lookup.value.trim().toLowerCase() : lookup.value
  return `${lookup.type}:${value}`
}

function expected(answer: unknown, id: string | null): void {
  const parsed = choiceAnswerSchema.safeParse(answer)
  if (!parsed.success || (parsed.data.choice?.id ?? null) !== id)
    throw new RelayCallError('malformed', 'The relay did not say the choice was kept')
}

/**
 * The relay's memory, through the host's channel.
 * @param base the channel's route prefix, e.g. `/zendesk/v1`.
 * @param scope the record the panel is on, where the host keeps choices per record (Pipedrive's
 *   `person:42`); the installation is the relay's to know, from the host's credentials.
 */
export function relayChoiceMemory(send: RelaySend, base: string, scope?: string): ChoiceMemory {
  const scoped = scope === undefined ? {} : { scope }
  // One write at a time, in order: "Change" right after a pick must not overtake its save and
  // leave the old choice remembered.
  let last: Promise<unknown> = Promise.resolve()
  const inTurn = (write: () => Promise<void>): Promise<void> => {
    const next = last.then(write, write)
    last = next.catch(() => undefined)
    return next
  }
  return {
    get: (context) => context.choice?.id,
    set: (requester, id) =>
      inTurn(async () =>
        expected(await send('PUT', `${base}/choice`, {}, { lookup: requester, id, ...scoped }), id)
      ),
    clear: (requester) =>
      inTurn(async () =>
        expected(
          await send('DELETE', `${base}/choice`, {
            [requester.type]: requester.value,
            ...scoped,
          }),
          null
        )
      ),
  }
}
