/**
 * @module zaf-reads
 * What the app reads from Zendesk, checked: the location, the customer of this location, the agent's
 * locale, the installation's settings. Zendesk's answers are a trust boundary like any other.
 */
import {
  createTranslator,
  parseHeaderFieldKeys,
  TIMELINE_KINDS,
  type MessageId,
  type MessageValues,
  type TimelineKind,
} from '@intilery-connect/core'
import type { Lookup } from '@intilery-connect/ui'
import { z } from 'zod/mini'

import type { EarlyGet, ZafClient } from './zaf.ts'

const personSchema = z.nullish(
  z.object({
    email: z.nullish(z.string()),
    externalId: z.nullish(z.union([z.string(), z.number()])),
  })
)

const contextSchema = z.object({
  location: z.string(),
  account: z.object({ subdomain: z.string() }),
})

const installationIdSchema = z.union([z.number(), z.string().check(z.minLength(1))])

const settingsSchema = z.object({
  relay_url: z.nullish(z.string()),
  default_event_filter: z.nullish(z.string()),
  header_fields: z.nullish(z.string()),
})

/** Where an admin changes the app's settings, named in every setup message. */
const WHERE_SETTINGS =
  'Admin Center › Apps and integrations › Zendesk Support apps › Intilery Customer Profile › Settings'

/** `ticket_sidebar`, `new_ticket_sidebar`, `user_sidebar`… as Zendesk names it. */
export type ZendeskLocation = string

export interface Installation {
  readonly location: ZendeskLocation
  readonly subdomain: string
  /**
   * This installation in the account (metadata's `installationId`): the relay keeps the agents'
   * remembered choices per installation.
   */
  readonly installationId: string
  readonly relayUrl: string
  /** Timeline kinds shown first (the `default_event_filter` setting); empty shows all. */
  readonly defaultKinds: readonly TimelineKind[]
  /**
   * Trait keys this installation's header shows, in order (the `header_fields` setting), over the
   * tenant's presentation (core's withHeaderFields); empty keeps the tenant's header.
   */
  readonly headerFields: readonly string[]
}

/** `email, page` → ['email', 'page']; unknown names are ignored rather than failing the app. */
export function parseKinds(setting: string | null | undefined): TimelineKind[] {
  const known = new Set<string>(TIMELINE_KINDS)
  return (setting ?? '')
    .split(',')
    .map((kind) => kind.trim().toLowerCase())
    .filter((kind): kind is TimelineKind => known.has(kind))
}

/**
 * The installation is set up wrongly; its text tells the admin what to change, and where. It
 * carries its catalogue message so the sidebar can say it in the agent's language (`textIn`);
 * `message` is the message id, for logs: it is raised before any catalogue may have loaded.
 */
export class SetupError extends Error {
  override readonly name = 'SetupError'
  constructor(
    readonly messageId: MessageId,
    readonly values: MessageValues
  ) {
    super(messageId)
  }

  /** In `locale`, once core's `loadLocale` has loaded it (English until then). */
  textIn(locale: string): string {
    return createTranslator(locale).t(this.messageId, this.values)
  }
}

/** What went wrong, for a message that names it. */
export const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/**
 * The one sentence the sidebar says without any catalogue (the app's own files cannot be fetched):
 * English, the language every other message falls back to.
 */
export const couldNotStart = (error: unknown) =>
  `The Intilery app could not start: ${reasonOf(error)}`

const EXAMPLE_RELAY = 'https://relay.example.com'

/**
 * The relay URL setting, checked for what an admin can get wrong: not a URL, plain http (allowed
 * only for a relay on this machine, the local demo), or a host this build's domainWhitelist does
 * not name. Zendesk's proxy would refuse the last one on every call, so the sidebar says it first.
 */
export function checkRelayUrl(setting: string | null | undefined, relayHosts: readonly string[]) {
  const value = (setting ?? '').trim()
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new SetupError(
      value === '' ? 'common.setup.relayUrlMissing' : 'common.setup.relayUrlInvalid',
      { value, where: WHERE_SETTINGS, example: EXAMPLE_RELAY }
    )
  }
  const local = url.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(url.hostname)
  if (url.protocol !== 'https:' && !local)
    throw new SetupError('common.setup.relayUrlNotHttps', {
      value,
      where: WHERE_SETTINGS,
      https: 'https://',
    })
  if (!relayHosts.includes(url.hostname))
    throw new SetupError('common.setup.relayHostNotBuilt', {
      host: url.hostname,
      builtFor: relayHosts.length === 0 ? '—' : relayHosts.join(', '),
      where: WHERE_SETTINGS,
    })
  return url.href.replace(/\/+$/, '')
}

const NO_LOCATION = 'Zendesk did not say where the app runs.'

/** Where the app runs: Zendesk gives it with the app's registration (no round trip). */
export async function readLocation(client: ZafClient): Promise<ZendeskLocation> {
  const context = contextSchema.safeParse(await client.context())
  if (!context.success) throw new SetupError('common.setup.couldNotStart', { reason: NO_LOCATION })
  return context.data.location
}

/**
 * @param relayHosts the hosts this build can reach (its manifest's domainWhitelist)
 */
