import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { SEEDED } from '../seed/index.ts'
import { startPipedrive, type RunningPipedrive } from './server.ts'

const CLIENT = { clientId: 'pd-client', clientSecret: 'pd-secret' }
const basic = (id = CLIENT.clientId, secret = CLIENT.clientSecret) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`

// The app's callback: records what Pipedrive sends to it (the uninstall DELETE).
const received: { method: string; authorization: string | undefined; body: unknown }[] = []
let callback: ReturnType<typeof serve>
let callbackUrl: string
let pipedrive: RunningPipedrive

beforeAll(async () => {
  const app = new Hono()
  app.all('/pipedrive/oauth/callback', async (c) => {
    received.push({
      method: c.req.method,
      authorization: c.req.header('authorization'),
      body: await c.req.json().catch(() => undefined),
    })
    return c.body(null, 204)
  })
  callback = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s))
  })
  callbackUrl = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/pipedrive/oauth/callback`
  pipedrive = await startPipedrive({ ...CLIENT, redirectUri: callbackUrl })
})
afterAll(async () => {
  await pipedrive.stop()
  await new Promise((resolve) => callback.close(resolve))
})

/** Plays the user clicking "Allow" (or "Cancel") on the consent page. */
async function consent(decision: 'allow' | 'deny', userId = 2001, state = 's1') {
  const page = await fetch(pipedrive.authorizeUrl(state, userId))
  expect(page.status).toBe(200)
  const form = new URLSearchParams({
    decision,
    user_id: String(userId),
    redirect_uri: callbackUrl,
    state,
  })
  const answer = await fetch(`${pipedrive.url}/oauth/authorize`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
  })
  expect(answer.status).toBe(302)
  return new URL(answer.headers.get('location') ?? '')
}

async function token(form: Record<string, string>, authorization = basic()) {
  const answer = await fetch(`${pipedrive.url}/oauth/token`, {
    method: 'POST',
    headers: { authorization },
    body: new URLSearchParams(form),
  })
  return { status: answer.status, body: (await answer.json()) as Record<string, unknown> }
}

async function install(userId = 2001) {
  const code = (await consent('allow', userId)).searchParams.get('code') ?? ''
  return token({ grant_type: 'authorization_code', code, redirect_uri: callbackUrl })
}

