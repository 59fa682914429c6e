// The install lifecycle end to end against the sandbox's Pipedrive: start with a signed state,
// consent, callback and code exchange, the setup page that links a company to a tenant, and the
// uninstall callback.
import { describe, expect, it } from 'vitest'

import { createLinkSigner } from '../src/hosts/pipedrive/install/signed-links.ts'
import { setupUrl } from '../src/hosts/pipedrive/install/setup-routes.ts'
import { ADMIN, CLIENT_ID, CLIENT_SECRET, COMPANY, REP, useHarness } from './pipedrive-harness.ts'

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
  it('goes from start through consent to a stored, sealed installation', async () => {
    const { authorizeUrl, cookie } = await start()
    expect(authorizeUrl.startsWith(`${harness().pipedrive.url}/oauth/authorize?`)).toBe(true)
    expect(new URL(authorizeUrl).searchParams.get('client_id')).toBe(CLIENT_ID)
    expect(cookie).toMatch(/^intilery_pipedrive_state=/)
    const callback = await consent(authorizeUrl, REP, 'allow')
    expect(callback.startsWith(`${harness().relayUrl}/pipedrive/oauth/callback?code=`)).toBe(true)

    const done = await fetch(callback, { ...manual, headers: { cookie } })
    expect(done.status).toBe(200)
    expect(await done.text()).toContain('Demo workspace')
    const install = await harness().installations.get(COMPANY, REP)
    expect(install).toMatchObject({ status: 'connected', apiDomain: harness().pipedrive.url })
    expect(install?.accessToken).toBe(harness().pipedrive.grants.grantOf(1001, 2002)?.accessToken)
  })

  it('sends an admin of an unlinked company to the setup page, which names the company', async () => {
    await harness().linkCompany(false)
    try {
      const { authorizeUrl, cookie } = await start()
      const callback = await consent(authorizeUrl, ADMIN, 'allow')
      const done = await fetch(callback, { ...manual, headers: { cookie } })
      expect(done.status).toBe(302)
      const setup = done.headers.get('location') ?? ''
      expect(setup).toMatch(/\/pipedrive\/setup\?ticket=/)
      const page = await (await fetch(setup)).text()
      expect(page).toContain('Acme Trading (acme.pipedrive.com)')
      expect(page).toContain('Link this Pipedrive company')
    } finally {
      await harness().linkCompany(true)
    }
  })

  it('gives a non-admin of an unlinked company no setup link', async () => {
    await harness().linkCompany(false)
    try {
      const { authorizeUrl, cookie } = await start()
      const callback = await consent(authorizeUrl, REP, 'allow')
      const done = await fetch(callback, { ...manual, headers: { cookie } })
      expect(done.status).toBe(200)
      const text = await done.text()
      expect(text).toContain('ask them to install the app')
      expect(text).not.toContain('ticket=')
    } finally {
      await harness().linkCompany(true)
    }
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
  const link = (ticket: string, apiKey: string) =>
    fetch(`${harness().relayUrl}/pipedrive/setup`, {
      method: 'POST',
      body: new URLSearchParams({ ticket, apiKey }),
    })
  const ticketFor = async (companyId: string) => {
    const links = createLinkSigner(CLIENT_SECRET, () => harness().clock.ms)
    const url = await setupUrl(links, harness().relayUrl, {
      id: ADMIN,
      companyId,
      companyName: 'Other Co',
      companyDomain: 'other',
    })
    return new URL(url).searchParams.get('ticket') ?? ''
  }

  it('needs an admin’s ticket and an API key allowed every trait', async () => {
    const store = harness().store
    const { key } = await store.apiKeys.create('demo', { name: 'setup', traitAllowlist: '*' })
    const narrow = await store.apiKeys.create('demo', {
      name: 'narrow',
      traitAllowlist: ['firstName'],
    })
    const ticket = await ticketFor('4242')

    expect((await link(ticket, 'icr_not_a_key_000000')).status).toBe(401)
    // A key limited to some traits would otherwise become a way to read whole profiles.
    expect((await link(ticket, narrow.key)).status).toBe(401)
    expect(await store.tenants.findByLink('pipedrive', '4242')).toBeUndefined()
    expect((await link(`${ticket}x`, key)).status).toBe(401)

    const linked = await link(ticket, key)
    expect(linked.status).toBe(200)
    expect(await linked.text()).toContain('Other Co (other.pipedrive.com)')
    expect((await store.tenants.findByLink('pipedrive', '4242'))?.tenant.id).toBe('demo')
  })

  it('stops a link after five wrong keys', async () => {
    const ticket = await ticketFor('4343')
    for (let i = 0; i < 5; i++)
      expect((await link(ticket, `icr_wrong_${i}_000000`)).status).toBe(401)
    const { key } = await harness().store.apiKeys.create('demo', {
      name: 'late',
      traitAllowlist: '*',
    })
    expect((await link(ticket, key)).status).toBe(429)
    expect(await harness().store.tenants.findByLink('pipedrive', '4343')).toBeUndefined()
  })

  it('holds the limit for wrong keys tried in parallel', async () => {
    const ticket = await ticketFor('4444')
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => link(ticket, `icr_wrong_${i}_000000`))
    )
    expect(answers.filter((a) => a.status === 401)).toHaveLength(5)
    expect(answers.filter((a) => a.status === 429)).toHaveLength(5)
    const { key } = await harness().store.apiKeys.create('demo', {
      name: 'parallel',
      traitAllowlist: '*',
    })
    expect((await link(ticket, key)).status).toBe(429)
  })

  it('refuses the setup page without a ticket', async () => {
    expect((await fetch(`${harness().relayUrl}/pipedrive/setup`)).status).toBe(400)
  })
})

describe('uninstalling the Pipedrive app', () => {
  it('deletes the installation when Pipedrive calls back with the client credentials', async () => {
    await harness().install(ADMIN)
    expect(await harness().pipedrive.uninstall(Number(ADMIN))).toBe(204)
    expect(await harness().installations.get(COMPANY, ADMIN)).toBeUndefined()
    const panel = await fetch(await harness().panelUrl('person', 1))
    expect(await panel.json()).toMatchObject({ error: { title: 'Connect Pipedrive' } })
  })

  it('ignores an uninstall notice without the client credentials', async () => {
    await harness().install(ADMIN)
    const installed = await harness().installations.get(COMPANY, ADMIN)
    expect(installed).toMatchObject({ status: 'connected' })
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
    expect(await harness().installations.get(COMPANY, ADMIN)).toEqual(installed)
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
