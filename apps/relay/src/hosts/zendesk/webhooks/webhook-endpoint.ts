/**
 * @module hosts/zendesk/webhooks/webhook-endpoint
 * Where the webhook listens and what an admin is told to run, named once for the route, its
 * refusals and webhook-setup's steps.
 */

/** Under `/zendesk/v1`. */
export const WEBHOOK_PATH = '/webhooks'

/** Where Zendesk sends a subdomain's deliveries: the subdomain names the signing secret. */
export function webhookEndpoint(relayUrl: string, subdomain: string): string {
  return `${relayUrl.replace(/\/+$/, '')}/zendesk/v1${WEBHOOK_PATH}?subdomain=${subdomain}`
}

/** The command that turns write-back on for a tenant (the relay's tenants commands). */
export const writebackOnCommand = (tenantId: string) =>
  `relay tenants writeback --tenant ${tenantId} --on`
