// A Pipedrive that hangs or is slow: every Pipedrive call the panels make obeys the request's
// deadline and its own per-call timeout, so the JSON panel answers in Pipedrive's error format, the
// custom panel's API in the relay's, and each request is logged, instead of waiting for Pipedrive.
//
// Time is fake (the relay's deadline and per-call timers, and the stand-in's added latency, run on
// vitest's fake setTimeout); only the HTTP between them is real, and it is waited for by event (a
// request reaching the stand-in, a held response let go), never by the wall clock. Without the
// deadline these tests do not fail on an assertion: the answer never comes and the test times out.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import type { RequestLogEntry } from '../src/platform/http/request-log.ts'
import { watch } from '../src/upstream/testing/watch.ts'
import { assertValidPanelError } from './json-panel-validator.ts'
import { ADMIN, CUSTOM_PANEL_SECRET, useHarness } from './pipedrive-harness.ts'

const DEADLINE = 1_000
/** Each Pipedrive call's own limit: below the deadline, as in production. */
const CALL_TIMEOUT = 600
/** Slow, but each call alone within its limit; two in a row overrun the deadline. */
const LATENCY = 550

const log: RequestLogEntry[] = []
const harness = useHarness([ADMIN], {
  requestDeadlineMs: DEADLINE,
  pipedriveCallTimeoutMs: CALL_TIMEOUT,
  log: (entry) => log.push(entry),
})

let stand: ReturnType<typeof observeStandIn>
beforeEach(() => {
  // Only timers: the sockets, and Node's own HTTP timers, stay real.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  stand = observeStandIn()
})
afterEach(async () => {
  // Let the stand-in finish its sleeps, so that no late answer meets the next test's knobs.
  if (vi.isFakeTimers()) await vi.advanceTimersByTimeAsync(LATENCY)
  vi.useRealTimers()
  vi.restoreAllMocks()
  harness().pipedrive.faults.reset()
  // A test that failed may have left a response held; the next starts without it.
  harness().pipedrive.hangs.releaseAll()
  harness().sandbox.faults.reset()
})

/**
 * Watches the Pipedrive stand-in through its knobs: it asks them for the added latency as each
 * request arrives, and holds a hanging response with `hangs.hold`, whose promise settles on release.
 */
function observeStandIn() {
  const { faults, hangs } = harness().pipedrive
  const routes: string[] = []
  const onArrival = new Set<() => void>()
  const latencyFor = faults.latencyFor.bind(faults)
  vi.spyOn(faults, 'latencyFor').mockImplementation((route) => {
    routes.push(route)
    for (const check of [...onArrival]) check()
    return latencyFor(route)
  })
  const held: Promise<void>[] = []
  const hold = hangs.hold.bind(hangs)
  vi.spyOn(hangs, 'hold').mockImplementation((signal) => {
    const release = hold(signal)
    held.push(release)
    return release
  })
  return {
    /** The routes of the requests that reached the stand-in, in order. */
    routes,
    /** Resolves once `count` requests have reached the stand-in. */
    arrived: (count: number) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (routes.length < count) return
          onArrival.delete(check)
          resolve()
        }
        onArrival.add(check)
        check()
      }),
    held: () => held.length,
    /** Resolves once every response held so far has been let go (the relay hung up). */
    released: () => Promise.all(held),
  }
}

interface Answer {
  readonly status: number
  readonly requestId: string | null
  readonly retryAfter: string | null
  readonly body: Record<string, unknown>
}

async function answerOf(response: Promise<Response>): Promise<Answer> {
  const r = await response
  return {
    status: r.status,
    requestId: r.headers.get('x-request-id'),
    retryAfter: r.headers.get('retry-after'),
    body: (await r.json()) as Record<string, unknown>,
  }
}

/** A request sent now (its token signed before the clock is touched), watched as it settles. */
async function send(path: 'panel' | 'subject' | 'notes', resource: string, id: number) {
  const h = harness()
  if (path === 'panel') return answerOf(fetch(await h.panelUrl(resource, id)))
  const headers = { authorization: `Bearer ${await h.token({}, CUSTOM_PANEL_SECRET)}` }
  const url = `${h.relayUrl}/pipedrive/v1`
  if (path === 'subject')
    return answerOf(fetch(`${url}/subject?resource=${resource}&id=${id}`, { headers }))
  return answerOf(
    fetch(`${url}/notes`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ resource, id, text: 'Spoke to them about the renewal.' }),
    })
  )
}

