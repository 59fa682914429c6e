// The local Pipedrive's fault knobs: latency and hangs, per route, and held responses let go.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

import { pipedriveFaultRoute } from './faults.ts'
import { PIPEDRIVE_SCOPE, startPipedrive, type RunningPipedrive } from './server.ts'

const CLIENT = { clientId: 'pd-client', clientSecret: 'pd-secret' }
const REDIRECT = 'http://127.0.0.1:9/pipedrive/oauth/callback'
let pipedrive: RunningPipedrive
let token: string

beforeAll(async () => {
  pipedrive = await startPipedrive({ ...CLIENT, redirectUri: REDIRECT })
  const code = pipedrive.grants.issueCode(1001, 2001, REDIRECT)
  const grant = pipedrive.grants.redeemCode(code, REDIRECT, PIPEDRIVE_SCOPE)
  if (grant === undefined) throw new Error('no grant')
  token = grant.accessToken
})
afterAll(() => pipedrive.stop())
afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  pipedrive.faults.reset()
})

const get = (path: string, signal?: AbortSignal) =>
  fetch(`${pipedrive.url}${path}`, {
    headers: { authorization: `Bearer ${token}` },
    ...(signal === undefined ? {} : { signal }),
  })

/** Resolves once the stand-in has asked its knobs about a request (it has arrived). */
function arrival(): Promise<string> {
  return new Promise((resolve) => {
    const latencyFor = pipedrive.faults.latencyFor.bind(pipedrive.faults)
    vi.spyOn(pipedrive.faults, 'latencyFor').mockImplementation((route) => {
      resolve(route)
      return latencyFor(route)
    })
  })
}

describe('the sandbox Pipedrive: fault knobs', () => {
  it('names each call the relay makes by its route', () => {
    expect(pipedriveFaultRoute('POST', '/oauth/token')).toBe('token')
    expect(pipedriveFaultRoute('GET', '/oauth/authorize')).toBeUndefined()
    expect(pipedriveFaultRoute('GET', '/api/v1/users/me')).toBe('users/me')
    expect(pipedriveFaultRoute('GET', '/api/v2/persons/1')).toBe('persons')
    expect(pipedriveFaultRoute('GET', '/api/v2/persons')).toBe('persons')
    expect(pipedriveFaultRoute('GET', '/api/v2/deals/1')).toBe('deals')
    expect(pipedriveFaultRoute('GET', '/api/v2/organizations/1')).toBe('organizations')
    expect(pipedriveFaultRoute('POST', '/api/v1/notes')).toBe('notes')
  })

  it('holds a hanging response until its caller leaves, and only on the routes chosen', async () => {
    pipedrive.faults.set({ hangRate: 1, routes: ['persons'] })
    expect((await get('/api/v2/deals/1')).status).toBe(200)
    const caller = new AbortController()
    // Wrapped: resolving with the hold's own promise would wait for its release.
    const held = new Promise<{ released: Promise<void> }>((resolve) => {
      const hold = pipedrive.hangs.hold.bind(pipedrive.hangs)
      vi.spyOn(pipedrive.hangs, 'hold').mockImplementation((signal) => {
        const release = hold(signal)
        resolve({ released: release })
        return release
      })
    })
    const answer = get('/api/v2/persons/1', caller.signal)
    const { released } = await held
    expect(pipedrive.hangs.size).toBe(1)
    caller.abort()
    await expect(answer).rejects.toThrow()
    await released
    expect(pipedrive.hangs.size).toBe(0)
  })

  it('answers only once the added latency has passed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    pipedrive.faults.set({ latencyMs: 2_000 })
    const arrived = arrival()
    let settled = false
    const answer = get('/api/v2/persons/1').finally(() => (settled = true))
    await arrived
    await vi.advanceTimersByTimeAsync(1_999)
    expect(settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect((await answer).status).toBe(200)
  })

  it('refuses settings outside the knobs', () => {
    expect(() => pipedrive.faults.set({ hangRate: 2 })).toThrow()
    expect(() => pipedrive.faults.set({ routes: ['nope' as never] })).toThrow()
    expect(pipedrive.faults.current).toEqual({ latencyMs: 0, hangRate: 0, routes: [] })
  })
})
