import { describe, expect, it } from 'vitest'

import { RelayError } from '../platform/errors.ts'
import { AdmissionGroup, GROUP_DECISION_MS } from './admission-group.ts'

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
})
