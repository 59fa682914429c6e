/**
 * `pnpm start`: the demo. The Intilery sandbox and the relay with a demo tenant, and a curl line
 * that reads Joe Bloggs' customer context through the relay as the Zendesk app will.
 */
import process from 'node:process'

import { demoTickets, SEEDED } from '@intilery-connect/sandbox'

import { failureText } from './failure-text.ts'
import { DEMO_PIPEDRIVE } from './pipedrive-demo.ts'
import { DEMO, startDemo, zendeskWebhookUrl } from './start-demo.ts'

const write = (line = '') => process.stdout.write(`${line}\n`)

/** The Pipedrive records worth opening, each for what it shows. */
const PIPEDRIVE_RECORDS = [
  ['person', DEMO_PIPEDRIVE.joePersonId, 'Joe Bloggs, the spec’s example customer'],
  ['person', DEMO_PIPEDRIVE.highValuePersonId, 'the high-value shopper: value, orders, churn'],
  ['deal', DEMO_PIPEDRIVE.highValueDealId, 'her deal: the same customer from a deal'],
  ['person', DEMO_PIPEDRIVE.sharedEmailPersonId, 'one email, two Intilery customers'],
  ['person', DEMO_PIPEDRIVE.hostilePersonId, 'hostile strings, rendered as text'],
  ['organization', DEMO_PIPEDRIVE.accountOrgId, 'an account: several known people rolled up'],
] as const

// Ctrl-C reaches every process of the terminal's group, and pnpm forwards it (then SIGTERM) to its
// script too: one Ctrl-C is several signals here. The first stops the demo and ends with exit 0;
// the others wait for that stop. Registered before anything starts, so a Ctrl-C during the start
// stops the demo as soon as it is up (or has stopped what it started on failing).
let stopRequested = false
let stopDemo: (() => void) | undefined
const onSignal = () => {
  if (stopRequested) return
  stopRequested = true
  write('Stopping the demo…')
  stopDemo?.()
}
process.on('SIGINT', onSignal)
process.on('SIGTERM', onSignal)

