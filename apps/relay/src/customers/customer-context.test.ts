import { createProfileRef } from '@intilery-connect/core'
import { describe, expect, it } from 'vitest'

import type { ReadOptions, UpstreamReads } from '../ports.ts'
import { AdmissionGroup } from '../upstream/index.ts'
import { setup } from '../upstream/testing/fake-intilery.ts'
import { customerContext } from './customer-context.ts'

/** The real guard, recording the admission group each read was given. */
function watched() {
  const { upstream } = setup()
  const groups: (AdmissionGroup | undefined)[] = []
  const seen = (opts: ReadOptions | undefined) => groups.push(opts?.admission)
  const reads: UpstreamReads = {
    ...upstream,
    meta: (ref, opts) => (seen(opts), upstream.meta(ref, opts)),
    firstEventsPage: (ref, query, opts) => (seen(opts), upstream.firstEventsPage(ref, query, opts)),
  }
  return { reads, groups }
}

describe('customerContext', () => {
  it('asks for its two reads as one admission group, so they are admitted or shed together', async () => {
    const { reads, groups } = watched()
    await customerContext(reads, createProfileRef('id', 'c-1'), {})
    expect(groups).toHaveLength(2)
    expect(groups[0]).toBeInstanceOf(AdmissionGroup)
    expect(groups[0]?.loads).toBe(2)
    expect(groups[1]).toBe(groups[0])
  })

  it("keeps a caller's group that covers more of its request's reads", async () => {
    const { reads, groups } = watched()
    const panel = new AdmissionGroup(4)
    await customerContext(reads, createProfileRef('id', 'c-1'), {}, { admission: panel })
    expect(groups).toEqual([panel, panel])
  })
})
