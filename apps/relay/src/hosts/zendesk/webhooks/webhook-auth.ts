/**
 * @module hosts/zendesk/webhooks/webhook-auth
 * Middleware for `/zendesk/v1/webhooks`: a delivery is accepted only when it is signed with the
 * signing secret the relay keeps for the subdomain in its URL (`?subdomain=acme`), within five
 * minutes of the relay's clock. A missing header, a stale timestamp, an unknown subdomain and a
 * wrong signature are all the same 401 to the caller (the reason is only logged), so the endpoint
 * tells nobody which subdomains the relay serves.
 */
import { createMiddleware } from 'hono/factory'

import { UnauthenticatedError } from '../../../platform/errors.ts'
import type { RelayEnv } from '../../../platform/http/caller.ts'
import type { Tenant, TenantDirectory } from '../../../ports.ts'
import { ZENDESK, zendeskSubdomainSchema } from '../zendesk-links.ts'
import type { WebhookInvocations } from './webhook-invocations.ts'
import type { ZendeskWebhookSecrets } from './webhook-secrets.ts'
import {
  INVOCATION_HEADER,
  SIGNATURE_HEADER,
  signatureMatches,
  TIMESTAMP_HEADER,
  timestampIsFresh,
} from './webhook-signature.ts'

/** What the webhook keeps in the store; absent (tests of other routes), every delivery is refused. */
export interface ZendeskWebhookStores {
  readonly secrets: Pick<ZendeskWebhookSecrets, 'find'>
  readonly invocations: WebhookInvocations
}

/** A delivery whose signature checked out. */
export interface SignedDelivery {
  readonly tenant: Tenant
  readonly subdomain: string
  /** `X-Zendesk-Webhook-Invocation-Id`, when it is a plausible one. */
  readonly invocationId: string | undefined
  /** The body exactly as signed. */
  readonly body: Uint8Array
}

export type ZendeskWebhookEnv = RelayEnv & {
  Variables: { zendeskDelivery: SignedDelivery }
}

/** Zendesk's ids are short tokens (`8350205582`, ULIDs); anything else is not kept. */
const INVOCATION_ID = /^[A-Za-z0-9_-]{1,100}$/

/** The tenant the URL's subdomain is linked to, with the signing secret kept for it. */
async function signerOf(
  directory: TenantDirectory,
  stores: ZendeskWebhookStores | undefined,
  subdomainParam: string | undefined
): Promise<{ tenant: Tenant; subdomain: string; secret: string } | undefined> {
  const subdomain = zendeskSubdomainSchema.safeParse(subdomainParam ?? '')
  if (stores === undefined || !subdomain.success) return undefined
  const tenant = (await directory.findByLink(ZENDESK, subdomain.data))?.tenant
  if (tenant === undefined) return undefined
  const secret = await stores.secrets.find(tenant.id, subdomain.data)
  return secret === undefined ? undefined : { tenant, subdomain: subdomain.data, secret }
}

export function zendeskWebhookAuth(
  directory: TenantDirectory,
  now: () => number,
  stores: ZendeskWebhookStores | undefined
) {
  return createMiddleware<ZendeskWebhookEnv>(async (c, next) => {
    const signature = c.req.header(SIGNATURE_HEADER)
    const timestamp = c.req.header(TIMESTAMP_HEADER)
    if (signature === undefined || timestamp === undefined)
      throw new UnauthenticatedError('missing_signature')
    if (!timestampIsFresh(timestamp, now())) throw new UnauthenticatedError('stale_timestamp')
    const signer = await signerOf(directory, stores, c.req.query('subdomain'))
    if (signer === undefined) throw new UnauthenticatedError('unknown_subdomain')
    // The body limit in front of this middleware has bounded what is read here.
    const body = new Uint8Array(await c.req.arrayBuffer())
    if (!(await signatureMatches(signer.secret, timestamp, body, signature)))
      throw new UnauthenticatedError('bad_signature')

    const { tenant, subdomain } = signer
    const invocation = c.req.header(INVOCATION_HEADER)
    c.set('zendeskDelivery', {
      tenant,
      subdomain,
      invocationId:
        invocation !== undefined && INVOCATION_ID.test(invocation) ? invocation : undefined,
      body,
    })
    c.set('caller', {
      tenant,
      channel: ZENDESK,
      callerId: `${ZENDESK}:${subdomain}:webhook`,
      // A webhook writes; it reads no customer.
      traitAllowlist: [],
    })
    await next()
  })
}
