// The port on the real `pipedrive` npm client against a Pipedrive stand-in that hangs: every call
// (code exchange, refresh, users/me, persons, deals, organizations, notes) ends at its own timeout
// or at the request's deadline, and hangs up on Pipedrive. Fake setTimeout; real HTTP, waited for
// by event (a request reaching the stand-in, a held response let go).
import { type PipedriveFaultRoute, type RunningPipedrive } from '@intilery-connect/sandbox'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

import { watch } from '../../../upstream/testing/watch.ts'
import { PipedriveCallError, type PipedriveApi, type PipedriveCrm } from './pipedrive-port.ts'
import { clientOnStandIn, REDIRECT } from './test/client-on-stand-in.ts'

const TIMEOUT = 700
let pipedrive: RunningPipedrive
let api: PipedriveApi
let token: string
let refreshToken: string

beforeAll(async () => {
  ;({ pipedrive, api } = await clientOnStandIn({ callTimeoutMs: TIMEOUT }))
  const grant = await api.oauth.exchangeCode(pipedrive.grants.issueCode(1001, 2001, REDIRECT))
  token = grant.access_token
  refreshToken = grant.refresh_token
})
afterAll(() => pipedrive.stop())

let held: Promise<void>[]
let arrivals: { count: number; wake: () => void }
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  held = []
  arrivals = { count: 0, wake: () => {} }
  const hold = pipedrive.hangs.hold.bind(pipedrive.hangs)
  vi.spyOn(pipedrive.hangs, 'hold').mockImplementation((signal) => {
    const release = hold(signal)
    held.push(release)
    arrivals.count += 1
    arrivals.wake()
    return release
  })
})
afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  pipedrive.faults.reset()
  // A test that failed may have left a response held; the next starts without it.
  pipedrive.hangs.releaseAll()
})

/** Resolves once `count` responses are held by the stand-in. */
const heldCount = (count: number) =>
  new Promise<void>((resolve) => {
    arrivals.wake = () => {
      if (arrivals.count >= count) resolve()
    }
    arrivals.wake()
  })

async function endsAtTimeout(call: Promise<unknown>, during: string) {
  await heldCount(1)
  const watched = watch(call)
  await vi.advanceTimersByTimeAsync(TIMEOUT - 1)
  expect(watched.settled).toBe(false)
  await vi.advanceTimersByTimeAsync(1)
  expect(watched.result).toBeInstanceOf(PipedriveCallError)
  expect(watched.result).toMatchObject({
    failure: 'unavailable',
    code: 'upstream_unavailable',
    message: expect.stringContaining(`Pipedrive did not answer ${during} in time`) as string,
  })
  // The client hung up: the stand-in let the held response go.
  await Promise.all(held)
  expect(pipedrive.hangs.size).toBe(0)
}

const crm = (signal?: AbortSignal): PipedriveCrm =>
  api.crm(pipedrive.url, () => Promise.resolve(token), { signal })

const hang = (route: PipedriveFaultRoute) => pipedrive.faults.set({ hangRate: 1, routes: [route] })

describe('each Pipedrive call ends at its own timeout when Pipedrive hangs', () => {
  it('the code exchange', async () => {
    hang('token')
    const code = pipedrive.grants.issueCode(1001, 2002, REDIRECT)
    await endsAtTimeout(api.oauth.exchangeCode(code), 'the code exchange')
  })

  it('a token refresh', async () => {
    hang('token')
    await endsAtTimeout(api.oauth.refresh(refreshToken), 'a token refresh')
  })

  it('users/me', async () => {
    hang('users/me')
    await endsAtTimeout(crm().me(), 'users/me')
  })

  it('a person, a deal and an organization’s persons', async () => {
    hang('persons')
    await endsAtTimeout(crm().person(1), 'a person read')
    held = []
    arrivals.count = 0
    hang('deals')
    await endsAtTimeout(crm().deal(1), 'a deal read')
    held = []
    arrivals.count = 0
    hang('persons')
    await endsAtTimeout(crm().personsOfOrganization(2, 3), 'an organization’s persons')
  })

  it('adding a note, whose message warns against adding it twice', async () => {
    hang('notes')
    const note = crm().addNote({ content: 'Summary', personId: 1 })
    await endsAtTimeout(note, 'adding a note')
    await expect(note).rejects.toThrow('check the record’s notes before trying again')
  })

  it('a call still waiting for its token', async () => {
    const waiting = api.crm(pipedrive.url, () => new Promise<string>(() => {})).person(1)
    const watched = watch(waiting)
    await vi.advanceTimersByTimeAsync(TIMEOUT)
    expect(watched.result).toMatchObject({ failure: 'unavailable' })
  })
})

describe('a CRM’s calls end with the request’s deadline', () => {
  it('ends a call in flight when the deadline passes, before its own timeout', async () => {
    hang('persons')
    const request = new AbortController()
    const call = watch(crm(request.signal).person(1))
    await heldCount(1)
    await vi.advanceTimersByTimeAsync(100)
    expect(call.settled).toBe(false)
    request.abort(new DOMException('The request deadline passed', 'TimeoutError'))
    await vi.advanceTimersByTimeAsync(0)
    expect(call.result).toMatchObject({ failure: 'unavailable' })
    await Promise.all(held)
    expect(pipedrive.hangs.size).toBe(0)
  })

  it('sends no further call once the deadline has passed', async () => {
    const request = new AbortController()
    request.abort()
    const limits = vi.spyOn(pipedrive.faults, 'latencyFor')
    await expect(crm(request.signal).deal(1)).rejects.toMatchObject({ failure: 'unavailable' })
    await expect(
      api.oauth.exchangeCode(pipedrive.grants.issueCode(1001, 2002, REDIRECT), {
        signal: request.signal,
      })
    ).rejects.toMatchObject({ failure: 'unavailable' })
    expect(limits).not.toHaveBeenCalled()
  })

  it('answers as before when Pipedrive does', async () => {
    const request = new AbortController()
    expect(await crm(request.signal).person(1)).toMatchObject({ id: 1 })
    expect(vi.getTimerCount()).toBe(0)
  })
})
