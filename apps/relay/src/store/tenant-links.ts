/**
 * @module store/tenant-links
 * Checking links against their host's rules, and the writes that keep "one host account, one
 * tenant" true. Shared by the tenant store's upsert, link and rotate operations.
 */
import { InvalidInputError, OwnershipConflictError } from './errors.ts'
import type { Executor } from './schema.ts'
import type { SecretBox } from '../platform/crypto/secret-box.ts'
import {
  sealingContext,
  type HostLinkRules,
  type LinkInput,
  type LinkRulebook,
} from './tenant-schema.ts'

/** A link that passed its host's rules: account id normalised, secret present iff required. */
export interface CheckedLink {
  readonly host: string
  readonly accountId: string
  readonly secret: string | undefined
}

export function rulesOf(rulebook: LinkRulebook, host: string): HostLinkRules | undefined {
  return rulebook.get(host)
}

/**
 * Each checked link with its secret sealed for this tenant and account (null where the host keeps
 * none). Sealed before any transaction opens: on SQLite an open write transaction holds the only
 * connection, so it should wait on nothing but the database.
 */
export function sealLinks(
  secretBox: SecretBox,
  tenantId: string,
  links: readonly CheckedLink[]
): Promise<(CheckedLink & { readonly sealed: string | null })[]> {
  return Promise.all(
    links.map(async (link) => ({
      ...link,
      sealed:
        link.secret === undefined
          ? null
          : await secretBox.seal(
              link.secret,
              sealingContext.linkSecret(tenantId, link.host, link.accountId)
            ),
    }))
  )
}

/**
 * @throws InvalidInputError naming `links.<i>` when a host is unknown, an account id fails its
 *   host's rules, a secret is missing or unexpected, or one account is listed twice.
 */
export function checkLinks(rulebook: LinkRulebook, links: readonly LinkInput[]): CheckedLink[] {
  const issues: { path: string; message: string }[] = []
  const seen = new Set<string>()
  const checked: CheckedLink[] = []
  links.forEach((link, i) => {
    const rules = rulebook.get(link.host)
    if (rules === undefined) {
      issues.push({ path: `links.${i}.host`, message: `no host app called ${link.host}` })
      return
    }
    const accountId = rules.accountId.safeParse(link.accountId)
    if (!accountId.success) {
      issues.push({
        path: `links.${i}.accountId`,
        message: accountId.error.issues[0]?.message ?? `not a ${rules.label}`,
      })
      return
    }
    if (rules.secret !== (link.secret !== undefined)) {
      issues.push({
        path: `links.${i}.secret`,
        message: rules.secret ? `a ${rules.label} needs its secret` : 'this host keeps no secret',
      })
      return
    }
    const key = `${link.host}\u0000${accountId.data}`
    if (seen.has(key)) {
      issues.push({ path: `links.${i}`, message: `${rules.label} listed twice` })
      return
    }
    seen.add(key)
    checked.push({ host: link.host, accountId: accountId.data, secret: link.secret })
  })
  if (issues.length > 0) throw new InvalidInputError('tenant', issues)
  return checked
}

/**
 * After the tenant's own links were deleted, any remaining match belongs to another tenant.
 * @throws OwnershipConflictError for the first such link.
 */
export async function assertUnclaimed(
  trx: Executor,
  rulebook: LinkRulebook,
  links: readonly CheckedLink[]
): Promise<void> {
  for (const host of new Set(links.map((link) => link.host))) {
    const accountIds = links.filter((link) => link.host === host).map((link) => link.accountId)
    const taken = await trx
      .selectFrom('tenant_links')
      .select(['account_id', 'tenant_id'])
      .where('host', '=', host)
      .where('account_id', 'in', accountIds)
      .executeTakeFirst()
    if (taken !== undefined) {
      const label = rulebook.get(host)?.label ?? host
      throw new OwnershipConflictError(label, taken.account_id, taken.tenant_id)
    }
  }
}

/**
 * Links one account to the tenant, or, when the tenant has it already, gives it the new sealed
 * secret (a null `sealed` keeps the one stored). Run inside the caller's transaction.
 * @throws OwnershipConflictError when the account belongs to another tenant; nothing is written.
 */
export async function addLink(
  trx: Executor,
  rulebook: LinkRulebook,
  tenantId: string,
  link: CheckedLink & { readonly sealed: string | null },
  at: number
): Promise<void> {
  const owner = await trx
    .selectFrom('tenant_links')
    .select('tenant_id')
    .where('host', '=', link.host)
    .where('account_id', '=', link.accountId)
    .executeTakeFirst()
  if (owner === undefined) {
    await trx
      .insertInto('tenant_links')
      .values({
        host: link.host,
        account_id: link.accountId,
        tenant_id: tenantId,
        secret_sealed: link.sealed,
        created_at: at,
      })
      .execute()
    return
  }
  if (owner.tenant_id !== tenantId)
    throw new OwnershipConflictError(
      rulebook.get(link.host)?.label ?? link.host,
      link.accountId,
      owner.tenant_id
    )
  if (link.sealed !== null)
    await trx
      .updateTable('tenant_links')
      .set({ secret_sealed: link.sealed })
      .where('host', '=', link.host)
      .where('account_id', '=', link.accountId)
      .execute()
}