try {
  const demo = await startDemo(
    {
      sandbox: Number(process.env.SANDBOX_PORT ?? 4010),
      relay: Number(process.env.PORT ?? 8787),
      zendesk: Number(process.env.ZENDESK_PORT ?? 4600),
      pipedrive: Number(process.env.PIPEDRIVE_PORT ?? 4020),
      pipedriveHost: Number(process.env.PIPEDRIVE_PREVIEW_PORT ?? 4700),
      site: Number(process.env.DEMO_SITE_PORT ?? 4800),
    },
    process.env
  )
  const { config, url } = demo.sandbox
  const token = await demo.zendeskToken()
  write('Intilery Connect demo (everything below is demo-only, not a real secret)')
  write()
  write(`Zendesk preview   ${demo.zendesk.url}   <- open this: demo tickets with the real sidebar`)
  write(
    `Pipedrive preview ${demo.pipedriveHost.url}   <- and this: Joe Bloggs is person ${DEMO_PIPEDRIVE.joePersonId}, both panels`
  )
  write(
    `Demo site         ${demo.site.url}   <- and this: sign in as Joe Bloggs; recommended posts and what he looked at`
  )
  write()
  write('Demo tickets (Zendesk) and records (Pipedrive), one per kind of customer:')
  for (const ticket of demoTickets())
    write(
      `  ${demo.zendesk.ticketUrl(ticket.id)}   #${ticket.id} ${ticket.subject} (${ticket.about})`
    )
  for (const [resource, id, about] of PIPEDRIVE_RECORDS)
    write(`  ${demo.pipedriveHost.pageUrl(resource, id)}   ${about}`)
  write()
  write(
    `Intilery sandbox  ${url}   clientId ${config.clientId}, accountId ${config.accountId}, brandId ${config.brandId}`
  )
  write(
    `                  auth token ${config.authToken}; admin (faults, counters): Bearer ${config.adminToken}`
  )
  write(`Relay             ${demo.relayUrl}   OpenAPI: ${demo.relayUrl}/openapi.json`)
  write(
    `Sandbox Pipedrive ${demo.pipedrive.url}   company ${DEMO_PIPEDRIVE.companyId}, user ${DEMO_PIPEDRIVE.userId} installed; client "${DEMO_PIPEDRIVE.clientId}" / "${DEMO_PIPEDRIVE.clientSecret}"`
  )
  write(
    `                  both panels' JWT secret "${DEMO_PIPEDRIVE.panelJwtSecret}"; install again: ${demo.relayUrl}/pipedrive/oauth/start`
  )
  write(
    `Demo tenant       Zendesk subdomain "${DEMO.zendeskSubdomain}", shared secret "${DEMO.zendeskSecret}"; API key "${DEMO.apiKey}" (every trait, profiles and recommendations)`
  )
  write(`                  site "${DEMO.siteId}" (visitor tokens signed with "${DEMO.siteSecret}")`)
  write()
  write('Joe Bloggs’ customer context through the relay, as the Zendesk app asks for it')
  write('(a JWT signed with the demo shared secret, valid 10 minutes):')
  write()
  write(`  curl -s -H 'authorization: Bearer ${token}' \\`)
  write(
    `    '${demo.relayUrl}/zendesk/v1/context?email=${encodeURIComponent(SEEDED.joeBloggs.email)}'`
  )
  write()
  write('Joe Bloggs as Pipedrive’s JSON panel request gets him (a token signed like Pipedrive’s):')
  write()
  write(`  curl -s '${await demo.pipedrivePanelUrl('person', DEMO_PIPEDRIVE.joePersonId)}'`)
  write()
  write(
    'The same customer for a server-side caller (the personalization service), with the API key:'
  )
  write()
  write(
    `  curl -s -H 'authorization: Bearer ${DEMO.apiKey}' '${demo.relayUrl}/v1/profiles/userId:${SEEDED.joeBloggs.userId}/traits'`
  )
  write()
  write(
    'Personalization: everything the demo site asks for Joe Bloggs in one call, and his recommendations:'
  )
  write()
  write(
    `  curl -s -H 'authorization: Bearer ${DEMO.apiKey}' -H 'content-type: application/json' \\`
  )
  write(
    `    -d '{"identity":{"userId":"${SEEDED.joeBloggs.userId}"},"traits":["firstName","favorite_blog_category"],"recommendations":{"recentlyViewed":{"limit":3}}}' '${demo.relayUrl}/v1/personalize'`
  )
  write(
    `  curl -s -H 'authorization: Bearer ${DEMO.apiKey}' '${demo.relayUrl}/v1/profiles/userId:${SEEDED.joeBloggs.userId}/recommendations/recently-viewed?limit=5'`
  )
  write()
  write('The relay as its operator sees it: its metrics, and each tenant’s Intilery in /readyz:')
  write()
  write(`  curl -s -H 'authorization: Bearer ${DEMO.metricsToken}' '${demo.relayUrl}/metrics'`)
  write(`  curl -s -H 'authorization: Bearer ${DEMO.metricsToken}' '${demo.relayUrl}/readyz'`)
  write()
  write('Export every customer for machine learning (Parquet, readable by DuckDB, pandas, Polars):')
  write()
  write(
    `  env $(cat ${demo.relayEnvFile}) npx --yes pnpm@10.34.8 --silent relay export --tenant demo --out ./demo-export`
  )
  write()
  write(
    'Make a new event appear in Joe Bloggs’ open sidebar (it refreshes every 5 s; allow 5–15 s):'
  )
  write()
  write(
    `  curl -s -X POST -H 'content-type: application/json' -H 'auth-token: ${config.authToken}' \\`
  )
  write(
    `    -d '{"userId":"${SEEDED.joeBloggs.userId}","event":"Called Support","properties":{"channel":"phone"}}' \\`
  )
  write(`    '${demo.sandbox.apiRoot}/track'`)
  write()
  write(
    'Write-back: what an agent does in Zendesk or a rep in Pipedrive reaches the customer’s timeline.'
  )
  write(
    `  Solve ticket 101 (${demo.zendesk.ticketUrl(101)}) and watch “Ticket #101 solved” appear in Joe Bloggs’ sidebar within 15 s;`
  )
  write('  Rate good adds “Rated the support good”. The ticket page lists each webhook delivery.')
  write(
    `  (Its trigger webhook: ${zendeskWebhookUrl(demo.relayUrl)}, signing secret "${DEMO.zendeskWebhookSecret}"; write-back is on for the demo tenant.)`
  )
  write(
    `  Mark deal ${DEMO_PIPEDRIVE.joeDealId} won in the Pipedrive preview (${demo.pipedriveHost.pageUrl('deal', DEMO_PIPEDRIVE.joeDealId)}) and watch “Deal won: £12,000.00” appear in Joe Bloggs’ Pipedrive panel (person ${DEMO_PIPEDRIVE.joePersonId}) and in his Zendesk sidebar (ticket 101).`
  )
  write()
  write(
    'Any customer in any locale, from a sandbox of its own: npx --yes pnpm@10.34.8 customer email:joe.bloggs@intilery.com --locale de'
  )
  write('Press Ctrl-C to stop.')
  stopDemo = () => {
    demo.stop().then(
      () => {
        write('Stopped.')
        process.exit(0)
      },
      (error: unknown) => {
        process.stderr.write(`demo: stopping failed: ${failureText(error)}\n`)
        process.exit(1)
      }
    )
  }
  if (stopRequested) stopDemo()
} catch (error) {
  // Interrupted while starting: what had started is stopped, and stopping is what was asked for.
  if (stopRequested) {
    write('Stopped.')
    process.exit(0)
  }
  process.stderr.write(`demo: ${failureText(error)}\n`)
  process.exit(1)
}