const api = (path: string, accessToken: string, init: RequestInit = {}) =>
  fetch(`${pipedrive.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
  })

describe('the sandbox Pipedrive: OAuth', () => {
  it('redirects Allow to the callback with a code and the state, Cancel with user_denied', async () => {
    const allowed = await consent('allow')
    expect(`${allowed.origin}${allowed.pathname}`).toBe(callbackUrl)
    expect(allowed.searchParams.get('code')).toMatch(/^code:/)
    expect(allowed.searchParams.get('state')).toBe('s1')
    const denied = await consent('deny')
    expect(denied.searchParams.get('error')).toBe('user_denied')
    expect(denied.searchParams.get('code')).toBeNull()
  })

  it('refuses a redirect URI that is not the registered one', async () => {
    const url = new URL(pipedrive.authorizeUrl('s'))
    url.searchParams.set('redirect_uri', 'https://evil.example/callback')
    const answer = await fetch(url)
    expect(answer.status).toBe(400)
    expect(await answer.json()).toEqual({ error: 'Invalid redirect URL' })
  })

  it('exchanges a code once for Pipedrive’s token answer', async () => {
    const code = (await consent('allow')).searchParams.get('code') ?? ''
    const first = await token({ grant_type: 'authorization_code', code, redirect_uri: callbackUrl })
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({
      token_type: 'bearer',
      scope: 'base,contacts:full,deals:read,webhooks:full',
      expires_in: 3600,
      api_domain: pipedrive.url,
    })
    const again = await token({ grant_type: 'authorization_code', code, redirect_uri: callbackUrl })
    expect(again).toMatchObject({ status: 400, body: { error: 'invalid_grant' } })
  })

  it('wants the client credentials in Basic auth', async () => {
    const answer = await token(
      { grant_type: 'refresh_token', refresh_token: 'x' },
      basic('pd-client', 'wrong')
    )
    expect(answer).toMatchObject({ status: 401, body: { error: 'invalid_client' } })
  })

  it('refreshes to a new access token and the same refresh token; revoked refresh tokens fail', async () => {
    const installed = await install()
    const refreshed = await token({
      grant_type: 'refresh_token',
      refresh_token: String(installed.body.refresh_token),
    })
    expect(refreshed.status).toBe(200)
    expect(refreshed.body.refresh_token).toBe(installed.body.refresh_token)
    expect(refreshed.body.access_token).not.toBe(installed.body.access_token)
    const revoke = await fetch(`${pipedrive.url}/oauth/revoke`, {
      method: 'POST',
      headers: { authorization: basic() },
      body: new URLSearchParams({
        token: String(installed.body.refresh_token),
        token_type_hint: 'refresh_token',
      }),
    })
    expect(revoke.status).toBe(200)
    const dead = await token({
      grant_type: 'refresh_token',
      refresh_token: String(installed.body.refresh_token),
    })
    expect(dead).toMatchObject({ status: 400, body: { error: 'invalid_grant' } })
  })
})

describe('the sandbox Pipedrive: REST', () => {
  it('answers users/me with the company of the token', async () => {
    const { body } = await install(2002)
    const me = await api('/api/v1/users/me', String(body.access_token))
    expect(await me.json()).toMatchObject({
      success: true,
      data: { id: 2002, company_id: 1001, company_domain: 'acme' },
    })
  })

  it('serves Joe Bloggs as person 1 with v2 emails, and Pipedrive’s 404 body', async () => {
    const { body } = await install()
    const access = String(body.access_token)
    const joe = (await (await api('/api/v2/persons/1', access)).json()) as {
      data: { emails: unknown[] }
    }
    expect(joe.data.emails).toEqual([
      { value: SEEDED.joeBloggs.email, primary: true, label: 'work' },
    ])
    const missing = await api('/api/v2/persons/999', access)
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({ success: false, error: 'Person not found' })
  })

  it('lists an organization’s persons and finds a deal’s person id', async () => {
    const access = String((await install()).body.access_token)
    const persons = (await (await api('/api/v2/persons?org_id=2&limit=3', access)).json()) as {
      data: { id: number }[]
      additional_data: { next_cursor: string | null }
    }
    expect(persons.data.map((p) => p.id)).toEqual([2, 3, 4])
    expect(persons.additional_data.next_cursor).not.toBeNull()
    // The next page starts where the cursor says, and the last page has no cursor.
    const next = (await (
      await api(
        `/api/v2/persons?org_id=2&limit=3&cursor=${persons.additional_data.next_cursor ?? ''}`,
        access
      )
    ).json()) as typeof persons
    expect(next.data.map((p) => p.id)).toEqual([5, 6, 7])
    expect(next.additional_data.next_cursor).toBeNull()
    expect((await api('/api/v2/persons?org_id=2&cursor=bogus', access)).status).toBe(400)
    const deal = (await (await api('/api/v2/deals/2', access)).json()) as {
      data: { person_id: number | null }
    }
    expect(deal.data.person_id).toBeNull()
  })

  it('refuses expired and unknown access tokens with 401', async () => {
    const access = String((await install()).body.access_token)
    expect((await api('/api/v2/persons/1', 'v1u:made-up')).status).toBe(401)
    pipedrive.grants.expireAccessTokens()
    expect((await api('/api/v2/persons/1', access)).status).toBe(401)
  })

  it('adds a note to a person', async () => {
    const access = String((await install()).body.access_token)
    const added = await api('/api/v1/notes', access, {
      method: 'POST',
      body: JSON.stringify({ content: '**Intilery** summary', person_id: 1 }),
    })
    expect(added.status).toBe(201)
    expect(pipedrive.notes.at(-1)).toMatchObject({ content: '**Intilery** summary', person_id: 1 })
    const orphan = await api('/api/v1/notes', access, {
      method: 'POST',
      body: JSON.stringify({ content: 'x' }),
    })
    expect(orphan.status).toBe(400)
  })
})

describe('the sandbox Pipedrive: uninstall', () => {
  it('sends DELETE to the callback with Basic client credentials, and the grant is gone', async () => {
    const installed = await install(2002)
    expect(await pipedrive.uninstall(2002)).toBe(204)
    expect(received.at(-1)).toMatchObject({
      method: 'DELETE',
      authorization: basic(),
      body: { client_id: 'pd-client', company_id: 1001, user_id: 2002 },
    })
    const dead = await token({
      grant_type: 'refresh_token',
      refresh_token: String(installed.body.refresh_token),
    })
    expect(dead.status).toBe(400)
  })
})

describe('record pages', () => {
  it('redirect a link to {api_domain}/person/2 to the web app, as Pipedrive’s domain serves both', async () => {
    const web = await startPipedrive({
      ...CLIENT,
      redirectUri: callbackUrl,
      webUrl: 'http://127.0.0.1:9/',
    })
    try {
      const page = await fetch(`${web.url}/person/2`, { redirect: 'manual' })
      expect(page.status).toBe(302)
      expect(page.headers.get('location')).toBe('http://127.0.0.1:9/person/2')
      // Not the API: its calls still need a token.
      expect((await fetch(`${web.url}/api/v2/persons/2`)).status).toBe(401)
    } finally {
      await web.stop()
    }
    // Without a web app, there is no page.
    expect((await fetch(`${pipedrive.url}/organization/3`, { redirect: 'manual' })).status).toBe(
      404
    )
  })
})
