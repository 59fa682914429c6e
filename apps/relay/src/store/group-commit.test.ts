import { describe, expect, it } from 'vitest'

import { groupCommit } from './group-commit.ts'

/** A writer whose writes finish only when the test releases them. */
function heldWriter() {
  type Release = (error?: Error) => void
  const batches: number[][] = []
  const released: Release[] = []
  const waiting: ((release: Release) => void)[] = []
  const write = (items: readonly number[]) =>
    new Promise<void>((resolve, reject) => {
      batches.push([...items])
      const release: Release = (error) => (error === undefined ? resolve() : reject(error))
      const waiter = waiting.shift()
      if (waiter === undefined) released.push(release)
      else waiter(release)
    })
  /** Resolves with the release of the next write, once it has started. */
  const nextWrite = () =>
    new Promise<Release>((resolve) => {
      const release = released.shift()
      if (release === undefined) waiting.push(resolve)
      else resolve(release)
    })
  return { batches, write, nextWrite }
}

describe('groupCommit', () => {
  it('writes the rows of one tick together, and the rows that arrive meanwhile in the next write', async () => {
    const writer = heldWriter()
    const record = groupCommit(writer.write, { maxBatch: 100 })
    const first = [1, 2, 3].map((n) => record(n))
    const release1 = await writer.nextWrite()
    const second = [4, 5].map((n) => record(n))
    release1()
    await Promise.all(first)
    const release2 = await writer.nextWrite()
    release2()
    await Promise.all(second)
    expect(writer.batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ])
  })

  it('answers a caller only once its own row is written', async () => {
    const writer = heldWriter()
    const record = groupCommit(writer.write, { maxBatch: 100 })
    let done = false
    const pending = record(1).then(() => (done = true))
    const release = await writer.nextWrite()
    await new Promise((r) => setTimeout(r, 0))
    expect(done).toBe(false)
    release()
    await pending
    expect(done).toBe(true)
  })

  it('fails every caller of a failed write, and only them', async () => {
    const writer = heldWriter()
    const record = groupCommit(writer.write, { maxBatch: 100 })
    const failed = [record(1), record(2)]
    const release1 = await writer.nextWrite()
    const later = record(3)
    release1(new Error('disk full'))
    for (const result of await Promise.allSettled(failed)) {
      expect(result).toMatchObject({ status: 'rejected', reason: new Error('disk full') })
    }
    ;(await writer.nextWrite())()
    await expect(later).resolves.toBeUndefined()
  })

  it('splits a large queue into writes of at most maxBatch rows', async () => {
    const batches: number[] = []
    const record = groupCommit(
      (items: readonly number[]) => Promise.resolve(void batches.push(items.length)),
      { maxBatch: 4 }
    )
    await Promise.all(Array.from({ length: 10 }, (_, n) => record(n)))
    expect(batches).toEqual([4, 4, 2])
  })
})
