/**
 * @module hosts/pipedrive/json-panel/json-panel
 * A customer as Pipedrive's JSON panel shows it on a person or a deal (an organization's account
 * roll-up is account-rollup.ts): the profile object first, led by the commercial facts of the
 * header (panel-facts.ts), then the most telling recent events (panel-events.ts), orders with
 * their id and total as Pipedrive's currency type. Values follow panel-objects.ts' rules.
 *
 * Text is in the viewer's language (panel-locale.ts: the request's Accept-Language, else
 * English) from core's catalogues, the custom panel's own words, so both panels say the same
 * thing; times are ISO instants, which Pipedrive shows in the viewer's zone. The field labels are
 * the uploaded data structure's, which Pipedrive does not translate.
 */
import {
  createTranslator,
  formatProfile,
  formatTimeline,
  noCustomerText,
  type CustomerContext,
  type CustomerProfile,
  type Presentation,
  type TimelineEntry,
  type TimelineKind,
  type Translator,
} from '@intilery-connect/core'

import { factsOf } from './panel-facts.ts'
import { panelEvents, isOrder } from './panel-events.ts'
import {
  defined,
  fit,
  instant,
  MAX_LABEL,
  MAX_OBJECTS,
  plausibleEmail,
  plausiblePhone,
  type JsonPanel,
  type LabelColor,
  type PanelLabel,
  type PanelLink,
  type PanelMoney,
  type PanelObject,
} from './panel-objects.ts'
import type { Subject } from '../resolve-subject.ts'

const MAX_TAGS = 12
/** Other traits after the facts (organisation, plan, industry…), in the details field. */
const KEY_TRAITS = 6

export interface JsonPanelOptions {
  /** Where "the full view" of the customers lives (the Intilery customers page). */
  readonly profileUrl: string
  /** A customer's own record in Intilery, `{id}` for the Intilery id (the tenant's display). */
  readonly recordUrl?: string | undefined
  /** The company's Pipedrive (the installation's api_domain): where its records' pages are. */
  readonly pipedriveUrl: string
  readonly now: number
  /** The viewer's languages (panel-locale.ts), best first; English when none is shipped. */
  readonly locale: readonly string[]
  /** The tenant's presentation: which facts lead, under which labels; defaults when absent. */
  readonly presentation?: Presentation | undefined
}

/** The customer's own record in Intilery when the tenant's display names one, else the list. */
export function recordLink(options: JsonPanelOptions, intileryId: string): string {
  return options.recordUrl === undefined
    ? options.profileUrl
    : options.recordUrl.replace('{id}', encodeURIComponent(intileryId))
}

/** A person's page in Pipedrive, where the custom panel sits in the sidebar. */
export function personPageUrl(pipedriveUrl: string, personId: number): string {
  return `${pipedriveUrl.replace(/\/+$/, '')}/person/${personId}`
}

const KIND_COLOR: Record<TimelineKind, LabelColor> = {
  email: 'blue',
  commerce: 'green',
  form: 'purple',
  support: 'red',
  sales: 'green',
  identify: 'yellow',
  page: 'grey',
  screen: 'grey',
  session: 'grey',
  custom: 'grey',
}

function consentLabel(
  profile: CustomerProfile,
  channel: string,
  tr: Translator
): PanelLabel | undefined {
  const consent = profile.consent.find((c) => c.channel.toLowerCase() === channel)
  if (consent === undefined) return undefined
  return consent.subscribed
    ? { color: 'green', label: fit(tr.t('profile.consent.subscribed'), MAX_LABEL) }
    : { color: 'red', label: fit(tr.t('profile.consent.unsubscribed'), MAX_LABEL) }
}

/** "Lifetime value: £1,234.00 · Orders: 12", or undefined without facts. */
export function factsText(
  profile: CustomerProfile,
  presentation: Presentation | undefined,
  tr: Translator
): string | undefined {
  const facts = factsOf(profile, presentation, tr).map((fact) =>
    tr.t('common.labelValue', { label: fact.label, value: fact.value })
  )
  return facts.length === 0 ? undefined : fit(facts.join(' · '))
}

function audienceNames(profile: CustomerProfile, options: JsonPanelOptions, tr: Translator) {
  const names = options.presentation?.audienceNames ?? {}
  return [...profile.audiences.dynamic, ...profile.audiences.static]
    .slice(0, MAX_TAGS)
    .map((audience) => {
      const named = Object.hasOwn(names, audience.id) ? names[audience.id] : undefined
      const name =
        named === undefined
          ? audience.name
          : typeof named === 'string'
            ? named
            : (named[tr.locale] ?? named.en ?? audience.name)
      return fit(name, MAX_LABEL)
    })
}

interface ProfileExtra {
  readonly note?: string
  readonly choose?: PanelLink
}

