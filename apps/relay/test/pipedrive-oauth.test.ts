// The install lifecycle end to end against the sandbox's Pipedrive: start with a signed state,
// consent, callback and code exchange, the setup page that links a company to a tenant, and the
// uninstall callback.
import { describe, expect, it } from 'vitest'

import { createLinkSigner } from '../src/pipedrive/signed-links.ts'
import { setupUrl } from '../src/routes/pipedrive-setup.ts'
import {
  ADMIN,
  CLIENT_ID,
  CLIENT_SECRET,
  COMPANY,
  REP,
  useHarness,
} from './pipedrive-harness.ts'

const harness = useHarness([])

const manual = { redirect: 'manual' } as const

/** Pipedrive's consent page answered `decision` for `userId`: where the browser goes next. */
async function consent(authorizeUrl: string, userId: string, decision: 'allow' | 'deny') {
  const url = new URL(authorizeUrl)
  const form = new URLSearchParams({
    user_id: userId,
    redirect_uri: url.searchParams.get('redirect_uri') ?? '',
    state: url.searchParams.get('state') ?? '',
    decision,
  })
  const answer = await fetch(new URL('/oauth/authorize', url), {
    ...manual,
    method: 'POST',
    body: form,
  })
  return answer.headers.get('location') ?? ''
}

