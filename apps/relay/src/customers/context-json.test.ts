import { createProfileRef, type ProfileRef } from '@intilery-connect/core'
import { SEEDED, startSandbox, type RunningSandbox } from '@intilery-connect/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { directUpstream } from '../../test/app-harness.ts'
import type { UpstreamReads } from '../ports.ts'
import { contextJsonBytes } from './context-json.ts'
import { customerContext } from './customer-context.ts'

const text = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(bytes)

let sandbox: RunningSandbox
let upstream: UpstreamReads
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
  upstream = directUpstream(sandbox)
})
afterAll(() => sandbox.stop())

const joe = createProfileRef('email', SEEDED.joeBloggs.email)
const cases: [string, ProfileRef][] = [
  ['one profile, a next-page cursor', joe],
  ['two profiles for one email', createProfileRef('email', SEEDED.sharedEmail)],
  ['hostile strings', createProfileRef('id', SEEDED.hostile.id)],
  ['long values', createProfileRef('id', SEEDED.longValues.id)],
  ['unicode', createProfileRef('id', SEEDED.unicode.id)],
  ['no events', createProfileRef('id', SEEDED.noEvents[0]?.id ?? '')],
]

describe('contextJsonBytes', () => {
  it.each(cases)('writes exactly what JSON.stringify writes: %s', async (_, ref) => {
    const { context } = await customerContext(upstream, ref, {})
    expect(text(contextJsonBytes(context))).toBe(JSON.stringify(context))
  })

  it('writes a stale flag and fetch time that differ per request over the same cached arrays', async () => {
    const { context } = await customerContext(upstream, joe, {})
    const later = { ...context, fetchedAt: '2026-11-22T00:00:00.000Z', stale: !context.stale }
    expect(text(contextJsonBytes(later))).toBe(JSON.stringify(later))
    expect(text(contextJsonBytes(context))).toBe(JSON.stringify(context))
  })

  it('answers the very same bytes again while nothing in the context changed', async () => {
    const { context } = await customerContext(upstream, joe, {})
    const first = contextJsonBytes(context)
    expect(contextJsonBytes({ ...context })).toBe(first)
    const stale = contextJsonBytes({ ...context, stale: true })
    expect(stale).not.toBe(first)
    expect(text(stale)).toBe(JSON.stringify({ ...context, stale: true }))
  })
})
