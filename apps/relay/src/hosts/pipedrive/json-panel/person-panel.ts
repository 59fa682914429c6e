/**
 * @module hosts/pipedrive/json-panel/person-panel
 * A person's or a deal's JSON panel: their customer found by the record's emails, led by the one
 * the rep chose in the custom panel when several share the email, with computed traits, latest
 * orders and, for a chosen customer, their own events.
 */
import { createProfileRef, formatProfileRef, type CustomerProfile } from '@intilery-connect/core'

import { rememberedFor } from '../../../customers/choice-routes.ts'
import { recordScope } from '../../../customers/choice-scope.ts'
import type { Caller } from '../../../platform/http/caller.ts'
import type { ChoiceMemoryStore, UpstreamReads } from '../../../ports.ts'
import { AdmissionGroup } from '../../../upstream/index.ts'
import { findCustomer, type AuditedRead, type FoundCustomer } from '../find-customer.ts'
import type { Subject } from '../resolve-subject.ts'
import { jsonPanel, type JsonPanelOptions } from './json-panel.ts'
import type { JsonPanel } from './panel-objects.ts'
import { latestOrders, mergeEntries, ownEvents, withComputed } from './people-lookup.ts'

/** The customer the rep chose among `found`'s, or undefined. */
export type ChoiceOf = (found: FoundCustomer) => Promise<string | undefined>

/**
 * The choice the custom panel keeps for this record, or for a deal the one made on its contact
 * person's page, where the JSON panel's "choose" link leads.
 */
export async function rememberedChoice(
  choices: ChoiceMemoryStore,
  caller: Caller,
  record: { readonly resource: string; readonly id: number },
  subject: Subject,
  found: FoundCustomer
): Promise<string | undefined> {
  const contact = record.resource === 'deal' ? subject.people?.[0] : undefined
  const scopes = [`${record.resource}:${String(record.id)}`]
  if (contact !== undefined) scopes.push(`person:${String(contact.id)}`)
  const requester = formatProfileRef(createProfileRef('email', found.email))
  const ids = found.context.profiles.map((profile) => profile.id)
  for (const scope of scopes) {
    const chosen = await rememberedFor(choices, caller, recordScope, scope, requester, ids)
    if (chosen !== undefined) return chosen
  }
  return undefined
}

/** `profiles` with the one `id` names first, the rest in their order. */
function leading(profiles: readonly CustomerProfile[], id: string | undefined) {
  if (id === undefined) return profiles
  return [...profiles.filter((p) => p.id === id), ...profiles.filter((p) => p.id !== id)]
}

export async function personPanel(
  upstream: UpstreamReads,
  subject: Subject,
  audited: AuditedRead,
  signal: AbortSignal,
  options: JsonPanelOptions,
  choiceOf: ChoiceOf
): Promise<JsonPanel> {
  // The context's two reads, then computed traits and orders: each pair admitted or shed together
  // (admission-group.ts). A group holds only reads made at once: a shared budget reserves a
  // group's tokens when it decides, and the later pair's, a round trip on, would find theirs past
  // their grace and reserve two more (6 tokens for 4 reads).
  const found = await findCustomer(upstream, subject.emails, audited, {
    signal,
    admission: new AdmissionGroup(2),
  })
  if (found === undefined) return jsonPanel(subject, undefined, options)
  const { context } = found
  const chosen = context.profiles.length > 1 ? await choiceOf(found) : undefined
  const [first, ...others] = leading(context.profiles, chosen)
  if (first === undefined) return jsonPanel(subject, undefined, options)
  // The facts the panel leads with are computed traits, which only `traits` holds; the latest
  // orders may be older than the context's first page of events; a chosen customer's own events
  // too, since the context's are everyone's with the email.
  const reads = { signal, admission: new AdmissionGroup(chosen === undefined ? 2 : 3) }
  const [computed, orders, own] = await Promise.all([
    withComputed(upstream, first, audited, reads),
    latestOrders(upstream, first, audited, reads),
    chosen === undefined ? undefined : ownEvents(upstream, first, audited, reads),
  ])
  return jsonPanel(
    subject,
    {
      email: found.email,
      chosen: chosen !== undefined,
      context: {
        ...context,
        profiles: [computed, ...others],
        timeline: { entries: mergeEntries(own ?? context.timeline.entries, orders) },
      },
    },
    options
  )
}
