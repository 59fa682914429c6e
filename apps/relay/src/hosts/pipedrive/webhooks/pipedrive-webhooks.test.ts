// The write-back's Pipedrive webhooks end to end, against the sandbox's Pipedrive and the relay on
// a real port: subscribing on install (once, idempotently) and forgetting on uninstall, deliveries
// of deal moves, wins, losses and new persons into the outbox, the Basic auth matrix, write-back
// off, and hostile or oversized bodies (4xx, nothing stored).
import { installThroughBrowser } from '@intilery-connect/sandbox'
import { beforeEach, describe, expect, it } from 'vitest'

import { ADMIN, COMPANY, REP, useHarness } from '../../../../test/pipedrive-harness.ts'
import { FakeOutbox } from './test/fake-outbox.ts'
import { hashWebhookPassword, newWebhookCredentials } from './webhook-credentials.ts'
import { WEBHOOK_PATH } from './subscribe-webhooks.ts'

const outbox = new FakeOutbox()
const harness = useHarness([], { outbox })

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`

/** Installs through the relay's real OAuth start and callback, as a user's browser does. */
async function install(userId = ADMIN) {
  const done = await installThroughBrowser(
    `${harness().relayUrl}/pipedrive/oauth/start`,
    Number(userId)
  )
  expect(done.status).toBe(200)
}

/** The credentials the relay gave the sandbox Pipedrive for the company's webhooks. */
function credentials() {
  const webhook = harness().pipedrive.webhooks.all()[0]
  if (webhook?.http_auth_user == null || webhook.http_auth_password == null)
    throw new Error('no webhook subscribed')
  return { user: webhook.http_auth_user, password: webhook.http_auth_password }
}

/** The web app's change of a deal (the admin's personal API token). */
async function changeDeal(id: number, patch: Record<string, unknown>) {
  const { pipedrive } = harness()
  const answer = await fetch(`${pipedrive.url}/api/v2/deals/${id}`, {
    method: 'PATCH',
    headers: { 'x-api-token': pipedrive.apiToken(2001), 'content-type': 'application/json' },
    body: JSON.stringify(patch),
  })
  expect(answer.status).toBe(200)
  await pipedrive.dispatcher.idle()
}

const payload = (overrides: Record<string, unknown> = {}, meta: Record<string, unknown> = {}) =>
  JSON.stringify({
    meta: {
      action: 'change',
      entity: 'deal',
      entity_id: '1',
      id: 'evt-test-1',
      company_id: COMPANY,
      timestamp: '2026-01-05T09:00:00Z',
      version: '2.0',
      attempt: 1,
      ...meta,
    },
    data: {
      id: 1,
      title: 'Intilery renewal',
      status: 'won',
      value: 12000,
      currency: 'GBP',
      stage_id: 4,
      person_id: 1,
    },
    previous: { status: 'open' },
    ...overrides,
  })

const post = (body: string, authorization: string | undefined) =>
  fetch(`${harness().relayUrl}${WEBHOOK_PATH}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(authorization === undefined ? {} : { authorization }),
    },
    body,
  })

beforeEach(() => {
  outbox.stored.length = 0
  outbox.enabled = true
})

