/**
 * @module hosts/pipedrive/json-panel/account-rollup
 * An organization as one account: how many of its people Intilery knows, their total value (the
 * first money fact of each one's header, by default the lifetime value: one amount per currency,
 * never converted), the latest activity among them and their names; then one object per known
 * person (name, facts, value, last active, a link to their Pipedrive page). Only the first
 * ORGANIZATION_PEOPLE people are looked up, and the panel says so when the organization has more.
 */
import { createTranslator, type Presentation } from '@intilery-connect/core'

import { factsText, personPageUrl, recordLink, type JsonPanelOptions } from './json-panel.ts'
import { moneyFact } from './panel-facts.ts'
import {
  defined,
  fit,
  instant,
  MAX_LABEL,
  MAX_OBJECTS,
  plausibleEmail,
  type JsonPanel,
  type PanelMoney,
  type PanelObject,
} from './panel-objects.ts'
import type { KnownPerson } from './people-lookup.ts'
import type { Subject } from '../resolve-subject.ts'

/** Sums per currency, in the order each currency first appears; cents kept exact. */
export function totalsByCurrency(values: readonly PanelMoney[]): PanelMoney[] {
  const totals = new Map<string, number>()
  for (const { code, value } of values) totals.set(code, (totals.get(code) ?? 0) + value)
  return [...totals].map(([code, value]) => ({ code, value: Math.round(value * 100) / 100 }))
}

function latest(instants: readonly (string | undefined)[]): string | undefined {
  let best: number | undefined
  for (const text of instants) {
    const ms = text === undefined ? NaN : Date.parse(text)
    if (!Number.isNaN(ms) && (best === undefined || ms > best)) best = ms
  }
  return best === undefined ? undefined : new Date(best).toISOString()
}

/** The person's Pipedrive name, else their customer's, else the email that matched. */
function nameOf(known: KnownPerson): string {
  const name = known.person.name.trim()
  return name !== '' ? name : (known.profiles[0]?.name.text ?? known.email)
}

function valueOf(known: KnownPerson, presentation: Presentation | undefined) {
  const [profile] = known.profiles
  return profile === undefined ? undefined : moneyFact(profile, presentation)
}

export function accountPanel(
  subject: Subject,
  known: readonly KnownPerson[],
  options: JsonPanelOptions
): JsonPanel {
  const tr = createTranslator(options.locale)
  const people = subject.people ?? []
  const values = known.flatMap((k) => valueOf(k, options.presentation) ?? [])
  const totals = totalsByCurrency(values)
  const names = new Intl.ListFormat(tr.intlLocale, { type: 'conjunction' })
  const account: PanelObject = defined<PanelObject>({
    id: 1,
    header: fit(tr.t('pipedrive.rollup.header')),
    facts: fit(tr.t('pipedrive.rollup.known', { known: known.length, people: people.length })),
    value: totals.length === 1 ? totals[0] : undefined,
    details:
      totals.length > 1
        ? fit(
            tr.t('pipedrive.rollup.totals', {
              totals: names.format(
                totals.map((t) => tr.value({ type: 'money', amount: t.value, currency: t.code }))
              ),
            })
          )
        : undefined,
    people: known.length === 0 ? undefined : fit(names.format(known.map(nameOf))),
    last_active: latest(known.flatMap((k) => k.profiles.map((p) => p.lastActive))),
    note:
      subject.morePeople === true
        ? fit(tr.t('pipedrive.noCustomer.firstPeopleOnly', { count: people.length }))
        : undefined,
  })
  const persons = known.slice(0, MAX_OBJECTS - 1).map((k, i): PanelObject => {
    const [profile] = k.profiles
    const matches = k.profiles.length
    return defined<PanelObject>({
      id: i + 2,
      header: fit(nameOf(k)),
      facts: profile === undefined ? undefined : factsText(profile, options.presentation, tr),
      value: valueOf(k, options.presentation),
      email: plausibleEmail(k.email),
      last_active: instant(profile?.lastActive),
      note: matches > 1 ? fit(tr.t('pipedrive.panel.sharedEmail', { count: matches })) : undefined,
      pipedrive_link: {
        label: fit(
          tr.t(matches > 1 ? 'pipedrive.panel.chooseCustomer' : 'pipedrive.panel.openInPipedrive'),
          MAX_LABEL
        ),
        value: personPageUrl(options.pipedriveUrl, k.person.id),
        external: true,
      },
      profile_link:
        profile === undefined
          ? undefined
          : {
              label: fit(tr.t('pipedrive.panel.openInIntilery'), MAX_LABEL),
              value: recordLink(options, profile.id),
              external: true,
            },
    })
  })
  return {
    data: [account, ...persons],
    external_link: {
      url: options.profileUrl,
      label: fit(tr.t('pipedrive.panel.openInIntilery'), MAX_LABEL),
    },
  }
}