/** Expects the answer one tick after `ms` and not before; returns it. */
async function answeredAfter(request: Promise<Answer>, ms: number): Promise<Answer> {
  const watched = watch(request)
  await vi.advanceTimersByTimeAsync(ms - 1)
  expect(watched.settled).toBe(false)
  await vi.advanceTimersByTimeAsync(1)
  return request
}

const logged = (answer: Answer) => log.find((entry) => entry.requestId === answer.requestId)

const PANEL_TIMEOUT = {
  error: { title: 'Pipedrive did not answer', subtitle: 'Reload in a moment.' },
}

describe('the JSON panel when Pipedrive hangs or is slow', () => {
  it('answers a hanging person read at the call timeout, in Pipedrive’s error format, and logs it', async () => {
    harness().pipedrive.faults.set({ hangRate: 1, routes: ['persons'] })
    const request = send('panel', 'person', 2)
    await stand.arrived(1)
    const answer = await answeredAfter(request, CALL_TIMEOUT)
    expect(answer.status).toBe(503)
    expect(answer.body).toEqual(PANEL_TIMEOUT)
    assertValidPanelError(answer.body)
    expect(logged(answer)).toMatchObject({ route: '/pipedrive/v1/panel', status: 503 })
    // The relay hung up on Pipedrive rather than leaving the call open.
    expect(stand.held()).toBe(1)
    await stand.released()
    expect(harness().pipedrive.hangs.size).toBe(0)
  })

  it('gives a deal and its person ONE deadline: a slow Pipedrive ends the lookup at the deadline', async () => {
    const intileryReads = harness().sandbox.counters.snapshot().total
    harness().pipedrive.faults.set({ latencyMs: LATENCY })
    const request = send('panel', 'deal', 1)
    await stand.arrived(1)
    await vi.advanceTimersByTimeAsync(LATENCY)
    // The deal came back within its own limit; its person is asked for next, on the same clock.
    await stand.arrived(2)
    expect(stand.routes).toEqual(['deals', 'persons'])
    // The person alone would answer within its own limit, but past the request's deadline.
    expect(LATENCY).toBeLessThan(CALL_TIMEOUT)
    expect(2 * LATENCY).toBeGreaterThan(DEADLINE)
    const answer = await answeredAfter(request, DEADLINE - LATENCY)
    expect(answer.status).toBe(503)
    expect(answer.body).toEqual(PANEL_TIMEOUT)
    expect(logged(answer)).toMatchObject({ route: '/pipedrive/v1/panel', status: 503 })
    // Nothing was asked of Intilery for a lookup that had already run out of time.
    expect(harness().sandbox.counters.snapshot().total).toBe(intileryReads)
  })

  it('counts Pipedrive’s time against Intilery’s: a read cut by the same deadline is Intilery’s timeout', async () => {
    const { pipedrive, sandbox } = harness()
    pipedrive.faults.set({ latencyMs: LATENCY, routes: ['deals'] })
    sandbox.faults.set({ hangRate: 1 })
    const intilery = new Promise<void>((resolve) => {
      const latencyFor = sandbox.faults.latencyFor.bind(sandbox.faults)
      vi.spyOn(sandbox.faults, 'latencyFor').mockImplementation((route) => {
        resolve()
        return latencyFor(route)
      })
    })
    // The audit log holds each row for a zero-delay timer to join others (store/group-commit.ts),
    // which the fake clock would not run unmoved: this test is about time, not the audit rows.
    vi.spyOn(harness().store.audit, 'record').mockResolvedValue(undefined)
    const request = send('panel', 'deal', 3)
    await stand.arrived(1)
    await vi.advanceTimersByTimeAsync(LATENCY)
    // The deal's person answers at once; Intilery is asked next, and hangs.
    await intilery
    expect(stand.routes).toEqual(['deals', 'persons'])
    const answer = await answeredAfter(request, DEADLINE - LATENCY)
    expect(answer.status).toBe(503)
    expect(answer.body).toEqual({
      error: { title: 'Intilery did not answer', subtitle: 'Reload in a moment.' },
    })
    expect(logged(answer)).toMatchObject({ route: '/pipedrive/v1/panel', status: 503 })
  })

  it('abandons a hanging token refresh at the call timeout; the next request refreshes and answers', async () => {
    const h = harness()
    h.clock.ms += 2 * 60 * 60_000 // past the access token's hour
    h.pipedrive.faults.set({ hangRate: 1, routes: ['token'] })
    const request = send('panel', 'person', 6)
    await stand.arrived(1)
    expect(stand.routes).toEqual(['token'])
    const answer = await answeredAfter(request, CALL_TIMEOUT)
    expect(answer.body).toEqual(PANEL_TIMEOUT)
    expect(logged(answer)).toMatchObject({ status: 503 })
    await stand.released()
    // The stuck refresh was not kept as the one every later request waits for. (Real timers from
    // here: this one reaches Intilery, and the audit log batches its writes on a timer.)
    vi.useRealTimers()
    h.pipedrive.faults.reset()
    const next = await send('panel', 'person', 6)
    expect(next.status).toBe(200)
    expect(stand.routes).toEqual(['token', 'token', 'persons'])
  })
})

