// The custom panel's page (served only with a verified token, nonce'd, framed by Pipedrive only)
// and its API (SDK-signed Bearer tokens): subject, the shared context routes, notes.
import { createProfileRef, formatProfileRef } from '@intilery-connect/core'
import { SEEDED } from '@intilery-connect/sandbox'
import { describe, expect, it } from 'vitest'

import {
  ADMIN,
  COMPANY,
  CUSTOM_PANEL_SECRET,
  PANEL_SECRET,
  REP,
  startPipedriveHarness,
  useHarness,
} from './pipedrive-harness.ts'
import { createHasher } from '../src/platform/crypto/hmac.ts'
import type { AuditEntry } from '../src/store/audit-log.ts'
import { AUDIT_KEY } from '../src/store/suite/context.ts'

const harness = useHarness([ADMIN])
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

const sdkToken = (claims: Record<string, unknown> = {}) =>
  harness().token(claims, CUSTOM_PANEL_SECRET)

async function api(path: string, init: RequestInit & { token?: string | null } = {}) {
  const token = init.token === undefined ? await sdkToken() : init.token
  const headers = new Headers(init.headers)
  if (token !== null) headers.set('authorization', `Bearer ${token}`)
  const response = await fetch(`${harness().relayUrl}/pipedrive/v1${path}`, { ...init, headers })
  return {
    status: response.status,
    requestId: response.headers.get('x-request-id'),
    body: (await response.json()) as Record<string, unknown>,
  }
}

async function page(overrides: Record<string, string> = {}) {
  const query = new URLSearchParams({
    id: 'runtime-1',
    userId: ADMIN,
    companyId: COMPANY,
    resource: 'person',
    view: 'details',
    selectedIds: '1',
    theme: 'light',
    token: await sdkToken(),
    ...overrides,
  })
  return fetch(`${harness().relayUrl}/pipedrive/panel?${query.toString()}`)
}

describe('the custom panel page', () => {
  it('is served with a fresh nonce on its scripts and styles, framed only by Pipedrive', async () => {
    const first = await page()
    expect(first.status).toBe(200)
    const csp = first.headers.get('content-security-policy') ?? ''
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
    // 16 random bytes, base64.
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/)
    const html = await first.text()
    expect(html).toContain(`<script nonce="${nonce}">`)
    expect(html).toContain(`<style nonce="${nonce}">`)
    expect(html).not.toContain('__CSP_NONCE__')
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("connect-src 'self'")
    expect(csp).toContain('frame-ancestors https://*.pipedrive.com http://127.0.0.1:4700')
    expect(first.headers.get('x-frame-options')).toBeNull()
    const second = await page()
    expect(second.headers.get('content-security-policy')).not.toContain(nonce)
  })

  it.each([
    // Not a panel request at all: a plain page saying what this is.
    ['no token', { token: '' }, 400, 'This page is the Intilery panel inside Pipedrive.'],
    [
      'a token for another company',
      { companyId: '1002' },
      401,
      'Pipedrive’s signature on this panel could not be verified. Reload.',
    ],
  ])('is refused with %s', async (_, overrides, status, text) => {
    const response = await page(overrides)
    expect(response.status).toBe(status)
    expect(response.headers.get('content-type')).toBe('text/plain; charset=UTF-8')
    expect(await response.text()).toBe(text)
  })

  it('is refused with a token signed by the JSON panel’s secret', async () => {
    const response = await page({ token: await harness().token({}, PANEL_SECRET) })
    expect(response.status).toBe(401)
  })

  it('says when the panel has not been built', async () => {
    const bare = await startPipedriveHarness({ panelPage: undefined })
    try {
      const query = new URLSearchParams({
        userId: ADMIN,
        companyId: COMPANY,
        token: await bare.token({}, CUSTOM_PANEL_SECRET),
      })
      const response = await fetch(`${bare.relayUrl}/pipedrive/panel?${query.toString()}`)
      expect(response.status).toBe(503)
      expect(await response.text()).toContain('not built')
    } finally {
      await bare.stop()
    }
  })
})

