// Hostile tokens at every entry point that takes one: the Zendesk routes, Pipedrive's JSON panel,
// the custom panel page and the custom panel API. Each is refused as unauthenticated (never a 500,
// never a 400 carrying an internal message) before anything is read upstream.
import { SEEDED } from '@intilery-connect/sandbox'
import { sign } from 'hono/jwt'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { startHarness, ZENDESK_SECRET } from './app-harness.ts'
import {
  ADMIN,
  COMPANY,
  CUSTOM_PANEL_SECRET,
  PANEL_SECRET,
  useHarness,
} from './pipedrive-harness.ts'

const part = (json: string) => Buffer.from(json).toString('base64url')
const HS256 = '{"alg":"HS256","typ":"JWT"}'
/** A token whose signature part has the right shape, so only its header or claims are wrong. */
const unsigned = (header: string, payload: string) =>
  `${part(header)}.${part(payload)}.${'A'.repeat(43)}`

/** Header and claims that decode as JSON but are no JWT header or claims set. */
const notObjects = (claims: Record<string, unknown>) => [
  ['a null header', unsigned('null', JSON.stringify(claims))],
  ['null claims', unsigned(HS256, 'null')],
  ['claims that are an array', unsigned(HS256, JSON.stringify([claims]))],
  ['claims that are a number', unsigned(HS256, '7')],
  ['claims that are a string', unsigned(HS256, '"claims"')],
  ['a header that is an array', unsigned('["HS256"]', JSON.stringify(claims))],
]

describe('Zendesk routes', () => {
  let harness: Awaited<ReturnType<typeof startHarness>>
  beforeAll(async () => {
    harness = await startHarness()
  })
  afterAll(() => harness.stop())

  const iat = () => Math.floor(Date.now() / 1000)
  const claims = () => ({
    iss: 'https://demo.zendesk.com',
    sub: 'agent-1',
    iat: iat(),
    exp: iat() + 60,
  })
  /** Signed with the installation's real secret: only the claims' size is hostile. */
  const signed = (extra: Record<string, unknown>) =>
    sign({ ...claims(), ...extra }, ZENDESK_SECRET, 'HS256')

  const tokens = async (): Promise<[string, string][]> => [
    ...(notObjects(claims()) as [string, string][]),
    ['a sub of 481 characters', await signed({ sub: '7'.repeat(481) })],
    ['a sub of 65 characters', await signed({ sub: 'a'.repeat(65) })],
    [
      'an issuer of 600 characters',
      await signed({ iss: `https://${'a'.repeat(580)}.zendesk.com` }),
    ],
    ['a token of 5,000 characters', await signed({ padding: 'x'.repeat(5_000) })],
  ]

  it('answers 401 unauthenticated to every hostile token, without reading anything', async () => {
    const email = encodeURIComponent(SEEDED.joeBloggs.email)
    const paths = [
      `/zendesk/v1/context?email=${email}`,
      `/zendesk/v1/events?ref=email:${email}`,
      `/zendesk/v1/traits?ref=email:${email}`,
    ]
    const upstreamBefore = harness.sandbox.counters.snapshot().total
    const auditBefore = harness.audit.length
    for (const [label, token] of await tokens()) {
      for (const path of paths) {
        const response = await harness.app.request(path, {
          headers: { authorization: `Bearer ${token}` },
        })
        expect(response.status, `${label} ${path}`).toBe(401)
        expect(await response.json()).toEqual({
          error: {
            code: 'unauthenticated',
            message: 'Authentication required',
            requestId: response.headers.get('x-request-id'),
          },
        })
      }
    }
    // Nothing reached Intilery, and no read was audited (so no audit row could refuse one).
    expect(harness.sandbox.counters.snapshot().total).toBe(upstreamBefore)
    expect(harness.audit.length).toBe(auditBefore)
  })

  it('still serves a token with a 64-character sub', async () => {
    const response = await harness.app.request(
      `/zendesk/v1/context?email=${encodeURIComponent(SEEDED.joeBloggs.email)}`,
      { headers: { authorization: `Bearer ${await signed({ sub: '9'.repeat(64) })}` } }
    )
    expect(response.status).toBe(200)
    expect(harness.audit.at(-1)?.caller).toBe(`zendesk:demo:${'9'.repeat(64)}`)
  })
})

describe('Pipedrive entry points', () => {
  const harness = useHarness([ADMIN])
  const iat = () => Math.floor(harness().clock.ms / 1000)
  const claims = () => ({ userId: Number(ADMIN), companyId: Number(COMPANY), iat: iat() })

  /** Hostile tokens, the signed ones signed with `secret` (the entry point's real one). */
  const tokens = async (secret: string): Promise<[string, string][]> => [
    ...(notObjects(claims()) as [string, string][]),
    ['a userId of 481 characters', await harness().token({ userId: '2'.repeat(481) }, secret)],
    ['a companyId of 21 characters', await harness().token({ companyId: '1'.repeat(21) }, secret)],
    ['a token of 5,000 characters', await harness().token({ padding: 'x'.repeat(5_000) }, secret)],
  ]

  /** Counts what reaches Intilery and Pipedrive's API while `run` runs; both must stay at zero. */
  async function expectNothingRead(run: () => Promise<void>) {
    const intileryBefore = harness().sandbox.counters.snapshot().total
    const crm = vi.spyOn(harness().deps.api, 'crm')
    try {
      await run()
    } finally {
      crm.mockRestore()
    }
    expect(crm).not.toHaveBeenCalled()
    expect(harness().sandbox.counters.snapshot().total).toBe(intileryBefore)
  }

  it('the JSON panel answers 401 "Not authorized" in Pipedrive’s format', async () => {
    await expectNothingRead(async () => {
      for (const [label, token] of await tokens(PANEL_SECRET)) {
        const response = await fetch(await harness().panelUrl('person', 1, { token }))
        expect(response.status, label).toBe(401)
        expect(await response.json(), label).toEqual({
          error: { title: 'Not authorized', subtitle: 'Reload the page to try again.' },
        })
      }
    })
  })

  it('the custom panel page answers 401 with its sentence', async () => {
    await expectNothingRead(async () => {
      for (const [label, token] of await tokens(CUSTOM_PANEL_SECRET)) {
        const query = new URLSearchParams({ userId: ADMIN, companyId: COMPANY, token })
        const response = await fetch(`${harness().relayUrl}/pipedrive/panel?${query.toString()}`)
        expect(response.status, label).toBe(401)
        expect(await response.text(), label).toBe(
          'Pipedrive’s signature on this panel could not be verified. Reload.'
        )
      }
    })
  })

  it('the custom panel API answers 401 unauthenticated to a hostile Bearer token', async () => {
    const email = encodeURIComponent(SEEDED.joeBloggs.email)
    await expectNothingRead(async () => {
      for (const [label, token] of await tokens(CUSTOM_PANEL_SECRET)) {
        for (const path of ['/subject?resource=person&id=1', `/context?email=${email}`]) {
          const response = await fetch(`${harness().relayUrl}/pipedrive/v1${path}`, {
            headers: { authorization: `Bearer ${token}` },
          })
          expect(response.status, `${label} ${path}`).toBe(401)
          expect(await response.json()).toMatchObject({
            error: { code: 'unauthenticated', message: 'Authentication required' },
          })
        }
      }
    })
  })
})
