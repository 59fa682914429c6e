/**
 * @module hosts/zendesk/zendesk-cli
 * The Zendesk flags of `relay tenants add` and `relay tenants rotate-secret`, and the write-back
 * webhook's commands (webhooks/webhook-cli.ts). Secrets come from an environment variable or a
 * file, never a plain argument (shell history, `ps`).
 */
import { CliUsageError } from '../../cli/cli-usage-error.ts'
import type { HostCli } from '../host-module.ts'
import { webhookCliOptions, webhookCommands } from './webhooks/webhook-cli.ts'
import { ZENDESK } from './zendesk-links.ts'

export const zendeskCli: HostCli = {
  options: {
    'zendesk-subdomain': { type: 'string' },
    'zendesk-secret-env': { type: 'string' },
    'zendesk-secret-file': { type: 'string' },
    ...webhookCliOptions,
  },
  addUsage:
    '[--zendesk-subdomain <sub> (--zendesk-secret-env <VAR> | --zendesk-secret-file <path|->)]',
  tenantFields({ values, secret }) {
    const subdomain = values['zendesk-subdomain']
    return {
      zendesk:
        typeof subdomain === 'string'
          ? [{ subdomain, sharedSecret: secret('zendesk-secret-env', 'zendesk-secret-file') }]
          : [],
    }
  },
  commands: {
    'tenants rotate-secret': {
      usage:
        'relay tenants rotate-secret --zendesk-subdomain <sub> (--zendesk-secret-env <VAR> | --zendesk-secret-file <path|->)',
      async run({ values, tenants, secret, out, err }) {
        const subdomain = values['zendesk-subdomain']
        if (typeof subdomain !== 'string' || subdomain === '')
          throw new CliUsageError('--zendesk-subdomain is required')
        const rotated = await tenants.rotateLinkSecret(
          ZENDESK,
          subdomain,
          secret('zendesk-secret-env', 'zendesk-secret-file')
        )
        if (!rotated) {
          err(`relay: no Zendesk install ${subdomain}\n`)
          return 1
        }
        out('rotated; update the app’s secure setting in Zendesk to match\n')
        return 0
      },
      changedAccount: (values) =>
        typeof values['zendesk-subdomain'] === 'string' ? values['zendesk-subdomain'] : undefined,
    },
    ...webhookCommands,
  },
}
