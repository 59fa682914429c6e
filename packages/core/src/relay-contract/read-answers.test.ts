import { describe, expect, it } from 'vitest'

import { eventsAnswerSchema } from './events-answer.ts'
import { traitsAnswerSchema } from './traits-answer.ts'

const fresh = { fetchedAt: '2026-11-22T12:00:00.000Z', stale: false }

describe('the events answer', () => {
  it('reads a last page (no cursor) and a page with a cursor', () => {
    expect(eventsAnswerSchema.parse({ entries: [], ...fresh })).toEqual({ entries: [], ...fresh })
    expect(eventsAnswerSchema.parse({ entries: [], cursor: 'c2', ...fresh }).cursor).toBe('c2')
  })

  it('refuses an answer that does not say how fresh it is', () => {
    expect(eventsAnswerSchema.safeParse({ entries: [], fetchedAt: fresh.fetchedAt }).success).toBe(
      false
    )
  })
})

describe('the traits answer', () => {
  it('reads one profile (userId, id) and several (email), dropping the upstream request id', () => {
    const single = traitsAnswerSchema.parse({
      traits: { kind: 'single', profile: { id: 'p1', score: 7 }, requestId: 'up-1' },
      ...fresh,
    })
    expect(single.traits).toEqual({ kind: 'single', profile: { id: 'p1', score: 7 } })
    const list = traitsAnswerSchema.parse({
      traits: { kind: 'list', profiles: [{ id: 'p1' }, { id: 'p2' }] },
      ...fresh,
      stale: true,
    })
    expect(list).toMatchObject({ traits: { kind: 'list' }, stale: true })
  })

  it('refuses a lookup of an unknown kind', () => {
    expect(
      traitsAnswerSchema.safeParse({ traits: { kind: 'many', profiles: [] }, ...fresh }).success
    ).toBe(false)
  })
})
