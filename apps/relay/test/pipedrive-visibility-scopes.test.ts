// What Pipedrive lets each user do reaches each user: a record Pipedrive hides from a user is not
// shown to them from another user's cached answer, and a note the app's scopes do not allow is a
// clear error naming the scope, while the documented scopes post it.
import { SEEDED } from '@intilery-connect/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  ADMIN,
  CUSTOM_PANEL_SECRET,
  REP,
  startPipedriveHarness,
  useHarness,
  type PipedriveHarness,
} from './pipedrive-harness.ts'

async function call(
  h: PipedriveHarness,
  userId: string,
  path: string,
  init: RequestInit = {}
): Promise<{ status: number; body: Record<string, unknown> }> {
  const token = await h.token({ userId: Number(userId) }, CUSTOM_PANEL_SECRET)
  const response = await fetch(`${h.relayUrl}/pipedrive/v1${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

const addNote = (h: PipedriveHarness, userId = ADMIN) =>
  call(h, userId, '/notes', {
    method: 'POST',
    body: JSON.stringify({ resource: 'person', id: 1, text: 'Joe Bloggs: 3 orders' }),
  })

describe('a record Pipedrive hides from one user', () => {
  const harness = useHarness([ADMIN, REP])

  it('is not shown to that user from another user’s cached answer', async () => {
    const h = harness()
    // Joe is visible to his owner (the admin) only; the rep may not see him in Pipedrive.
    h.pipedrive.visibility.set('person', 1, 1, Number(ADMIN))
    const admin = await call(h, ADMIN, '/subject?resource=person&id=1')
    expect(admin.status).toBe(200)
    expect(admin.body).toMatchObject({ emails: [SEEDED.joeBloggs.email] })

    const rep = await call(h, REP, '/subject?resource=person&id=1')
    expect(rep.status).toBe(200)
    expect(rep.body).toEqual({ resource: 'person', id: 1, emails: [], reason: 'not_found' })
    expect(JSON.stringify(rep.body)).not.toContain(SEEDED.joeBloggs.email)
  })

  it('reads as "no contact person" through a deal the user may see', async () => {
    const h = harness()
    h.pipedrive.visibility.set('person', 1, 1, Number(ADMIN))
    const rep = await call(h, REP, '/subject?resource=deal&id=1')
    expect(rep.body).toEqual({ resource: 'deal', id: 1, emails: [], reason: 'no_person' })
  })
})

describe('adding a note with the scopes the README used to ask for (reads only)', () => {
  let h: PipedriveHarness
  beforeAll(async () => {
    h = await startPipedriveHarness({ pipedriveScope: 'base,contacts:read,deals:read' })
    await h.install(ADMIN)
  })
  afterAll(() => h.stop())

  it('is a clear error naming the scope the app needs, and writes no note', async () => {
    const { status, body } = await addNote(h)
    expect(status).toBe(409)
    expect(body).toMatchObject({
      error: {
        code: 'misconfigured',
        message:
          'Pipedrive refused to add the note: the Intilery app needs the “Contacts: Full access” scope (contacts:full). Add it to the app in Pipedrive’s Developer Hub, then reinstall the app to accept it.',
      },
    })
    expect(h.pipedrive.notes).toEqual([])
  })
})

describe('adding a note with the documented scopes', () => {
  const harness = useHarness([ADMIN])

  it('posts the note', async () => {
    const { status, body } = await addNote(harness())
    expect(status).toBe(201)
    expect(harness().pipedrive.notes.find((n) => n.id === body.id)).toMatchObject({
      person_id: 1,
      content: 'Joe Bloggs: 3 orders',
    })
    expect(harness().pipedrive.grants.grantOf(1001, Number(ADMIN))?.scope).toBe(
      'base,contacts:full,deals:read,webhooks:full'
    )
  })
})
