/**
 * @module store/group-commit
 * Group commit for the audit log: every read writes an audit row and is not answered until the row
 * is stored, and one INSERT per read costs more than the rest of a warm read. Rows that arrive while
 * a write is in flight (or in the same tick) go out together in one multi-row INSERT; each caller
 * still waits for, and fails with, the write that holds its row, so no read is answered unrecorded.
 * Hand-written because it is a dozen lines and the batching libraries are built for reads.
 */

export interface GroupCommitOptions {
  /** Rows per INSERT at most (bound parameters: SQLite allows 32,766, Postgres 65,535). */
  readonly maxBatch: number
}

interface Pending<T> {
  readonly item: T
  readonly resolve: () => void
  readonly reject: (error: unknown) => void
}

export function groupCommit<T>(
  writeMany: (items: readonly T[]) => Promise<void>,
  { maxBatch }: GroupCommitOptions
): (item: T) => Promise<void> {
  let queue: Pending<T>[] = []
  let writing = false

  async function drain() {
    writing = true
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch)
      queue = queue.slice(batch.length)
      try {
        await writeMany(batch.map((pending) => pending.item))
        for (const pending of batch) pending.resolve()
      } catch (error) {
        for (const pending of batch) pending.reject(error)
      }
    }
    writing = false
  }

  return (item) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ item, resolve, reject })
      // The first row waits one tick, so the rows of requests handled in the same tick join it.
      if (!writing) {
        writing = true
        setTimeout(() => void drain(), 0)
      }
    })
}
