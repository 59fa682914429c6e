/**
 * `pnpm --filter @intilery-connect/zendesk build`: the app in dist/ and dist/app.zip.
 * ZENDESK_RELAY_DOMAINS (comma separated) sets the manifest's domainWhitelist to your relay's host;
 * ZENDESK_OUT_DIR builds somewhere else than dist/ (the demo and tests build into temp folders).
 * A build that breaks Zendesk's rules exits 1 and leaves no app.zip (scripts/build-app.ts).
 */
import process from 'node:process'

import { AppRefusedError, buildApp } from './build-app.ts'

const HOST_EXAMPLE = 'ZENDESK_RELAY_DOMAINS=relay.acme.example'

const domains = process.env.ZENDESK_RELAY_DOMAINS?.split(',')
  .map((d) => d.trim())
  .filter(Boolean)
if (domains === undefined || domains.length === 0) {
  // Zendesk's proxy signs requests only for these hosts: an app built without the real relay
  // host installs fine and then fails every call.
  process.stderr.write(`Set ZENDESK_RELAY_DOMAINS to your relay host(s), e.g. ${HOST_EXAMPLE}\n`)
  process.exit(2)
}

function refusal(error: AppRefusedError): string {
  const headline =
    error.badRelayDomains.length > 0
      ? `Zendesk app NOT built: ZENDESK_RELAY_DOMAINS takes bare host names, not ${error.badRelayDomains.join(', ')}.\n` +
        `Give the relay's host only, without https://, port or path, e.g. ${HOST_EXAMPLE}\n`
      : "Zendesk app NOT built: it would break Zendesk's rules.\n"
  return (
    `${headline}- ${error.problems.join('\n- ')}\n` +
    `Nothing was written, and ${error.outDir} was removed so that no earlier app.zip is uploaded by mistake.\n`
  )
}

try {
  const dir = await buildApp({ relayDomains: domains, outDir: process.env.ZENDESK_OUT_DIR })
  process.stdout.write(`Built ${dir} and ${dir}/app.zip\n`)
} catch (error) {
  if (!(error instanceof AppRefusedError)) throw error
  process.stderr.write(refusal(error))
  process.exit(1)
}
