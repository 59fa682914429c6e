/**
 * @module hosts/zendesk/webhooks/setup-steps
 * What `relay zendesk webhook-setup` prints for a Zendesk admin: the webhook to create in Admin
 * Center, how to hand its signing secret to the relay, the four triggers with their conditions
 * and the JSON body each pastes (core's zendeskTriggerBody, the same template the relay parses),
 * and turning write-back on. Plain text, numbered, one thing per line, to follow in order.
 */
import { zendeskTriggerBody, type ZendeskTriggerEvent } from '@intilery-connect/core'

import { webhookEndpoint, writebackOnCommand } from './webhook-endpoint.ts'

export const WEBHOOK_NAME = 'Intilery Connect write-back'

interface TriggerStep {
  readonly event: ZendeskTriggerEvent
  readonly name: string
  /** Under "Meet ALL of the following conditions". */
  readonly conditions: readonly string[]
}

const TRIGGERS: readonly TriggerStep[] = [
  {
    event: 'ticket_created',
    name: 'Intilery Connect: ticket created',
    conditions: ['Ticket | Is | Created'],
  },
  {
    event: 'ticket_solved',
    name: 'Intilery Connect: ticket solved',
    conditions: ['Ticket | Is | Updated', 'Ticket status | Changed to | Solved'],
  },
  {
    event: 'ticket_reopened',
    name: 'Intilery Connect: ticket reopened',
    conditions: [
      'Ticket | Is | Updated',
      'Ticket status | Changed from | Solved',
      'Ticket status | Is not | Closed',
    ],
  },
  {
    event: 'ticket_rated',
    name: 'Intilery Connect: ticket rated',
    // "Offered" changes it too; the relay makes no event of it (only good and bad count).
    conditions: ['Ticket | Is | Updated', 'Satisfaction | Changed'],
  },
]

const indent = (text: string, by: string) =>
  text
    .split('\n')
    .map((line) => by + line)
    .join('\n')

export interface SetupFacts {
  readonly tenantId: string
  readonly subdomain: string
  readonly relayUrl: string
  /** Whether the relay already has this subdomain's signing secret. */
  readonly hasSecret: boolean
}

export function setupSteps({ tenantId, subdomain, relayUrl, hasSecret }: SetupFacts): string {
  const triggers = TRIGGERS.map(
    (trigger, i) => `   3${'abcd'[i]}. Trigger "${trigger.name}"
       Conditions, under "Meet ALL of the following conditions":
${trigger.conditions.map((condition) => `         ${condition}`).join('\n')}
       Action: Notify by > Active webhook > "${WEBHOOK_NAME}", with this JSON body:
${indent(zendeskTriggerBody(trigger.event), '         ')}`
  ).join('\n\n')
  return `Write-back from ${subdomain}.zendesk.com to tenant ${tenantId}: what a Zendesk admin does in
Admin Center, in this order. Only ticket numbers, statuses, the requester's email and external id,
and good/bad ratings leave Zendesk; no comment, no subject.

1. Create the webhook: Admin Center > Apps and integrations > Webhooks > Webhooks > Create webhook
   Way to connect:  Trigger or automation
   Name:            ${WEBHOOK_NAME}
   Endpoint URL:    ${webhookEndpoint(relayUrl, subdomain)}
   Request method:  POST
   Request format:  JSON
   Authentication:  None (the relay checks the signature Zendesk adds to every request)
   Then Create webhook.

2. Give the relay the webhook's signing secret
   On the webhook's page: Signing secret > Reveal secret, and copy it. Then, where the relay runs:
     relay zendesk webhook-secret --zendesk-subdomain ${subdomain} --secret-file -
   and paste the secret on standard input (or put it in a variable: --secret-env VAR).
   ${
     hasSecret
       ? `The relay has a signing secret for ${subdomain}; give it again after Zendesk's "Reset secret".`
       : `The relay has no signing secret for ${subdomain} yet: until it has, every delivery is refused (401).`
   }

3. Create four triggers: Admin Center > Objects and rules > Business rules > Triggers > Create trigger

${triggers}

4. Turn write-back on for the tenant, where the relay runs:
     ${writebackOnCommand(tenantId)}
   Until then the webhook answers 403 and stores nothing.

5. Check: solve a test ticket, then open the webhook's Activity tab in Admin Center. 200 means
   the event is stored for Intilery; 401 a signing secret that does not match (step 2); 403
   write-back off (step 4); 400 a trigger body edited by hand (paste it again from step 3).
`
}