export async function readInstallation(
  client: ZafClient,
  relayHosts: readonly string[]
): Promise<Installation> {
  const [rawContext, metadata] = await Promise.all([client.context(), client.metadata()])
  const installation = installationIdSchema.safeParse(metadata.installationId)
  const context = contextSchema.safeParse(rawContext)
  const settings = settingsSchema.safeParse(metadata.settings)
  if (!context.success)
    throw new SetupError('common.setup.couldNotStart', {
      reason: NO_LOCATION,
    })
  if (!settings.success)
    throw new SetupError('common.setup.couldNotStart', {
      reason: 'Zendesk did not give the app its settings.',
    })
  return {
    location: context.data.location,
    subdomain: context.data.account.subdomain,
    // Zendesk gives every installation one; a local preview (zcli) may not, and shares a scope.
    installationId: installation.success ? String(installation.data) : 'preview',
    relayUrl: checkRelayUrl(settings.data.relay_url, relayHosts),
    defaultKinds: parseKinds(settings.data.default_event_filter),
    headerFields: parseHeaderFieldKeys(settings.data.header_fields),
  }
}

/** Where the customer of a location is: the ticket's requester, or the user of the user sidebar. */
const customerPath = (location: ZendeskLocation) =>
  location === 'user_sidebar' ? 'user' : 'ticket.requester'

/**
 * Zendesk could not read the customer. A new ticket may have no requester yet, and Zendesk may
 * answer that with an error: there is simply nobody to look up. Anywhere else the error stands.
 */
function nobodyOnNewTicket(location: ZendeskLocation, error: unknown): undefined {
  if (location === 'new_ticket_sidebar') return undefined
  throw error
}

/** The lookup for the person Zendesk answered at `path`: their email, else their external id. */
function lookupOf(answer: Record<string, unknown>, path: string): Lookup | undefined {
  const person = personSchema.parse(answer[path])
  const email = person?.email?.trim()
  if (email !== undefined && email !== '') return { type: 'email', value: email }
  const external = person?.externalId
  if (external !== undefined && external !== null && String(external) !== '')
    return { type: 'userId', value: String(external) }
  return undefined
}

/** The customer of this location: the ticket's requester, or the user of the user sidebar. */
export async function readCustomer(
  client: ZafClient,
  location: ZendeskLocation
): Promise<Lookup | undefined> {
  const path = customerPath(location)
  let answer: Record<string, unknown>
  try {
    answer = await client.get(path)
  } catch (error) {
    return nobodyOnNewTicket(location, error)
  }
  return lookupOf(answer, path)
}

const agentSchema = z.object({
  'currentUser.id': z.optional(z.union([z.string(), z.number()])),
  'currentUser.locale': z.optional(z.string()),
})

const AGENT_PATHS = ['currentUser.id', 'currentUser.locale'] as const

export interface Agent {
  readonly id: string
  readonly locale: string
}

function agentOf(answer: unknown): Agent {
  const parsed = agentSchema.safeParse(answer)
  const agent = parsed.success ? parsed.data : {}
  return {
    id: agent['currentUser.id'] === undefined ? 'unknown' : String(agent['currentUser.id']),
    locale: agent['currentUser.locale'] ?? 'en',
  }
}

/** The agent: their Zendesk user id (asserted in the relay's JWT) and locale, in one read. */
export async function readAgent(client: ZafClient): Promise<Agent> {
  return agentOf(await client.get(AGENT_PATHS))
}

const bulkErrorsSchema = z.optional(z.record(z.string(), z.unknown()))
const pathErrorSchema = z.object({ message: z.string() })

/**
 * The agent and the customer of this location in one `get`: one message to Zendesk and back
 * before the relay can be asked, not two. A bulk get resolves with an `errors` map for the paths
 * Zendesk could not read (a single-path get rejects instead); the customer's error is treated as
 * readCustomer treats that rejection. The agent's read never fails the customer's, nor the reverse:
 * `customer` rejects alone, so a setup message can still be told in the agent's language.
 * `early` is index.html's copy of this get, sent as soon as Zendesk registered the app.
 */
export function readAgentAndCustomer(
  client: ZafClient,
  location: ZendeskLocation,
  early?: Promise<EarlyGet>
): { readonly agent: Promise<Agent>; readonly customer: Promise<Lookup | undefined> } {
  const path = customerPath(location)
  // index.html's get, when it asked for this location, is the same get sent earlier.
  const answer =
    early === undefined
      ? client.get([...AGENT_PATHS, path])
      : early.then((got) =>
          got.location === location ? got.answer : client.get([...AGENT_PATHS, path])
        )
  const customer = answer.then((values) => {
    const errors = bulkErrorsSchema.safeParse(values.errors)
    const error = errors.success ? errors.data?.[path] : undefined
    if (error !== undefined) {
      const message = pathErrorSchema.safeParse(error)
      return nobodyOnNewTicket(
        location,
        new Error(`"${path}" ${message.success ? message.data.message : 'could not be read'}`)
      )
    }
    return lookupOf(values, path)
  })
  return { agent: answer.then(agentOf), customer }
}
