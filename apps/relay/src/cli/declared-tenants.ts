/**
 * @module cli/declared-tenants
 * The relay applies RELAY_TENANTS_FILE at every start, replacing each tenant it declares whole, so
 * a CLI change to such a tenant lasts only until the next restart. Commands that change a tenant
 * warn about it. Only the tenant ids are read: the file's secrets are not opened, since the
 * variables they name need not be set in the shell the CLI runs in.
 */
import { readFileSync } from 'node:fs'

import { parse as parseYaml } from 'yaml'
import { z } from 'zod'

// Looser than tenantsFileSchema on purpose: a file the relay would refuse still declares its ids.
const declaredIds = z.object({ tenants: z.array(z.object({ id: z.string() })) })

/**
 * What to tell the operator on stderr after a command changed `tenantId`, or undefined when no
 * tenants file is configured or it does not declare that tenant. Never throws: a file that cannot
 * be read is said, not fatal, since the change itself is done.
 */
export function declaredTenantWarning(
  tenantsFile: string | undefined,
  tenantId: string
): string | undefined {
  if (tenantsFile === undefined) return undefined
  let ids: string[]
  try {
    const parsed = declaredIds.safeParse(parseYaml(readFileSync(tenantsFile, 'utf8')))
    if (!parsed.success) throw new Error('it lists no tenants with ids')
    ids = parsed.data.tenants.map((tenant) => tenant.id)
  } catch (error) {
    // The first line only: a YAML error goes on with a picture of the bad line.
    const why = (error instanceof Error ? error.message : String(error)).split('\n')[0]
    return `relay: warning: could not check whether tenant ${tenantId} is declared in RELAY_TENANTS_FILE (${tenantsFile}): ${why}; if it is, the relay will undo this change at its next start\n`
  }
  if (!ids.includes(tenantId)) return undefined
  return `relay: warning: tenant ${tenantId} is declared in RELAY_TENANTS_FILE (${tenantsFile}); the relay applies that file at every start and will undo this change: make it in the file too\n`
}
