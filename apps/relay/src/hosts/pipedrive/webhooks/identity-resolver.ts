/**
 * @module hosts/pipedrive/webhooks/identity-resolver
 * Opens a deal's `hostRef` (a Pipedrive person id) when the outbox delivers: the person's emails,
 * primary first, read through a connected installation of the company, as the panels read them.
 * Registered as `pipedriveHost.identityResolver`. The company must be the tenant's own: a ref
 * names a company, and nothing else stops one tenant's message from opening another's person.
 */
import { emailsOf } from '../resolve-subject.ts'
import { RelayError } from '../../../platform/errors.ts'
import type { HostTenantAccess } from '../../host-module.ts'
import type { HostIdentityResolver } from '../../../writeback/outbox-port.ts'
import { PipedriveCallError, type PipedriveApi } from '../api/pipedrive-port.ts'
import type { PipedriveInstallationStore } from '../install/installation-store.ts'
import type { TokenKeeper } from '../install/token-keeper.ts'
import { PIPEDRIVE } from '../pipedrive-links.ts'

export function createPipedriveIdentityResolver(deps: {
  readonly api: PipedriveApi
  readonly installations: PipedriveInstallationStore
  readonly tokens: TokenKeeper
  readonly tenants: Pick<HostTenantAccess, 'findByLink'>
}): HostIdentityResolver {
  return {
    async resolve(tenantId, { accountId, ref }) {
      const link = await deps.tenants.findByLink(PIPEDRIVE, accountId)
      if (link?.tenant.id !== tenantId)
        throw new RelayError('forbidden', 'That Pipedrive company is not this tenant’s')
      const personId = Number(ref)
      if (!Number.isSafeInteger(personId) || personId <= 0)
        throw new RelayError('bad_request', 'Not a Pipedrive person id')
      const install = await deps.installations.anyConnected(accountId)
      if (install === undefined)
        throw new PipedriveCallError(
          'revoked',
          'No connected Pipedrive installation for the company'
        )
      const crm = deps.api.crm(install.apiDomain, () => deps.tokens.accessToken(install))
      const person = await crm.person(personId)
      return { emails: person === undefined ? [] : emailsOf(person) }
    },
  }
}
