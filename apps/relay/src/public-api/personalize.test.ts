// The reads of one personalization are one admission group: admitted or shed together, so no
// token is spent on a read whose answer cannot be used.
import { createProfileRef } from '@intilery-connect/core'
import { describe, expect, it } from 'vitest'

import type { ReadOptions, UpstreamReads } from '../ports.ts'
import { AdmissionGroup } from '../upstream/admission-group.ts'
import { freshRead } from '../upstream/testing/fresh-read.ts'
import { personalize } from './personalize.ts'

const guarded = <T>(value: T) => freshRead(value)

describe('personalize', () => {
  it('asks every upstream read with one admission group sized to the reads it makes', async () => {
    const seen: (ReadOptions | undefined)[] = []
    const profile = { id: 'p1', firstName: 'Joe', audiences: ['a1'] }
    const upstream: UpstreamReads = {
      traits: (_ref, opts) => {
        seen.push(opts)
        return Promise.resolve(guarded({ kind: 'single', profile, requestId: undefined }))
      },
      audiences: (_ref, opts) => {
        seen.push(opts)
        return Promise.resolve(guarded({ kind: 'single', profile, requestId: undefined }))
      },
      meta: () => Promise.reject(new Error('not asked')),
      firstEventsPage: (_ref, _query, opts) => {
        seen.push(opts)
        return Promise.resolve(guarded({ data: [], scrollId: '', hasMore: false }))
      },
    }
    const answer = await personalize(
      upstream,
      createProfileRef('userId', 'u1'),
      { traits: ['firstName'], audiences: ['a1'], recentlyViewed: { limit: 5 } },
      '*',
      { nowMs: Date.UTC(2026, 11, 5) }
    )
    expect(answer).toMatchObject({ traits: { firstName: 'Joe' }, audiences: { a1: true } })
    expect(seen).toHaveLength(3)
    const [group] = seen.map((opts) => opts?.admission)
    expect(group).toBeInstanceOf(AdmissionGroup)
    expect(group?.loads).toBe(3)
    for (const opts of seen) expect(opts?.admission).toBe(group)
  })
})
