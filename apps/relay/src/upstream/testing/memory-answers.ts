/**
 * An in-process SharedAnswerStore for tests: what several instances would share through Redis,
 * shared here by guards in one process. TTLs are not kept (tests do not outlive them).
 */
import type { SharedAnswer, SharedAnswerStore } from '../shared-answers.ts'

export function memoryAnswers(): SharedAnswerStore & {
  readonly answers: Map<string, SharedAnswer>
} {
  const answers = new Map<string, SharedAnswer>()
  const locks = new Set<string>()
  const waiters = new Map<string, (() => void)[]>()
  const wake = (key: string) => {
    for (const resolve of waiters.get(key) ?? []) resolve()
    waiters.delete(key)
  }
  return {
    answers,
    get: (key) => Promise.resolve(answers.get(key)),
    set(key, answer) {
      answers.set(key, answer)
      wake(key)
      return Promise.resolve()
    },
    tryLock(key) {
      if (locks.has(key)) return Promise.resolve(false)
      locks.add(key)
      return Promise.resolve(true)
    },
    unlock(key) {
      locks.delete(key)
      wake(key)
      return Promise.resolve()
    },
    async waitFor(key, newerThan) {
      const newer = () => {
        const answer = answers.get(key)
        return answer !== undefined && answer.fetchedAt > newerThan ? answer : undefined
      }
      if (newer() !== undefined || !locks.has(key)) return newer()
      await new Promise<void>((resolve) => waiters.set(key, [...(waiters.get(key) ?? []), resolve]))
      return newer()
    },
  }
}
