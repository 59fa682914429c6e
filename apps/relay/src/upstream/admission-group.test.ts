import { describe, expect, it } from 'vitest'

import { RelayError } from '../platform/errors.ts'
import { AdmissionGroup, GROUP_DECISION_MS, withAdmission } from './admission-group.ts'

const shed = new RelayError('rate_limited', 'queued', { retryAfter: 5 })

describe('AdmissionGroup', () => {
  it('asks once for all its loads and gives the same answer to those started together', () => {
    const asked: number[] = []
    const group = new AdmissionGroup(2, () => 0)
    const decide = (loads: number) => (asked.push(loads), 'admitted' as const)
    expect(group.admit(decide)).toBe('admitted')
    expect(group.admit(() => shed)).toBe('admitted')
    expect(asked).toEqual([2])
  })

  it('decides a load that comes a round trip later on its own, as the queue is then', () => {
    const clock = { ms: 0 }
    const group = new AdmissionGroup(4, () => clock.ms)
    expect(group.admit(() => 'admitted')).toBe('admitted')
    clock.ms += GROUP_DECISION_MS + 1
    const asked: number[] = []
    expect(group.admit((loads) => (asked.push(loads), shed))).toBe(shed)
    expect(asked).toEqual([1])
  })

  it('gives back once, when the request is done, and at once for a group already done', () => {
    const group = new AdmissionGroup(2)
    const released: string[] = []
    group.whenFinished(() => released.push('first'))
    group.whenFinished(() => released.push('second'))
    expect(released).toEqual([])
    group.finish()
    group.finish()
    expect(released).toEqual(['first', 'second'])
    group.whenFinished(() => released.push('late'))
    expect(released).toEqual(['first', 'second', 'late'])
  })

  it('finishes the group withAdmission made however its request ends', async () => {
    const released: string[] = []
    const answer = await withAdmission(3, (group) => {
      expect(group.loads).toBe(3)
      group.whenFinished(() => released.push('answered'))
      return Promise.resolve(42)
    })
    expect(answer).toBe(42)
    await expect(
      withAdmission(2, (group) => {
        group.whenFinished(() => released.push('failed'))
        return Promise.reject(shed)
      })
    ).rejects.toBe(shed)
    expect(released).toEqual(['answered', 'failed'])
  })
})
