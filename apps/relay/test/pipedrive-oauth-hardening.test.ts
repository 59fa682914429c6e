// The install callback accepts each signed state once, and Pipedrive's token answers are trusted
// only for the API origins the relay was configured with (PIPEDRIVE_API_DOMAINS): a replay or an
// untrusted api_domain is a clear page or a "reconnect" answer, never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  ADMIN,
  COMPANY,
  CUSTOM_PANEL_SECRET,
  REP,
  startPipedriveHarness,
  useHarness,
  type PipedriveHarness,
} from './pipedrive-harness.ts'

const manual = { redirect: 'manual' } as const

/** /start as a browser runs it, then Pipedrive's consent (Allow) for `userId`. */
async function startAndConsent(h: PipedriveHarness, userId: string) {
  const started = await fetch(`${h.relayUrl}/pipedrive/oauth/start`, manual)
  const cookie = (started.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const authorize = new URL(started.headers.get('location') ?? '')
  const state = authorize.searchParams.get('state') ?? ''
  return { cookie, state, callback: await consentWith(h, state, userId) }
}

/** Pipedrive's consent for `state`: the callback URL with a fresh code. */
async function consentWith(h: PipedriveHarness, state: string, userId: string) {
  const answer = await fetch(`${h.pipedrive.url}/oauth/authorize`, {
    ...manual,
    method: 'POST',
    body: new URLSearchParams({
      user_id: userId,
      redirect_uri: h.settings.redirectUri,
      state,
      decision: 'allow',
    }),
  })
  return answer.headers.get('location') ?? ''
}

describe('the OAuth state', () => {
  const harness = useHarness([])

  it('is accepted once: the same state and cookie with a new code are refused, and not exchanged', async () => {
    const h = harness()
    const { cookie, state, callback } = await startAndConsent(h, REP)
    const first = await fetch(callback, { ...manual, headers: { cookie } })
    expect(first.status).toBe(200)
    await h.installations.remove(COMPANY, REP)

    // The same state again (replayed), even with a code Pipedrive would still accept.
    const exchanges = h.pipedrive.grants.tokenCalls.authorization_code
    const replay = await fetch(await consentWith(h, state, REP), { ...manual, headers: { cookie } })
    expect(replay.status).toBe(400)
    const page = await replay.text()
    expect(page).toContain('Install link already used')
    expect(page).toContain('href="start"')
    expect(h.pipedrive.grants.tokenCalls.authorization_code).toBe(exchanges)
    expect(await h.installations.get(COMPANY, REP)).toBeUndefined()
  })
})

describe('an api_domain outside PIPEDRIVE_API_DOMAINS', () => {
  // The sandbox answers with its own http://127.0.0.1 origin, which this relay does not trust.
  let h: PipedriveHarness
  beforeAll(async () => {
    h = await startPipedriveHarness({ pipedriveApiDomains: 'https://*.pipedrive.com' })
  })
  afterAll(() => h.stop())

  it('ends the install with a page that says so, and stores nothing', async () => {
    const { cookie, callback } = await startAndConsent(h, ADMIN)
    const answer = await fetch(callback, { ...manual, headers: { cookie } })
    expect(answer.status).toBe(502)
    const page = await answer.text()
    expect(page).toContain('Pipedrive answered from an unexpected address')
    expect(page).toContain('href="start"')
    expect(await h.installations.get(COMPANY, ADMIN)).toBeUndefined()
  })

  it('on a token refresh, asks the user to reconnect and keeps the installation as it was', async () => {
    // An installation made while the sandbox's origin was trusted, its access token now expired.
    const code = h.pipedrive.grants.issueCode(1001, Number(ADMIN), h.settings.redirectUri)
    const exchanged = await fetch(`${h.pipedrive.url}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${h.settings.clientId}:${h.settings.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: h.settings.redirectUri,
      }),
    })
    const tokens = (await exchanged.json()) as { access_token: string; refresh_token: string }
    const saved = {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      accessExpiresAt: h.clock.ms - 1,
      apiDomain: h.pipedrive.url,
    }
    await h.installations.save(COMPANY, ADMIN, saved)

    const panel = await fetch(await h.panelUrl('person', 1))
    expect(panel.status).toBe(403)
    expect(await panel.json()).toMatchObject({ error: { title: 'Reconnect Pipedrive' } })

    const sdkToken = await h.token({}, CUSTOM_PANEL_SECRET)
    const subject = await fetch(`${h.relayUrl}/pipedrive/v1/subject?resource=person&id=1`, {
      headers: { authorization: `Bearer ${sdkToken}` },
    })
    expect(subject.status).toBe(403)
    expect(await subject.json()).toMatchObject({ error: { code: 'not_connected' } })
    expect(await h.installations.get(COMPANY, ADMIN)).toMatchObject({
      ...saved,
      status: 'connected',
    })
  })
})