function profileObject(
  profile: CustomerProfile,
  extra: ProfileExtra,
  options: JsonPanelOptions,
  tr: Translator
): PanelObject {
  const audiences = audienceNames(profile, options, tr)
  const traits = formatProfile(profile, {
    locale: options.locale,
    timeZone: 'UTC',
    now: options.now,
  })
    .traits.rows.slice(0, KEY_TRAITS)
    .map((row) => tr.t('common.labelValue', { label: row.label, value: row.value }))
    .join(' · ')
  return defined<PanelObject>({
    id: 1,
    header: fit(profile.name.text),
    facts: factsText(profile, options.presentation, tr),
    details: traits === '' ? undefined : fit(traits),
    email: plausibleEmail(profile.emails.find((email) => plausibleEmail(email) !== undefined)),
    phone: plausiblePhone(profile.phone),
    audiences: audiences.length === 0 ? undefined : audiences,
    email_consent: consentLabel(profile, 'email', tr),
    sms_consent: consentLabel(profile, 'sms', tr),
    last_active: instant(profile.lastActive),
    first_seen: instant(profile.firstSeen),
    note: extra.note === undefined ? undefined : fit(extra.note),
    pipedrive_link: extra.choose,
    profile_link: {
      label: fit(tr.t('pipedrive.panel.openInIntilery'), MAX_LABEL),
      value: recordLink(options, profile.id),
      external: true,
    },
    intilery_id: fit(profile.id),
    user_id: profile.userId === undefined ? undefined : fit(profile.userId),
  })
}

/** The order's id (a detail row) and its total (the title's money value), when the event has them. */
function orderParts(entry: TimelineEntry): { orderId?: string; total?: PanelMoney } {
  const total = entry.title.values?.total
  const row = entry.detail.find(
    (d) => 'id' in d.label && d.label.id === 'timeline.detail.order' && typeof d.value === 'string'
  )
  return defined<{ orderId?: string; total?: PanelMoney }>({
    orderId: typeof row?.value === 'string' ? fit(row.value) : undefined,
    total:
      typeof total === 'object' && total.type === 'money' && /^[A-Z]{3}$/.test(total.currency)
        ? { code: total.currency, value: total.amount }
        : undefined,
  })
}

function eventObjects(
  context: CustomerContext,
  limit: number,
  options: JsonPanelOptions,
  tr: Translator
): PanelObject[] {
  const entries = panelEvents(context.timeline.entries, limit)
  const shown = formatTimeline(entries, {
    locale: options.locale,
    timeZone: 'UTC',
    now: options.now,
  })
  return shown.map((entry, i) => {
    const source = entries[i]
    const order = source !== undefined && isOrder(source) ? orderParts(source) : {}
    // An order's id has its own field: not repeated among the details.
    const orderLabel = tr.t('timeline.detail.order')
    const details = entry.details
      .filter((d) => order.orderId === undefined || d.label !== orderLabel)
      .map((d) => tr.t('common.labelValue', { label: d.label, value: d.value }))
      .join(' · ')
    return defined<PanelObject>({
      id: i + 2,
      header: fit(entry.title),
      value: order.total,
      order_id: order.orderId,
      event_time: instant(entry.at),
      event_type: {
        color: KIND_COLOR[entry.kind],
        label: fit(tr.t(`common.kind.${entry.kind}`), MAX_LABEL),
      },
      details: details === '' ? undefined : fit(details),
    })
  })
}

/**
 * Why there is no customer, as one object: Pipedrive's bare "Nothing to show" would leave a sales
 * rep guessing whether the panel is broken.
 */
export function noCustomer(subject: Subject, locale: readonly string[]): JsonPanel {
  const { reason, remark } = noCustomerText(subject, locale)
  return {
    data: [
      defined<PanelObject>({
        id: 1,
        header: fit(reason),
        note: remark === undefined ? undefined : fit(remark),
      }),
    ],
  }
}

/** The panel for a person's or a deal's customer, or one object saying why there is none. */
export function jsonPanel(
  subject: Subject,
  found:
    | {
        readonly email: string
        readonly context: CustomerContext
        /** The first profile is the one the rep chose in the custom panel on this record. */
        readonly chosen?: boolean | undefined
      }
    | undefined,
  options: JsonPanelOptions
): JsonPanel {
  const profile = found?.context.profiles[0]
  if (found === undefined || profile === undefined) return noCustomer(subject, options.locale)
  const tr = createTranslator(options.locale)
  const notes: string[] = []
  if (subject.emails[0]?.toLowerCase() !== found.email.toLowerCase())
    notes.push(tr.t('pipedrive.panel.matchedOn', { email: found.email }))
  const matches = found.context.profiles.length
  const person = subject.people?.[0]
  let choose: PanelLink | undefined
  if (matches > 1) {
    notes.push(
      tr.t(
        found.chosen === true ? 'pipedrive.panel.sharedEmailChosen' : 'pipedrive.panel.sharedEmail',
        {
          count: matches,
        }
      )
    )
    if (person !== undefined)
      choose = {
        label: fit(tr.t('pipedrive.panel.chooseCustomer'), MAX_LABEL),
        value: personPageUrl(options.pipedriveUrl, person.id),
        external: true,
      }
  }
  const note = notes.length === 0 ? undefined : notes.join(' ')
  return {
    data: [
      profileObject(profile, defined<ProfileExtra>({ note, choose }), options, tr),
      ...eventObjects(found.context, MAX_OBJECTS - 1, options, tr),
    ],
    external_link: {
      url: recordLink(options, profile.id),
      label: fit(tr.t('pipedrive.panel.openInIntilery'), MAX_LABEL),
    },
  }
}
