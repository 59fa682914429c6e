/**
 * @module cli/site-commands
 * `relay sites add|list|remove`: the websites whose signed-in visitors read their own data
 * (`GET /v1/visitor/context`). `add` prints the site's id and signing secret once; the site's
 * server keeps the secret and signs its visitors' tokens with it.
 */
import { need, type Values } from './cli-args.ts'
import { printListing } from './cli-table.ts'
import { knownTenant } from './known-tenant.ts'
import { CliUsageError } from './cli-usage-error.ts'
import type { CommandContext } from './tenant-commands.ts'

type Command = (context: CommandContext) => Promise<number>

export const SITES_USAGE = `  relay sites add --tenant <id> --origin <https://shop.example> [--origin …] [--traits <a,b>] [--audiences <id=Name,…>] [--recommendations] [--id <site id>] [--name <name>]
  relay sites list --tenant <id> [--json]
  relay sites remove --id <site id>`

const list = (text: string | undefined) =>
  (text ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)

/** `--audiences id=Name,id2=Other`: the audiences the site may see, by the name it sees. */
function audiencesFrom(values: Values): Record<string, string> {
  const pairs = list(values.audiences).map((pair) => {
    const at = pair.indexOf('=')
    if (at <= 0 || at === pair.length - 1)
      throw new CliUsageError(`--audiences takes id=Name pairs, got "${pair}"`)
    return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()] as const
  })
  return Object.fromEntries(pairs)
}

/** The default name: the first origin's host (the store then says what is wrong with a bad one). */
function hostOf(origin: string | undefined): string {
  try {
    return new URL(origin ?? '').host
  } catch {
    return 'site'
  }
}

export const siteCommands: Readonly<Record<string, Command>> = {
  async 'sites add'({ values, io, store }) {
    const origins = values.origin ?? []
    if (origins.length === 0) throw new CliUsageError('--origin is required (once per origin)')
    const traits = list(values.traits)
    const audiences = audiencesFrom(values)
    const recommendations = values.recommendations === true
    // Its visitors would read an empty context, and a site's grants cannot be changed afterwards
    // (only removed and added again, with a new secret): better said now than found on the site.
    if (traits.length === 0 && Object.keys(audiences).length === 0 && !recommendations)
      throw new CliUsageError(
        'a site must be allowed to read something: give --traits, --audiences or --recommendations'
      )
    const { id, secret } = await store.sites.create(await knownTenant(values, store), {
      ...(values.id === undefined ? {} : { id: values.id }),
      name: values.name ?? hostOf(origins[0]),
      origins,
      traits,
      audiences,
      recommendations,
    })
    io.out(`site id ${id}\n${secret}\n`)
    io.err(
      'This signing secret is shown once; give it to the site’s server (never its pages).\n' +
        'Visitor tokens: HS256, iss = the site id, sub = the visitor’s userId, iat, exp (at most 1 hour).\n'
    )
    return 0
  },

  async 'sites list'({ values, io, store }) {
    printListing(io, values.json === true, {
      columns: ['ID', 'NAME', 'ORIGINS', 'TRAITS', 'AUDIENCES', 'RECOMMENDATIONS'],
      items: await store.sites.list(await knownTenant(values, store)),
      row: (site) => [
        site.id,
        site.name,
        site.origins.join(','),
        site.traits.join(','),
        Object.entries(site.audiences)
          .map(([id, name]) => `${id}=${name}`)
          .join(','),
        site.recommendations ? 'yes' : 'no',
      ],
      json: (site) => site,
    })
    return 0
  },

  async 'sites remove'({ values, io, store }) {
    const id = need(values, 'id')
    const declared = (await store.sites.get(id))?.declared === true
    if (!(await store.sites.remove(id))) {
      io.err(`relay: no site ${id}\n`)
      return 1
    }
    io.out(`removed site ${id}; tokens it signed no longer work\n`)
    if (declared)
      io.err(
        `relay: warning: site ${id} is declared in the tenants file; take it out there too, or the next start brings it back\n`
      )
    return 0
  },
}