describe('subscribing the company’s webhooks', () => {
  it('subscribes deal create/change and person create (v2, Basic auth) when an admin installs', async () => {
    await install()
    const webhooks = harness().pipedrive.webhooks.ofUser(Number(ADMIN))
    expect(webhooks.map((w) => `${w.event_action}.${w.event_object}`).sort()).toEqual([
      'change.deal',
      'create.deal',
      'create.person',
    ])
    for (const webhook of webhooks) {
      expect(webhook).toMatchObject({
        subscription_url: `${harness().relayUrl}${WEBHOOK_PATH}`,
        version: '2.0',
        type: 'application',
      })
      expect(webhook.http_auth_password?.length).toBeGreaterThanOrEqual(40)
    }
    expect(new Set(webhooks.map((w) => w.http_auth_user)).size).toBe(1)
  })

  it('replaces the set on a re-install, never duplicates it, and keeps only a hash', async () => {
    await install()
    const before = credentials()
    await install()
    const webhooks = harness().pipedrive.webhooks.ofUser(Number(ADMIN))
    expect(webhooks).toHaveLength(3)
    expect(credentials().user).not.toBe(before.user)
    // The relay keeps the password's hash only, never the password.
    const owner = await harness().deps.webhooks.subscriptions.ownerOf(credentials().user)
    expect(owner).toEqual({
      companyId: COMPANY,
      passwordHash: await hashWebhookPassword(credentials().password),
    })
    expect(owner?.passwordHash).not.toContain(credentials().password)
  })

  it('leaves the company’s set to its owner when another user installs', async () => {
    await install()
    await install(REP)
    expect(harness().pipedrive.webhooks.ofUser(Number(REP))).toEqual([])
    expect(harness().pipedrive.webhooks.ofUser(Number(ADMIN))).toHaveLength(3)
  })
})

describe('subscribing installations made before write-back', () => {
  it('subscribes on the first panel open, once, when the company has no webhooks', async () => {
    await harness().pipedrive.uninstall(Number(ADMIN))
    await harness().pipedrive.uninstall(Number(REP))
    await harness().install(ADMIN)
    expect(await harness().deps.webhooks.subscriptions.get(COMPANY)).toBeUndefined()
    const panel = await fetch(await harness().panelUrl('person', 1))
    expect(panel.status).toBe(200)
    await harness().deps.webhooks.subscriber.settled()
    expect(harness().pipedrive.webhooks.ofUser(Number(ADMIN))).toHaveLength(3)
    expect(await harness().deps.webhooks.subscriptions.get(COMPANY)).toMatchObject({
      status: 'subscribed',
      userId: ADMIN,
    })
  })
})

describe('deliveries from Pipedrive', () => {
  it('stores a stage move with the pipeline, stage and previous stage names', async () => {
    await install()
    await changeDeal(1, { stage_id: 4 })
    expect(outbox.stored).toEqual([
      {
        tenantId: 'demo',
        message: expect.objectContaining({
          event: 'Deal Stage Changed',
          identity: { hostRef: { host: 'pipedrive', accountId: COMPANY, ref: '1' } },
          properties: expect.objectContaining({
            deal_id: '1',
            deal_url: `${harness().pipedrive.url}/deal/1`,
            pipeline: 'Sales',
            stage: 'Negotiation',
            previous_stage: 'Proposal made',
          }) as unknown,
        }) as unknown,
      },
    ])
  })

  it('stores a win with its value and a loss with its reason', async () => {
    await install()
    await changeDeal(1, { status: 'won' })
    await changeDeal(3, { status: 'lost', lost_reason: 'Chose a competitor' })
    expect(
      outbox.messages.map((m) => [m.event, m.properties.value, m.properties.lost_reason])
    ).toEqual([
      ['Deal Won', 12000, undefined],
      ['Deal Lost', undefined, 'Chose a competitor'],
    ])
  })

  it('stores a new person with the emails of the payload', async () => {
    await install()
    const { pipedrive } = harness()
    await fetch(`${pipedrive.url}/api/v2/persons`, {
      method: 'POST',
      headers: { 'x-api-token': pipedrive.apiToken(2001), 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'New Lead',
        emails: [{ value: 'new.lead@example.com', primary: true }],
      }),
    })
    await pipedrive.dispatcher.idle()
    expect(outbox.messages).toEqual([
      expect.objectContaining({
        event: 'Person Created',
        identity: { emails: ['new.lead@example.com'] },
      }),
    ])
  })

  it('stores a retried event once: the messageId comes from meta.id, not the attempt', async () => {
    await install()
    const { user, password } = credentials()
    const first = await post(payload(), basic(user, password))
    const retry = await post(payload({}, { attempt: 2 }), basic(user, password))
    expect(first.status).toBe(200)
    expect(await retry.json()).toEqual({ stored: 0, duplicates: 1, dropped: 0 })
    expect(outbox.messages).toHaveLength(1)
  })

  it('answers 200 and stores nothing while write-back is off (a refusal would get the webhook banned)', async () => {
    await install()
    outbox.enabled = false
    const { user, password } = credentials()
    const answer = await post(payload(), basic(user, password))
    expect(answer.status).toBe(200)
    expect(await answer.json()).toMatchObject({ stored: 0, dropped: 1, reason: 'writeback_off' })
    expect(outbox.stored).toEqual([])
  })
})

