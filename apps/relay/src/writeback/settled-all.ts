/**
 * @module writeback/settled-all
 * Promise.all that waits for every promise before rejecting with the first failure: a round ends
 * only when nothing of it is still writing to the outbox (stop() waits for the round).
 */
export async function settledAll<T>(promises: readonly Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(promises)
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
  if (failed !== undefined) throw failed.reason
  return results.map((r) => (r as PromiseFulfilledResult<T>).value)
}
