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
const dir = await buildApp({ relayDomains: domains, outDir: process.env.ZENDESK_OUT_DIR })
const problems = validateApp(dir)
if (problems.length > 0) {
  process.stderr.write(`The built app breaks Zendesk's rules:\n- ${problems.join('\n- ')}\n`)
  process.exit(1)
}
process.stdout.write(`Built ${dir} and ${dir}/app.zip\n`)