describe('who may post webhooks', () => {
  it('refuses missing, wrong and unknown credentials, and another company’s, storing nothing', async () => {
    await install()
    const { user, password } = credentials()
    const other = newWebhookCredentials()
    await harness().deps.webhooks.subscriptions.saveSubscribed(
      '9999',
      '1',
      { user: other.user, passwordHash: await hashWebhookPassword(other.password) },
      []
    )
    const refusals = {
      missing: undefined,
      notBasic: `Bearer ${password}`,
      wrongUser: basic(`${user}x`, password),
      wrongPassword: basic(user, `${password}x`),
      emptyPassword: basic(user, ''),
      unknownCompany: basic(newWebhookCredentials().user, password),
      anotherCompany: basic(other.user, other.password),
    }
    for (const [name, authorization] of Object.entries(refusals)) {
      const answer = await post(payload(), authorization)
      expect([name, answer.status]).toEqual([name, 401])
    }
    expect(outbox.stored).toEqual([])
    // The same body with the company's own credentials is taken.
    expect((await post(payload(), basic(user, password))).status).toBe(200)
    expect(outbox.stored).toHaveLength(1)
  })

  it('forgets the credentials when the owner uninstalls, and subscribes through another installer', async () => {
    await install()
    await install(REP)
    const { user, password } = credentials()
    expect(await harness().pipedrive.uninstall(Number(ADMIN))).toBe(204)
    // Pipedrive removed the admin's webhooks; the rep's installation now owns a new set.
    expect(harness().pipedrive.webhooks.ofUser(Number(ADMIN))).toEqual([])
    expect(harness().pipedrive.webhooks.ofUser(Number(REP))).toHaveLength(3)
    expect(await harness().deps.webhooks.subscriptions.get(COMPANY)).toMatchObject({
      userId: REP,
      status: 'subscribed',
    })
    expect((await post(payload(), basic(user, password))).status).toBe(401)
    expect(outbox.stored).toEqual([])
    await harness().pipedrive.uninstall(Number(REP))
    expect(await harness().deps.webhooks.subscriptions.get(COMPANY)).toBeUndefined()
  })
})

describe('hostile and oversized bodies', () => {
  it('answers 4xx and stores nothing', async () => {
    await install()
    const { user, password } = credentials()
    const auth = basic(user, password)
    const hostile = {
      notJson: '{"meta":',
      array: '[]',
      version1: payload({}, { version: '1.0' }),
      noMeta: JSON.stringify({ data: {}, previous: null }),
      badId: payload({}, { id: '../../etc/passwd' }),
      textDealId: payload({ data: { id: 'one', person_id: 1 } }),
      hugeTitle: payload({ data: { id: 1, person_id: 1, title: 'x'.repeat(5000) } }),
      badCurrency: payload({ data: { id: 1, person_id: 1, currency: '<script>' } }),
      oversized: payload({ padding: 'x'.repeat(70 * 1024) }),
    }
    for (const [name, body] of Object.entries(hostile)) {
      const answer = await post(body, auth)
      expect([name, answer.status >= 400 && answer.status < 500]).toEqual([name, true])
    }
    expect(outbox.stored).toEqual([])
  })
})
