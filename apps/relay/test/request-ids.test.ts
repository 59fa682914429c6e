// The relay names every request itself: the id in the response, the log line and the audit row is
// the relay's own, whatever X-Request-Id the client sent. A client's id is kept only as a separate
// log field, and only when it is a short plain token.
import { SEEDED } from '@intilery-connect/sandbox'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { startHarness } from './app-harness.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

let harness: Awaited<ReturnType<typeof startHarness>>
beforeAll(async () => {
  harness = await startHarness()
})
afterAll(() => harness.stop())

async function readAs(clientRequestId: string) {
  harness.logs.length = 0
  harness.audit.length = 0
  const response = await harness.app.request(
    `/zendesk/v1/context?email=${encodeURIComponent(SEEDED.joeBloggs.email)}`,
    {
      headers: {
        authorization: `Bearer ${await harness.zendeskToken()}`,
        'x-request-id': clientRequestId,
      },
    }
  )
  expect(response.status).toBe(200)
  return {
    requestId: response.headers.get('x-request-id'),
    log: harness.logs[0] as Record<string, unknown>,
    audit: harness.audit,
  }
}

it('answers, logs and audits its own request id, keeping the client’s apart', async () => {
  const { requestId, log, audit } = await readAs('client-trace-42')
  expect(requestId).toMatch(UUID)
  expect(audit.map((row) => row.requestId)).toEqual([requestId])
  expect(log).toMatchObject({ requestId, clientRequestId: 'client-trace-42' })
})

it('never lets a client choose the audit row’s id, even one shaped like the relay’s', async () => {
  const forged = '00000000-0000-4000-8000-000000000000'
  const { requestId, log, audit } = await readAs(forged)
  expect(requestId).toMatch(UUID)
  expect(requestId).not.toBe(forged)
  expect(audit.map((row) => row.requestId)).toEqual([requestId])
  expect(log).toMatchObject({ requestId, clientRequestId: forged })
})

it.each([
  ['over 128 characters', 'a'.repeat(129)],
  ['an email', SEEDED.joeBloggs.email],
  ['spaces and quotes', 'id "with" spaces'],
])('drops a client id with %s from the log', async (_, value) => {
  const { requestId, log } = await readAs(value)
  expect(requestId).toMatch(UUID)
  expect(log.requestId).toBe(requestId)
  expect(log).not.toHaveProperty('clientRequestId')
  expect(JSON.stringify(log)).not.toContain(value)
})

it('keeps a client id of exactly 128 characters', async () => {
  const value = `${'a'.repeat(64)}${'Z9_-='.repeat(12)}${'b'.repeat(4)}`
  expect(value).toHaveLength(128)
  expect((await readAs(value)).log.clientRequestId).toBe(value)
})
