/**
 * `pnpm --filter @intilery-connect/zendesk build`: the app in dist/ and dist/app.zip.
 * ZENDESK_RELAY_DOMAINS (comma separated) sets the manifest's domainWhitelist to your relay's host;
 * ZENDESK_OUT_DIR builds somewhere else than dist/ (the demo and tests build into temp folders).
 */
import process from 'node:process'

import { buildApp } from './build-app.ts'
import { validateApp } from './validate-app.ts'

const domains = process.env.ZENDESK_RELAY_DOMAINS?.split(',')
  .map((d) => d.trim())
  .filter(Boolean)
if (domains === undefined || domains.length === 0) {
  // Zendesk's proxy signs requests only for these hosts: an app built without the real relay
  // host installs fine and then fails every call.
  process.stderr.write(
    'Set ZENDESK_RELAY_DOMAINS to your relay host(s), e.g. ZENDESK_RELAY_DOMAINS=relay.acme.example\n'
  )
  process.exit(2)
}
const dir = await buildApp({ relayDomains: domains, outDir: process.env.ZENDESK_OUT_DIR })
const problems = validateApp(dir)
if (problems.length > 0) {
  process.stderr.write(`The built app breaks Zendesk's rules:\n- ${problems.join('\n- ')}\n`)
  process.exit(1)
}
process.stdout.write(`Built ${dir} and ${dir}/app.zip\n`)
