/**
 * The relay app with the Zendesk webhook over in-memory fakes (tenants, signing secrets, handled
 * invocations, the outbox) and a clock the tests set, and requests signed as Zendesk signs them:
 * with node:crypto, independently of the relay's WebCrypto check.
 */
import { zendeskTriggerBody, type ZendeskTriggerEvent } from '@intilery-connect/core'

import { createApp } from '../../../../app.ts'
import { createHasher } from '../../../../platform/crypto/hmac.ts'
import type { Tenant, UpstreamReads } from '../../../../ports.ts'
import {
  WritebackDisabledError,
  type OutboxMessage,
  type OutboxWriter,
} from '../../../../writeback/outbox-port.ts'
import { zendeskApp } from '../../zendesk-host.ts'
import type { WebhookInvocations } from '../webhook-invocations.ts'
import { sign, stamp } from './zendesk-signer.ts'

export const NOW = Date.UTC(2027, 2, 1, 12, 0, 0)
export const ACME_SIGNING_SECRET = 'dGhpcy1pcy1hY21lLXNpZ25pbmctc2VjcmV0LTAxMjM='
export const GLOBEX_SIGNING_SECRET = 'globex-signing-secret-0123456789'
export const JWT_SECRET = 'acme-app-shared-secret'

const tenant = (id: string): Tenant => ({
  id,
  name: id,
  intilery: {
    baseUrl: 'http://127.0.0.1:9',
    clientId: 'c',
    accountId: 'a',
    brandId: 'b',
    authToken: `${id}-intilery-token`,
  },
})

export { sign, stamp } from './zendesk-signer.ts'

export interface DeliveryOptions {
  readonly subdomain?: string | undefined
  readonly secret?: string
  readonly at?: number
  readonly invocationId?: string | undefined
  /** Headers to leave out, or replace. */
  readonly headers?: Readonly<Record<string, string | undefined>>
  /** Signs these bytes but sends `body` (a body altered in transit). */
  readonly signedBody?: string | Buffer
}

/** The body webhook-setup prints for `event`, rendered with a ticket of Joe's. */
export function renderedBody(
  event: ZendeskTriggerEvent,
  values: Partial<Parameters<typeof zendeskTriggerBody>[1]> = {}
): string {
  return zendeskTriggerBody(event, {
    ticketId: '101',
    status: 'solved',
    updatedAt: '2027-03-01T11:58:00Z',
    requesterEmail: 'joe.bloggs@intilery.com',
    requesterExternalId: 'joe-1',
    rating: 'good',
    ...values,
  })
}

export async function startWebhookHarness() {
  const clock = { ms: NOW }
  const tenants: Record<string, Tenant> = { acme: tenant('acme'), globex: tenant('globex') }
  // Which tenant each subdomain is linked to, and the signing secret kept for it.
  const secrets = new Map([
    ['acme', { tenantId: 'acme', secret: ACME_SIGNING_SECRET }],
    ['globex', { tenantId: 'globex', secret: GLOBEX_SIGNING_SECRET }],
    // Linked, but nobody has given the relay its signing secret yet.
    ['initech', { tenantId: 'acme', secret: undefined }],
  ])
  const handled = new Map<string, number>()
  const invocations: WebhookInvocations = {
    seen: (subdomain, id) => Promise.resolve((handled.get(`${subdomain}/${id}`) ?? 0) > clock.ms),
    record: (subdomain, id) => {
      handled.set(`${subdomain}/${id}`, clock.ms + 86_400_000)
      return Promise.resolve()
    },
  }
  const outbox = {
    stored: [] as { tenantId: string; message: OutboxMessage }[],
    enqueueCalls: 0,
    enabled: new Set(['acme', 'globex']),
    /** Makes enqueue reject as the real outbox does when write-back was turned off meanwhile. */
    disabledOnWrite: false,
    /** Makes enqueue reject with this, as a store that cannot write would. */
    failWith: undefined as Error | undefined,
  }
  const writer: OutboxWriter = {
    isEnabled: (tenantId) => Promise.resolve(outbox.enabled.has(tenantId)),
    enqueue(tenantId, messages) {
      outbox.enqueueCalls += 1
      if (outbox.disabledOnWrite) return Promise.reject(new WritebackDisabledError(tenantId))
      if (outbox.failWith !== undefined) return Promise.reject(outbox.failWith)
      let duplicates = 0
      for (const message of messages) {
        const known = outbox.stored.some(
          (s) => s.tenantId === tenantId && s.message.messageId === message.messageId
        )
        if (known) duplicates += 1
        else outbox.stored.push({ tenantId, message })
      }
      return Promise.resolve({ stored: messages.length - duplicates, duplicates })
    },
  }
  const noReads = {} as UpstreamReads
  const hasher = await createHasher('webhook-test-audit-key-0123456789abcdef')
  const build = (withOutbox: boolean) =>
    createApp({
      tenants: {
        findByLink: (host, accountId) => {
          const link = host === 'zendesk' ? secrets.get(accountId) : undefined
          const found = link === undefined ? undefined : tenants[link.tenantId]
          return Promise.resolve(
            found === undefined ? undefined : { tenant: found, secret: JWT_SECRET }
          )
        },
        get: (id) => Promise.resolve(tenants[id]),
      },
      apiKeys: { verify: () => Promise.resolve(undefined) },
      audit: { record: () => Promise.resolve() },
      store: { ping: () => Promise.resolve() },
      upstreamFor: () => noReads,
      hosts: [
        zendeskApp({
          secrets: {
            find: (tenantId, subdomain) => {
              const link = secrets.get(subdomain)
              return Promise.resolve(link?.tenantId === tenantId ? link.secret : undefined)
            },
          },
          invocations,
        }),
      ],
      hasher,
      config: { allowedOrigins: [], frameAncestors: [], requestDeadlineMs: 3_000 },
      now: () => clock.ms,
      ...(withOutbox ? { outbox: writer } : {}),
    })
  const app = build(true)
  const appWithoutOutbox = build(false)

  let invocation = 0
  /** POSTs `body` to the webhook, signed as Zendesk signs it unless `options` say otherwise. */
  const deliver = (body: string | Buffer, options: DeliveryOptions = {}, target = app) => {
    const timestamp = stamp(options.at ?? clock.ms)
    const signature = sign(
      options.secret ?? ACME_SIGNING_SECRET,
      timestamp,
      options.signedBody ?? body
    )
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-zendesk-webhook-id': '01F1KRFQ6BG29CNWFR60NK5FNY',
      'x-zendesk-webhook-signature-timestamp': timestamp,
      'x-zendesk-webhook-signature': signature,
    }
    const invocationId =
      'invocationId' in options ? options.invocationId : `inv-${(invocation += 1)}`
    if (invocationId !== undefined) headers['x-zendesk-webhook-invocation-id'] = invocationId
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      if (value === undefined) delete headers[name]
      else headers[name] = value
    }
    const subdomain = 'subdomain' in options ? options.subdomain : 'acme'
    const query = subdomain === undefined ? '' : `?subdomain=${encodeURIComponent(subdomain)}`
    return target.request(`/zendesk/v1/webhooks${query}`, {
      method: 'POST',
      headers,
      body: typeof body === 'string' ? body : new Uint8Array(body),
    })
  }
  return { app, appWithoutOutbox, clock, outbox, secrets, deliver }
}

/** A refusal's body without its request id, to compare two refusals. */
export async function refusal(response: Response) {
  const body = (await response.json()) as {
    error: { code: string; message: string; requestId?: string }
  }
  const { requestId, ...rest } = body.error
  return { status: response.status, requestId, error: rest }
}
