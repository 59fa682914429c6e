// The sandbox's Pipedrive enforces OAuth scopes (scopes.ts) and record visibility (visibility.ts)
// as Pipedrive does: a call outside the grant's scopes is 403 "Scope and URL mismatch"; a record the
// user may not see is 403 on a single read and left out of lists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { SCOPE_MISMATCH, scopesFor } from './scopes.ts'
import { startPipedrive, type RunningPipedrive } from './server.ts'
import { NOT_VISIBLE } from './visibility.ts'

const REDIRECT = 'http://127.0.0.1:9/pipedrive/oauth/callback'
const CLIENT = { clientId: 'pd-client', clientSecret: 'pd-secret', redirectUri: REDIRECT }
const ADMIN = 2001
const REP = 2002

let documented: RunningPipedrive
let readOnly: RunningPipedrive

beforeAll(async () => {
  documented = await startPipedrive(CLIENT)
  // The scopes the README used to ask for: reads only.
  readOnly = await startPipedrive({ ...CLIENT, scope: 'base,contacts:read,deals:read' })
})
afterAll(() => Promise.all([documented.stop(), readOnly.stop()]))

async function accessToken(pipedrive: RunningPipedrive, userId = ADMIN): Promise<string> {
  const code = pipedrive.grants.issueCode(1001, userId, REDIRECT)
  const answer = await fetch(`${pipedrive.url}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from('pd-client:pd-secret').toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }),
  })
  return String(((await answer.json()) as { access_token: string }).access_token)
}

const call = (pipedrive: RunningPipedrive, path: string, token: string, init: RequestInit = {}) =>
  fetch(`${pipedrive.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  })

const note = JSON.stringify({ content: 'Summary', person_id: 1 })

describe('the sandbox Pipedrive: scopes', () => {
  it('maps each endpoint to the scopes Pipedrive’s table lists for it', () => {
    expect(scopesFor('GET', '/api/v1/users/me')).toEqual(['base'])
    expect(scopesFor('GET', '/api/v2/persons/1')).toEqual(['contacts:read', 'contacts:full'])
    expect(scopesFor('GET', '/api/v2/organizations/1')).toEqual(['contacts:read', 'contacts:full'])
    expect(scopesFor('GET', '/api/v2/deals/1')).toEqual(['deals:read', 'deals:full'])
    expect(scopesFor('POST', '/api/v1/notes')).toEqual(['contacts:full', 'deals:full'])
  })

  it('refuses a note without contacts:full or deals:full with Pipedrive’s 403 body, and adds none', async () => {
    const token = await accessToken(readOnly)
    const refused = await call(readOnly, '/api/v1/notes', token, { method: 'POST', body: note })
    expect(refused.status).toBe(403)
    expect(await refused.json()).toEqual(SCOPE_MISMATCH)
    expect(readOnly.notes).toEqual([])
    // Reads stay within contacts:read and deals:read, and users/me is base.
    expect((await call(readOnly, '/api/v2/persons/1', token)).status).toBe(200)
    expect((await call(readOnly, '/api/v2/deals/1', token)).status).toBe(200)
    expect((await call(readOnly, '/api/v1/users/me', token)).status).toBe(200)
  })

  it('adds the note with the documented scopes, which the token answer names', async () => {
    const token = await accessToken(documented)
    const added = await call(documented, '/api/v1/notes', token, { method: 'POST', body: note })
    expect(added.status).toBe(201)
    expect(documented.notes.at(-1)).toMatchObject({ content: 'Summary', person_id: 1 })
    expect(documented.grants.grantOf(1001, ADMIN)?.scope).toBe(
      'base,contacts:full,deals:read,webhooks:full'
    )
  })

  it('refuses deals to a grant with contacts only', async () => {
    const contactsOnly = await startPipedrive({ ...CLIENT, scope: 'contacts:full' })
    try {
      const token = await accessToken(contactsOnly)
      const deal = await call(contactsOnly, '/api/v2/deals/1', token)
      expect(deal.status).toBe(403)
      expect(await deal.json()).toEqual(SCOPE_MISMATCH)
      expect((await call(contactsOnly, '/api/v2/persons/1', token)).status).toBe(200)
    } finally {
      await contactsOnly.stop()
    }
  })
})

describe('the sandbox Pipedrive: visibility', () => {
  it('answers 403 to a user who may not see a person, and leaves it out of lists', async () => {
    documented.visibility.set('person', 2, 1, ADMIN)
    try {
      const rep = await accessToken(documented, REP)
      const hidden = await call(documented, '/api/v2/persons/2', rep)
      expect(hidden.status).toBe(403)
      expect(await hidden.json()).toMatchObject({ success: false, error: NOT_VISIBLE })
      const list = (await (await call(documented, '/api/v2/persons?org_id=2', rep)).json()) as {
        data: { id: number }[]
      }
      expect(list.data.map((p) => p.id)).toEqual([3, 4, 5, 6, 7])
      // The owner (an admin here) still sees it; so does any admin.
      const admin = await accessToken(documented, ADMIN)
      expect((await call(documented, '/api/v2/persons/2', admin)).status).toBe(200)
    } finally {
      documented.visibility.reset()
    }
  })

  it('lets a rep see a restricted deal they own, and no other', async () => {
    documented.visibility.set('deal', 1, 1, REP)
    documented.visibility.set('deal', 3, 1, ADMIN)
    try {
      const rep = await accessToken(documented, REP)
      expect((await call(documented, '/api/v2/deals/1', rep)).status).toBe(200)
      expect((await call(documented, '/api/v2/deals/3', rep)).status).toBe(403)
    } finally {
      documented.visibility.reset()
    }
  })
})
