/**
 * @module hosts/zendesk/webhooks/webhook-cli
 * `relay zendesk webhook-secret` keeps a subdomain's webhook signing secret (from an environment
 * variable, a file or standard input, never a plain argument); `relay zendesk webhook-setup`
 * prints what a Zendesk admin does in Admin Center (setup-steps.ts).
 */
import { CliUsageError } from '../../../cli/cli-usage-error.ts'
import { linkSecretSchema } from '../../../store/tenant-schema.ts'
import type { CliOptions, CliValues, HostCliCommand, HostCliContext } from '../../host-module.ts'
import { ZENDESK, zendeskSubdomainSchema } from '../zendesk-links.ts'
import { setupSteps } from './setup-steps.ts'
import { createZendeskWebhookSecrets } from './webhook-secrets.ts'

export const webhookCliOptions: CliOptions = {
  'secret-env': { type: 'string' },
  'secret-file': { type: 'string' },
  'relay-url': { type: 'string' },
}

const text = (values: CliValues, name: string): string | undefined => {
  const value = values[name]
  return typeof value === 'string' && value !== '' ? value : undefined
}

function subdomainFlag(values: CliValues): string | undefined {
  const given = text(values, 'zendesk-subdomain')
  if (given === undefined) return undefined
  const parsed = zendeskSubdomainSchema.safeParse(given)
  if (!parsed.success)
    throw new CliUsageError('--zendesk-subdomain must be a Zendesk subdomain such as acme')
  return parsed.data
}

const secretsOf = ({ tables }: HostCliContext) => createZendeskWebhookSecrets(tables)

const webhookSecret: HostCliCommand = {
  usage:
    'relay zendesk webhook-secret --zendesk-subdomain <sub> (--secret-env <VAR> | --secret-file <path|->)',
  async run(context) {
    const subdomain = subdomainFlag(context.values)
    if (subdomain === undefined) throw new CliUsageError('--zendesk-subdomain is required')
    const secret = linkSecretSchema.safeParse(context.secret('secret-env', 'secret-file'))
    if (!secret.success) throw new CliUsageError('the signing secret must be 1 to 1,024 characters')
    const found = await context.tenants.findByLink(ZENDESK, subdomain)
    if (found === undefined) {
      context.err(
        `relay: no Zendesk install ${subdomain}; add it to its tenant first (relay tenants update --id <tenant> --zendesk-subdomain ${subdomain} …)\n`
      )
      return 1
    }
    await secretsOf(context).set(found.tenant.id, subdomain, secret.data)
    context.out(
      `kept the webhook signing secret of ${subdomain} (tenant ${found.tenant.id}); deliveries signed with it are accepted now\n`
    )
    return 0
  },
}

const webhookSetup: HostCliCommand = {
  usage:
    'relay zendesk webhook-setup --tenant <id> [--zendesk-subdomain <sub>] [--relay-url <url>]',
  async run(context) {
    const { values, config } = context
    const tenantId = text(values, 'tenant')
    if (tenantId === undefined) throw new CliUsageError('--tenant is required')
    const relayUrl = text(values, 'relay-url') ?? (config.publicUrl as string | undefined)
    if (relayUrl === undefined)
      throw new CliUsageError(
        'give --relay-url <https://relay.example.com>, or set RELAY_PUBLIC_URL: Zendesk needs the relay’s public address'
      )
    if (!URL.canParse(relayUrl) || !/^https?:$/.test(new URL(relayUrl).protocol))
      throw new CliUsageError(
        '--relay-url must be an http(s) URL such as https://relay.example.com'
      )
    const subdomains = await secretsOf(context).subdomainsOf(tenantId)
    if (subdomains.length === 0) {
      context.err(
        `relay: tenant ${tenantId} has no Zendesk subdomain (or there is no such tenant); add one with relay tenants update --id ${tenantId} --zendesk-subdomain <sub> (--zendesk-secret-env <VAR> | --zendesk-secret-file <path|->)\n`
      )
      return 1
    }
    const wanted = subdomainFlag(values)
    const names = subdomains.map((s) => s.subdomain)
    if (wanted === undefined && subdomains.length > 1)
      throw new CliUsageError(
        `tenant ${tenantId} has several Zendesk subdomains (${names.join(', ')}): choose one with --zendesk-subdomain`
      )
    const chosen = subdomains.find((s) => s.subdomain === (wanted ?? names[0]))
    if (chosen === undefined) {
      context.err(
        `relay: ${wanted ?? ''} is not a Zendesk subdomain of tenant ${tenantId} (it has ${names.join(', ')})\n`
      )
      return 1
    }
    if (new URL(relayUrl).protocol === 'http:')
      context.err('relay: warning: Zendesk sends webhooks over the internet; use an https:// URL\n')
    context.out(
      setupSteps({
        tenantId,
        subdomain: chosen.subdomain,
        relayUrl,
        hasSecret: chosen.hasSecret,
      })
    )
    return 0
  },
}

export const webhookCommands: Readonly<Record<string, HostCliCommand>> = {
  'zendesk webhook-secret': webhookSecret,
  'zendesk webhook-setup': webhookSetup,
}
