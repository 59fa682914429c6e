// Contract row: list profiles by recent activity with from (page index) and size (1..100).
import { createProfileRef, InvalidRequestError } from '@intilery-connect/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { expectErrorBody, startContractTarget, type ContractTarget } from './harness.ts'

let target: ContractTarget
beforeAll(async () => {
  target = await startContractTarget()
})
afterAll(() => target.stop())

const activity = (p: { lastActivityTime?: string | undefined }) =>
  Date.parse(p.lastActivityTime ?? '1970-01-01')

describe('list profiles', () => {
  it('pages through profiles by most recent activity', async () => {
    const client = target.client()
    const first = await client.listProfiles({ from: 0, size: 25 })
    const second = await client.listProfiles({ from: 1, size: 25 })
    expect(first.profiles).toHaveLength(25)
    expect(first.total).toBe(target.sandbox.store.size)
    const all = [...first.profiles, ...second.profiles]
    expect(new Set(all.map((p) => p.id)).size).toBe(50)
    const t = all.map(activity)
    expect([...t].sort((a, b) => b - a)).toEqual(t)
  })

  it('a customer who just acted moves to the top', async () => {
    await target.track('track', { userId: 'list-mover', event: 'Clicked' })
    const top = await target.client().listProfiles({ size: 1 })
    expect(top.profiles[0]?.userId).toBe('list-mover')
    const traits = await target.client().traits(createProfileRef('userId', 'list-mover'))
    expect(top.profiles[0]?.id).toBe(traits.profile.id)
  })

  it.each(['size=0', 'size=101', 'size=x', 'from=-1'])(
    '%s is 400 invalid_request_error',
    async (query) => {
      const response = await target.raw(`/profiles?${query}`)
      expect(response.status).toBe(400)
      expect((await expectErrorBody(response)).code).toBe('invalid_request_error')
    }
  )

  it('the client refuses a bad size before sending', async () => {
    await expect(target.client().listProfiles({ size: 0 })).rejects.toThrow(InvalidRequestError)
  })
})