/** Starts an install as a browser does: the consent URL and the state cookie to send back. */
async function start() {
  const started = await fetch(`${harness().relayUrl}/pipedrive/oauth/start`, manual)
  expect(started.status).toBe(302)
  const cookie = (started.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  return { authorizeUrl: started.headers.get('location') ?? '', cookie }
}

describe('installing the Pipedrive app', () => {
  it('goes from start through consent to a stored, sealed installation and the setup page', async () => {
    const { authorizeUrl, cookie } = await start()
    expect(authorizeUrl.startsWith(`${harness().pipedrive.url}/oauth/authorize?`)).toBe(true)
    expect(new URL(authorizeUrl).searchParams.get('client_id')).toBe(CLIENT_ID)
    expect(cookie).toMatch(/^intilery_pipedrive_state=/)
    const callback = await consent(authorizeUrl, REP, 'allow')
    expect(callback.startsWith(`${harness().relayUrl}/pipedrive/oauth/callback?code=`)).toBe(true)

    const done = await fetch(callback, { ...manual, headers: { cookie } })
    expect(done.status).toBe(302)
    const setup = done.headers.get('location') ?? ''
    expect(setup).toMatch(/\/pipedrive\/setup\?ticket=/)
    const install = await harness().store.pipedriveInstallations.get(COMPANY, REP)
    expect(install).toMatchObject({ status: 'connected', apiDomain: harness().pipedrive.url })
    expect(install?.accessToken).toBe(harness().pipedrive.grants.grantOf(1001, 2002)?.accessToken)

    const page = await fetch(setup)
    expect(page.status).toBe(200)
    const text = await page.text()
    expect(text).toContain('Intilery is connected')
    expect(text).toContain('Demo workspace')
  })

  it('refuses a callback whose state this browser did not start', async () => {
    const { authorizeUrl } = await start()
    const callback = await consent(authorizeUrl, ADMIN, 'allow')
    const other = await start()
    const answer = await fetch(callback, { ...manual, headers: { cookie: other.cookie } })
    expect(answer.status).toBe(400)
    expect(await answer.text()).toContain('Install link expired')
  })

  it('refuses a forged state', async () => {
    const { cookie } = await start()
    const answer = await fetch(
      `${harness().relayUrl}/pipedrive/oauth/callback?code=x&state=forged.state.value`,
      { ...manual, headers: { cookie } }
    )
    expect(answer.status).toBe(400)
  })

  it('says so when the user cancels on the consent page', async () => {
    const { authorizeUrl, cookie } = await start()
    const callback = await consent(authorizeUrl, ADMIN, 'deny')
    expect(callback).toContain('error=user_denied')
    const answer = await fetch(callback, { ...manual, headers: { cookie } })
    expect(answer.status).toBe(200)
    expect(await answer.text()).toContain('Install cancelled')
  })

  it('starts an install with a state when Pipedrive calls back without one', async () => {
    const answer = await fetch(`${harness().relayUrl}/pipedrive/oauth/callback?code=abc`, manual)
    expect(answer.status).toBe(302)
    expect(answer.headers.get('location')).toBe('start')
  })
})

describe('linking a Pipedrive company to a tenant', () => {
  it('needs the ticket from an install and one of the tenant’s API keys', async () => {
    const { key } = await harness().store.apiKeys.create('demo', {
      name: 'setup',
      traitAllowlist: '*',
    })
    const links = createLinkSigner(CLIENT_SECRET, () => harness().clock.ms)
    const url = await setupUrl(links, harness().relayUrl, { companyId: '4242', userId: ADMIN })
    const form = await fetch(url)
    expect(await form.text()).toContain('Link this Pipedrive company')
    const ticket = new URL(url).searchParams.get('ticket') ?? ''

    const wrong = await fetch(`${harness().relayUrl}/pipedrive/setup`, {
      method: 'POST',
      body: new URLSearchParams({ ticket, apiKey: 'icr_not_a_key_000000' }),
    })
    expect(wrong.status).toBe(401)
    expect(await harness().store.tenants.findByPipedriveCompany('4242')).toBeUndefined()

    const forged = await fetch(`${harness().relayUrl}/pipedrive/setup`, {
      method: 'POST',
      body: new URLSearchParams({ ticket: `${ticket}x`, apiKey: key }),
    })
    expect(forged.status).toBe(401)

    const linked = await fetch(`${harness().relayUrl}/pipedrive/setup`, {
      method: 'POST',
      body: new URLSearchParams({ ticket, apiKey: key }),
    })
    expect(linked.status).toBe(200)
    expect((await harness().store.tenants.findByPipedriveCompany('4242'))?.id).toBe('demo')
  })

  it('refuses the setup page without a ticket', async () => {
    expect((await fetch(`${harness().relayUrl}/pipedrive/setup`)).status).toBe(400)
  })
})

describe('uninstalling the Pipedrive app', () => {
  it('deletes the installation when Pipedrive calls back with the client credentials', async () => {
    await harness().install(ADMIN)
    expect(await harness().pipedrive.uninstall(Number(ADMIN))).toBe(204)
    expect(await harness().store.pipedriveInstallations.get(COMPANY, ADMIN)).toBeUndefined()
    const panel = await fetch(await harness().panelUrl('person', 1))
    expect(await panel.json()).toMatchObject({ error: { title: 'Connect Pipedrive' } })
  })

  it('ignores an uninstall notice without the client credentials', async () => {
    await harness().install(ADMIN)
    const body = JSON.stringify({ client_id: CLIENT_ID, company_id: 1001, user_id: 2001 })
    for (const authorization of [undefined, `Basic ${btoa(`${CLIENT_ID}:wrong`)}`]) {
      const answer = await fetch(`${harness().relayUrl}/pipedrive/oauth/callback`, {
        method: 'DELETE',
        headers: {
          'content-type': 'application/json',
          ...(authorization === undefined ? {} : { authorization }),
        },
        body,
      })
      expect(answer.status).toBe(401)
    }
    expect(await harness().store.pipedriveInstallations.get(COMPANY, ADMIN)).toBeDefined()
  })

  it('acknowledges a visibility notice only with the client credentials', async () => {
    const post = (authorization?: string) =>
      fetch(`${harness().relayUrl}/pipedrive/oauth/callback`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(authorization === undefined ? {} : { authorization }),
        },
        body: JSON.stringify({ company_id: 1001, user_id: 2001, isShared: true }),
      })
    expect((await post()).status).toBe(401)
    expect((await post(`Basic ${btoa(`${CLIENT_ID}:${CLIENT_SECRET}`)}`)).status).toBe(204)
  })
})

describe('the setup page’s failures', () => {
  it('are pages a person can read, not JSON', async () => {
    const answer = await fetch(`${harness().relayUrl}/pipedrive/setup?ticket=forged`)
    expect(answer.status).toBe(401)
    expect(answer.headers.get('content-type')).toContain('text/html')
    expect(await answer.text()).toContain('This link is invalid or has expired')
  })
})
