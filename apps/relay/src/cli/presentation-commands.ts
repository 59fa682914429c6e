/**
 * @module cli/presentation-commands
 * `relay tenants presentation show|set|clear --tenant <id>`: how the host apps show a tenant's
 * customers (which traits lead the header, their labels and formats, audience names) and the link
 * to a customer's record in Intilery. `show` prints the JSON the apps receive (`display` of the
 * context answer); `set` takes a JSON or YAML file and refuses a wrong one whole, saying each
 * mistake in words; `clear` goes back to the defaults. A running relay uses a change on its next
 * request.
 */
import { readFileSync } from 'node:fs'

import type { PanelDisplay } from '@intilery-connect/core'
import { parse as parseYaml } from 'yaml'

import { recordUrlFor } from '../customers/record-url.ts'
import { InvalidInputError } from '../store/errors.ts'
import type { PresentationChange } from '../store/tenant-presentation.ts'
import { need, type Values } from './cli-args.ts'
import { CliUsageError } from './cli-usage-error.ts'
import { noSuchTenant } from './known-tenant.ts'
import type { CommandContext } from './tenant-commands.ts'

export const PRESENTATION_USAGE = `  relay tenants presentation show --tenant <id>            (the JSON the apps receive)
  relay tenants presentation set --tenant <id> [--file <presentation.json|yaml|->] [--record-url <https://…{id}…|default>]
  relay tenants presentation clear --tenant <id>           (back to the defaults, link included)`

/** `--record-url default` drops the tenant's own link for the one built from its Intilery ids. */
const DEFAULT_LINK = 'default'

/** The file as written: a presentation, or a tenants file's `presentation:` block with `recordUrl:`. */
function changeFromFile(text: string, file: string): PresentationChange {
  let raw: unknown
  try {
    raw = parseYaml(text)
  } catch (error) {
    const why = (error instanceof Error ? error.message : String(error)).split('\n')[0]
    throw new CliUsageError(`${file} is not valid JSON or YAML: ${why}`)
  }
  const isBlock =
    typeof raw === 'object' && raw !== null && !Array.isArray(raw) && 'presentation' in raw
  if (raw === null || raw === undefined) throw new CliUsageError(`${file} is empty`)
  if (!isBlock) return { presentation: raw }
  const { presentation, recordUrl, ...rest } = raw as Record<string, unknown>
  const extra = Object.keys(rest)
  if (extra.length > 0)
    throw new InvalidInputError('presentation', [
      {
        path: '',
        message: `unknown setting ${extra.join(', ')} beside presentation and recordUrl`,
      },
    ])
  if (recordUrl !== undefined && typeof recordUrl !== 'string')
    throw new InvalidInputError('record URL', [{ path: 'recordUrl', message: 'must be a text' }])
  return { presentation, ...(recordUrl === undefined ? {} : { recordUrl }) }
}

async function readChange(values: Values, context: CommandContext): Promise<PresentationChange> {
  const file = values.file
  const link = values['record-url']
  if (file === undefined && link === undefined)
    throw new CliUsageError('give --file <presentation.json|yaml> and/or --record-url <url>')
  let change: PresentationChange = {}
  if (file !== undefined) {
    let text: string
    if (file === '-') {
      if (context.io.stdin === undefined)
        throw new CliUsageError('there is no standard input to read')
      text = await context.io.stdin()
    } else {
      try {
        text = readFileSync(file, 'utf8')
      } catch (error) {
        throw new CliUsageError(
          `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`
        )
      }
    }
    change = changeFromFile(text, file === '-' ? 'standard input' : file)
  }
  if (link !== undefined) change = { ...change, recordUrl: link === DEFAULT_LINK ? null : link }
  return change
}

function refusal(error: InvalidInputError): string {
  const lines = error.issues.map(
    (issue) => `  ${issue.path === '' ? '' : `${issue.path}: `}${issue.message}\n`
  )
  return `relay: not a valid ${error.subject}; nothing was changed:\n${lines.join('')}`
}

/** What changed, for the confirmation line. */
function changed(change: PresentationChange): string {
  const parts = [
    ...(change.presentation === undefined ? [] : ['presentation']),
    ...(change.recordUrl === undefined
      ? []
      : [change.recordUrl === null ? 'record link (back to the default)' : 'record link']),
  ]
  return parts.join(' and ')
}

async function show({ values, io, store }: CommandContext, tenantId: string): Promise<number> {
  const tenant = (await store.tenants.listLinks()).find((t) => t.id === tenantId)
  const settings = await store.presentations.get(tenantId)
  if (tenant === undefined || settings === undefined) {
    io.err(`relay: ${noSuchTenant(tenantId)}\n`)
    return 1
  }
  const recordUrl = recordUrlFor(tenant.intilery, settings.recordUrl)
  const display: PanelDisplay = {
    presentation: settings.presentation ?? {},
    ...(recordUrl === undefined ? {} : { recordUrl }),
  }
  io.out(`${JSON.stringify(display, null, values.json === true ? undefined : 2)}\n`)
  // Notes for the operator, never on stdout: a pipe gets the JSON alone.
  if (settings.presentation === undefined)
    io.err(`relay: tenant ${tenantId} has no presentation set: the apps use their defaults\n`)
  if (recordUrl === undefined)
    io.err(
      `relay: no record link: the Intilery client id and account id of tenant ${tenantId} cannot form a host name; set one with --record-url\n`
    )
  return 0
}

export async function presentationCommand(context: CommandContext): Promise<number> {
  const { values, arg, io, store } = context
  if (arg === undefined || !['show', 'set', 'clear'].includes(arg))
    throw new CliUsageError('give show, set or clear after relay tenants presentation')
  const tenantId = need(values, 'tenant')
  if (arg === 'show') return show(context, tenantId)

  let change: PresentationChange = { presentation: null, recordUrl: null }
  let found: boolean
  try {
    if (arg === 'set') change = await readChange(values, context)
    found = await store.presentations.set(tenantId, change)
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error
    io.err(refusal(error))
    return 1
  }
  if (!found) {
    io.err(`relay: ${noSuchTenant(tenantId)}\n`)
    return 1
  }
  io.out(
    arg === 'clear'
      ? `cleared the presentation and record link of tenant ${tenantId}: the apps use the defaults\n`
      : `set the ${changed(change)} of tenant ${tenantId}\n`
  )
  return 0
}
