// Subscribing can fail (the app lacks the webhooks scope, Pipedrive is down): the install still
// succeeds, its page and the operator's log say why, and the failure is kept; the deal events'
// persons are opened at delivery through the company's installation, for its own tenant only.
import { installThroughBrowser } from '@intilery-connect/sandbox'
import { describe, expect, it } from 'vitest'

import { ADMIN, COMPANY, useHarness } from '../../../../test/pipedrive-harness.ts'
import { createPipedriveIdentityResolver } from './identity-resolver.ts'

const warnings: { event: string; fields: Readonly<Record<string, string>> }[] = []
// The scopes the app had before write-back: no webhooks:full.
const harness = useHarness([], {
  pipedriveScope: 'base,contacts:full,deals:read',
  warn: (event, fields) => warnings.push({ event, fields }),
})

describe('a subscription Pipedrive refuses', () => {
  it('installs anyway, says why on the page and in the log, and keeps the failure', async () => {
    const started = await fetch(`${harness().relayUrl}/pipedrive/oauth/start`, {
      redirect: 'manual',
    })
    const cookie = (started.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const consent = new URL(started.headers.get('location') ?? '')
    const allowed = await fetch(new URL('/oauth/authorize', consent), {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({
        user_id: ADMIN,
        redirect_uri: consent.searchParams.get('redirect_uri') ?? '',
        state: consent.searchParams.get('state') ?? '',
        decision: 'allow',
      }),
    })
    const page = await fetch(allowed.headers.get('location') ?? '', { headers: { cookie } })
    expect(page.status).toBe(200)
    const text = await page.text()
    expect(text).toContain('Intilery is connected')
    expect(text).toContain('could not subscribe')
    expect(text).toContain('webhooks:full')
    expect(await harness().installations.get(COMPANY, ADMIN)).toMatchObject({ status: 'connected' })
    expect(await harness().deps.webhooks.subscriptions.get(COMPANY)).toMatchObject({
      status: 'failed',
      userId: ADMIN,
    })
    expect(warnings).toEqual([
      {
        event: 'pipedrive_webhooks_not_subscribed',
        fields: expect.objectContaining({ company: COMPANY, user: ADMIN }) as unknown,
      },
    ])
    expect(harness().pipedrive.webhooks.all()).toEqual([])
  })
})

describe('the deal events’ identity resolver', () => {
  const resolver = () =>
    createPipedriveIdentityResolver({
      api: harness().deps.api,
      installations: harness().installations,
      tokens: harness().deps.tokens,
      tenants: harness().store.tenants,
    })

  it('reads the person’s emails through the company’s installation', async () => {
    expect(
      (await installThroughBrowser(`${harness().relayUrl}/pipedrive/oauth/start`, 2001)).status
    ).toBe(200)
    const joe = await resolver().resolve('demo', { accountId: COMPANY, ref: '1' })
    expect(joe).toEqual({ emails: [harness().pipedrive.data.persons[0]?.emails[0]?.value] })
    const nobody = await resolver().resolve('demo', { accountId: COMPANY, ref: '999' })
    expect(nobody).toEqual({ emails: [] })
  })

  it('refuses a company that is not the tenant’s', async () => {
    await expect(
      resolver().resolve('another-tenant', { accountId: COMPANY, ref: '1' })
    ).rejects.toMatchObject({ code: 'forbidden' })
    await expect(resolver().resolve('demo', { accountId: '42', ref: '1' })).rejects.toMatchObject({
      code: 'forbidden',
    })
  })
})
