import { describe, expect, it } from 'vitest'

import { watchChanges } from './change-watch.ts'

describe('watchChanges', () => {
  it('takes the first answer as the baseline and tells of each move once', async () => {
    let version = 3
    let changes = 0
    const watch = watchChanges({
      read: () => Promise.resolve(version),
      onChange: () => (changes += 1),
      everyMs: 60_000,
    })
    try {
      expect(await watch.check()).toBe(false)
      version = 4
      expect(await watch.check()).toBe(true)
      expect(await watch.check()).toBe(false)
      expect(changes).toBe(1)
    } finally {
      watch.stop()
    }
  })

  it('carries on when the store does not answer, and sees the move once it does', async () => {
    let answer: () => Promise<number> = () => Promise.resolve(1)
    let changes = 0
    const watch = watchChanges({
      read: () => answer(),
      onChange: () => (changes += 1),
      everyMs: 60_000,
    })
    try {
      await watch.check()
      answer = () => Promise.reject(new Error('database is locked'))
      expect(await watch.check()).toBe(false)
      answer = () => Promise.resolve(2)
      expect(await watch.check()).toBe(true)
      expect(changes).toBe(1)
    } finally {
      watch.stop()
    }
  })
})
