// A read whose audit row cannot be written is not served, and the caller learns only that the relay
// failed: the audit trail's own words (which field it refused, and why) never reach a response.
import { SEEDED } from '@intilery-connect/sandbox'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { createAuditLog } from '../src/store/audit-log.ts'
import { openDatabase } from '../src/store/database.ts'
import { migrateRelayDatabase } from '../src/wiring/relay-store.ts'
import { API_KEY, startHarness } from './app-harness.ts'

let harness: Awaited<ReturnType<typeof startHarness>>
const db = openDatabase(':memory:')
beforeAll(async () => {
  await migrateRelayDatabase(db)
  // The real audit trail, which validates every row, told of no channel the reads come through:
  // it refuses each row with an InvalidInputError naming the field and the channels it knows.
  harness = await startHarness({
    audit: createAuditLog({ db, now: Date.now, channels: ['cli'] }),
  })
})
afterAll(async () => {
  await harness.stop()
  await db.destroy()
})

it.each([
  ['a Zendesk read', 'zendesk'],
  ['an API key read', 'api'],
])('%s the audit refuses answers a plain 500, naming nothing of the audit', async (_, channel) => {
  const email = encodeURIComponent(SEEDED.joeBloggs.email)
  const response =
    channel === 'zendesk'
      ? await harness.app.request(`/zendesk/v1/context?email=${email}`, {
          headers: { authorization: `Bearer ${await harness.zendeskToken()}` },
        })
      : await harness.app.request(`/v1/profiles/email:${email}/traits`, {
          headers: { authorization: `Bearer ${API_KEY}` },
        })
  expect(response.status).toBe(500)
  const text = await response.text()
  expect(JSON.parse(text)).toEqual({
    error: {
      code: 'internal',
      message: 'Something went wrong in the relay.',
      requestId: response.headers.get('x-request-id'),
    },
  })
  expect(text).not.toMatch(/audit|channel|cli/i)
  // The operator's log says it was the audit trail, so the 500 is not mistaken for a bug.
  const requestId = response.headers.get('x-request-id')
  const logged = harness.logs as { requestId?: string }[]
  expect(logged.find((line) => line.requestId === requestId)).toMatchObject({
    level: 'error',
    code: 'internal',
    reason: 'audit_write_failed',
  })
})
