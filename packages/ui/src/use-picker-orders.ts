/**
 * @module use-picker-orders
 * The picker's order counts: computed traits are one relay read per profile, so they are asked
 * for the first few candidates only (an email shared by dozens is not told apart by orders), all
 * at once, when the picker is shown. A failed read stays as its RelayCallError for the picker to
 * say so.
 */
import type { CustomerProfile } from '@intilery-connect/core'
import { useEffect, useState } from 'preact/hooks'

import type { ComputedRead } from './picker-facts.ts'
import type { RelayClient } from './relay-client.ts'
import { asCallError } from './relay-error.ts'

/** Candidates whose computed traits are read: a glance at a handful, not a crawl of many. */
export const MAX_PICKER_READS = 5

/** @param profiles the candidates, or undefined while no picker is shown */
export function usePickerOrders(
  client: RelayClient,
  profiles: readonly CustomerProfile[] | undefined
): ReadonlyMap<string, ComputedRead> {
  const [reads, setReads] = useState<ReadonlyMap<string, ComputedRead>>(new Map())
  const ids = (profiles ?? []).slice(0, MAX_PICKER_READS).map((profile) => profile.id)
  const idsKey = ids.join('\n')
  useEffect(() => {
    if (ids.length === 0) return setReads(new Map())
    let current = true
    setReads(new Map(ids.map((id) => [id, 'loading' as const])))
    for (const id of ids)
      void client.computedTraits(id).then(
        (computed) => current && setReads((was) => new Map(was).set(id, computed)),
        (error: unknown) => current && setReads((was) => new Map(was).set(id, asCallError(error)))
      )
    return () => {
      current = false
    }
  }, [client, idsKey])
  return reads
}