describe('the custom panel API', () => {
  it('says which customer a person, a deal and an organization are', async () => {
    expect((await api('/subject?resource=person&id=1')).body).toEqual({
      resource: 'person',
      id: 1,
      emails: [SEEDED.joeBloggs.email],
      lookup: { type: 'email', value: SEEDED.joeBloggs.email },
    })
    expect((await api('/subject?resource=person&id=3')).body).toMatchObject({
      emails: ['zoe.celik@work.example', 'zoe@home.example', SEEDED.unicode.email],
      lookup: { type: 'email', value: SEEDED.unicode.email },
    })
    expect((await api('/subject?resource=deal&id=2')).body).toMatchObject({
      emails: [],
      reason: 'no_person',
    })
    expect((await api('/subject?resource=person&id=7')).body).toMatchObject({
      reason: 'no_profile',
    })
    expect((await api('/subject?resource=organization&id=2')).body).toMatchObject({
      persons: { shown: 3, more: true },
      lookup: { type: 'email', value: SEEDED.sharedEmail },
    })
  })

  it('serves the same customer context as the Zendesk app', async () => {
    const { status, body } = await api(
      `/context?email=${encodeURIComponent(SEEDED.joeBloggs.email)}`
    )
    expect(status).toBe(200)
    expect(body).toMatchObject({ match: 'one', profiles: [{ id: SEEDED.joeBloggs.id }] })
  })

  it('adds the summary as a note on the record, escaped as text', async () => {
    const text = 'Joe Bloggs\n<img src=x onerror=alert(1)> & more'
    const { status, body } = await api('/notes', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ resource: 'person', id: 1, text }),
    })
    expect(status).toBe(201)
    const note = harness().pipedrive.notes.find((n) => n.id === body.id)
    expect(note).toMatchObject({
      person_id: 1,
      content: 'Joe Bloggs<br>&lt;img src=x onerror=alert(1)&gt; &amp; more',
    })
  })

  it('refuses a note without text or for an unknown kind of record', async () => {
    const notes = harness().pipedrive.notes.length
    for (const payload of [
      { resource: 'person', id: 1, text: ' ' },
      { resource: 'lead', id: 1, text: 'x' },
    ]) {
      const { status, body, requestId } = await api('/notes', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      })
      expect(status).toBe(400)
      expect(body).toMatchObject({ error: { code: 'bad_request', requestId } })
    }
    expect(harness().pipedrive.notes).toHaveLength(notes)
  })

  it('refuses calls without a valid SDK token', async () => {
    expect((await api('/subject?resource=person&id=1', { token: null })).status).toBe(401)
    const panelToken = await harness().token({}, PANEL_SECRET)
    expect((await api('/subject?resource=person&id=1', { token: panelToken })).status).toBe(401)
  })

  it('tells a user without an install to connect Pipedrive', async () => {
    const { status, body } = await api('/subject?resource=person&id=1', {
      token: await sdkToken({ userId: Number(REP) }),
    })
    expect(status).toBe(403)
    expect(body).toMatchObject({ error: { code: 'not_connected' } })
  })

  it('records every profile read in the audit log as the Pipedrive user', async () => {
    const { store, clock } = harness()
    // Rows are stamped with the harness clock: one millisecond on, only this test's rows are newer
    // (and one more between the reads puts them in order).
    clock.ms += 1
    const since = new Date(clock.ms)
    const ref = createProfileRef('email', SEEDED.joeBloggs.email)
    const read = await api(`/context?email=${encodeURIComponent(ref.value)}`)
    expect(read.status).toBe(200)
    clock.ms += 1
    const missing = await api('/context?userId=no-such-user')
    expect(missing.status).toBe(404)
    const rows: AuditEntry[] = []
    for await (const row of store.audit.export(since)) rows.push(row)
    // Each row has its own id, and the sandbox's request id for the upstream read behind it.
    for (const row of rows) {
      expect(row.id).toMatch(UUID)
      expect(row.upstreamRequestId).toMatch(UUID)
    }
    const hasher = await createHasher(AUDIT_KEY)
    const who = {
      tenantId: 'demo',
      channel: 'pipedrive',
      caller: `pipedrive:${COMPANY}:${ADMIN}`,
      latencyMs: 0,
    }
    expect(rows.map(({ id: _id, upstreamRequestId: _upstream, ...row }) => row)).toEqual([
      {
        ...who,
        at: since,
        refHmac: await hasher(formatProfileRef(ref)),
        idType: 'email',
        outcome: 'ok',
        status: 200,
        requestId: read.requestId,
      },
      {
        ...who,
        at: new Date(since.getTime() + 1),
        refHmac: await hasher('userId:no-such-user'),
        idType: 'userId',
        outcome: 'not_found',
        status: 404,
        requestId: missing.requestId,
      },
    ])
    expect(JSON.stringify(rows)).not.toContain(SEEDED.joeBloggs.email)
  })
})

describe('the custom panel API for a viewer who never installed the app', () => {
  it('refuses every read, not only the record’s subject', async () => {
    const token = await sdkToken({ userId: Number(REP) })
    for (const path of [
      '/subject?resource=person&id=1',
      `/context?email=${encodeURIComponent(SEEDED.joeBloggs.email)}`,
      `/traits?ref=${encodeURIComponent(`email:${SEEDED.joeBloggs.email}`)}`,
    ]) {
      const { status, body } = await api(path, { token })
      expect(status, path).toBe(403)
      expect(body).toMatchObject({ error: { code: 'not_connected' } })
    }
  })
})