describe('the custom panel API when Pipedrive hangs', () => {
  it('answers GET /subject with the relay’s upstream_unavailable error at the call timeout, and logs it', async () => {
    harness().pipedrive.faults.set({ hangRate: 1, routes: ['persons'] })
    const request = send('subject', 'person', 4)
    await stand.arrived(1)
    const answer = await answeredAfter(request, CALL_TIMEOUT)
    expect(answer.status).toBe(503)
    expect(answer.body).toEqual({
      error: {
        code: 'upstream_unavailable',
        message: 'Pipedrive did not answer a person read in time; try again shortly',
        requestId: answer.requestId,
      },
    })
    expect(Number(answer.retryAfter)).toBeGreaterThan(0)
    expect(logged(answer)).toMatchObject({ route: '/pipedrive/v1/subject', status: 503 })
    await stand.released()
  })

  it('answers POST /notes at the call timeout, saying the note may have been added', async () => {
    harness().pipedrive.faults.set({ hangRate: 1, routes: ['notes'] })
    const request = send('notes', 'person', 1)
    await stand.arrived(1)
    const answer = await answeredAfter(request, CALL_TIMEOUT)
    expect(answer.status).toBe(503)
    expect(answer.body).toMatchObject({ error: { code: 'upstream_unavailable' } })
    expect((answer.body.error as { message: string }).message).toBe(
      'Pipedrive did not answer adding a note in time; check the record’s notes before trying again'
    )
    expect(logged(answer)).toMatchObject({ route: '/pipedrive/v1/notes', status: 503 })
    await stand.released()
  })
})

describe('the install callback when Pipedrive hangs', () => {
  it('answers the person in the browser with a page at the call timeout, not a JSON error', async () => {
    const h = harness()
    const manual = { redirect: 'manual' } as const
    const started = await fetch(`${h.relayUrl}/pipedrive/oauth/start`, manual)
    const cookie = (started.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const state = new URL(started.headers.get('location') ?? '').searchParams.get('state') ?? ''
    const consent = await fetch(`${h.pipedrive.url}/oauth/authorize`, {
      ...manual,
      method: 'POST',
      body: new URLSearchParams({
        user_id: ADMIN,
        redirect_uri: h.settings.redirectUri,
        state,
        decision: 'allow',
      }),
    })
    h.pipedrive.faults.set({ hangRate: 1, routes: ['token'] })
    const request = fetch(consent.headers.get('location') ?? '', { ...manual, headers: { cookie } })
    await stand.arrived(1)
    const watched = watch(request)
    await vi.advanceTimersByTimeAsync(CALL_TIMEOUT - 1)
    expect(watched.settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    const page = await request
    expect(page.status).toBe(503)
    expect(page.headers.get('content-type')).toContain('text/html')
    const text = await page.text()
    expect(text).toContain('Pipedrive did not complete the install')
    expect(text).toContain('href="start"')
    await stand.released()
  })
})
