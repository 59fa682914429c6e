/**
 * @module presentation/format-header
 * CustomerProfile + the tenant's Presentation -> the compact header an agent reads in two seconds:
 * who (name, primary email), since when and how recently, the few facts that matter, audience and
 * consent chips; then what is one click away: identities (each once, with its full value for the
 * copy button), pinned traits, and every other trait as humanised rows. Text only, like formatProfile.
 */
import type { CustomerProfile } from '../customer/customer-profile.ts'
import { instantOf, truncate } from '../i18n/format-value.ts'
import { dateTimeFormat, listFormat } from '../i18n/intl-cache.ts'
import { consentRows, KNOWN_CHANNELS, nameHint, type ConsentRow } from '../format/format-profile.ts'
import { createTimeContext, type FormatOptions } from '../format/time-context.ts'
import type { FieldValueOptions } from './field-format.ts'
import { humanizeKey } from './humanize-key.ts'
import {
  allTraits,
  headerFacts,
  localizedText,
  traitRowsFor,
  type HeaderFact,
  type TraitRow,
} from './header-facts.ts'
import type { Presentation } from './presentation-settings.ts'

export interface IdentityRow {
  /** The identity kinds this value is (`id`, `userId`…), joined by `+`: stable for UI keys. */
  readonly key: string
  /** "Intilery ID and User ID" when one value is both. */
  readonly label: string
  /** Shown (truncated). */
  readonly value: string
  /** The whole value, for the copy button; absent on summary rows ("2 more"). */
  readonly copy?: string
}

export interface AudienceChip {
  readonly id: string
  readonly name: string
  readonly kind: 'dynamic' | 'static'
}

export interface FormattedHeader {
  readonly id: string
  readonly name: string
  readonly nameHint?: string
  /** The primary email, unless it already is the name. */
  readonly email?: string
  /** "Customer since Mar 4, 2024". */
  readonly since?: string
  /** "Active 2 hours ago", with the absolute time for a tooltip. */
  readonly active?: { readonly text: string; readonly time: string }
  readonly facts: { readonly title: string; readonly rows: readonly HeaderFact[] }
  readonly audiences: { readonly title: string; readonly chips: readonly AudienceChip[] }
  readonly consent: { readonly title: string; readonly rows: readonly ConsentRow[] }
  readonly identities: { readonly title: string; readonly rows: readonly IdentityRow[] }
  /** Traits the admin pinned: shown open under the header. */
  readonly pinned: { readonly title: string; readonly rows: readonly TraitRow[] }
  /** Everything else, collapsed below the timeline. */
  readonly more: {
    /** "All traits (12)". */
    readonly title: string
    readonly traits: { readonly title: string; readonly rows: readonly TraitRow[] }
    readonly computed: { readonly title: string; readonly rows: readonly TraitRow[] }
  }
}

export interface FormatHeaderOptions extends FormatOptions {
  /** Product id -> name from the loaded events (productNames), for `product-ids` values. */
  readonly productNames?: ReadonlyMap<string, string> | undefined
}

/** Anonymous ids past this many are summarised as "N more". */
const MAX_ANONYMOUS_IDS = 3

function identityRows(profile: CustomerProfile, options: FieldValueOptions): IdentityRow[] {
  const { tr, maxLength } = options
  const found: { kinds: string[]; value: string }[] = []
  const add = (kind: string, value: string | undefined) => {
    if (value === undefined || value === '') return
    // One value that is several identities (userId = Intilery id, externalId = email) shows once.
    const same = found.find((row) => row.value === value)
    if (same === undefined) found.push({ kinds: [kind], value })
    else if (!same.kinds.includes(kind)) same.kinds.push(kind)
  }
  add('id', profile.id)
  add('userId', profile.userId)
  add('externalId', profile.externalId)
  for (const email of profile.emails) add('email', email)
  add('phone', profile.phone)
  for (const id of profile.anonymousIds.slice(0, MAX_ANONYMOUS_IDS)) add('anonymousId', id)
  const rows: IdentityRow[] = found.map(({ kinds, value }) => ({
    key: `${kinds.join('+')}:${value}`,
    label: listFormat(tr.intlLocale).format(kinds.map((k) => tr.t(`profile.identity.${k}`))),
    value: truncate(value, maxLength),
    copy: value,
  }))
  const hidden = profile.anonymousIds.length - MAX_ANONYMOUS_IDS
  if (hidden > 0) {
    rows.push({
      key: 'anonymousId:more',
      label: tr.t('profile.identity.anonymousId'),
      value: tr.t('common.moreCount', { count: hidden }),
    })
  }
  return rows
}

function audienceChips(
  profile: CustomerProfile,
  presentation: Presentation | undefined,
  options: FieldValueOptions
): AudienceChip[] {
  const names = presentation?.audienceNames ?? {}
  const chip = (kind: 'dynamic' | 'static') => (audience: { id: string; name: string }) => {
    const named = Object.hasOwn(names, audience.id) ? names[audience.id] : undefined
    const name = named === undefined ? audience.name : localizedText(named, options.tr)
    return { id: audience.id, name: truncate(name, options.maxLength), kind }
  }
  return [
    ...profile.audiences.dynamic.map(chip('dynamic')),
    ...profile.audiences.static.map(chip('static')),
  ]
}

/** Formats one profile's header and trait sections in the viewer's locale and zone. */
export function formatHeader(
  profile: CustomerProfile,
  presentation: Presentation | undefined,
  options: FormatHeaderOptions
): FormattedHeader {
  const context = createTimeContext(options)
  const { tr, maxValueLength: maxLength } = context
  const values: FieldValueOptions = { tr, maxLength, productNames: options.productNames }
  const hint = nameHint(profile.name, context)
  const facts = headerFacts(profile, presentation, values)

  const traits = allTraits(profile)
  const pinnedKeys = (presentation?.pinned ?? []).filter((key) => Object.hasOwn(traits, key))
  const shown = new Set([...facts.map((fact) => fact.key), ...pinnedKeys])
  const pinned = traitRowsFor(traits, pinnedKeys, traits, values).sort(
    (a, b) => pinnedKeys.indexOf(a.key) - pinnedKeys.indexOf(b.key)
  )
  const rest = (record: Readonly<Record<string, unknown>>) =>
    traitRowsFor(
      record,
      Object.keys(record).filter((key) => !shown.has(key)),
      traits,
      values
    )
  const computedRows = rest(profile.computed)
  // A key in both records is the computed one (allTraits): the standard one is not shown twice.
  const traitRows = rest(profile.traits).filter((row) => !Object.hasOwn(profile.computed, row.key))

  const [email] = profile.emails
  const firstSeenMs = profile.firstSeen === undefined ? undefined : instantOf(profile.firstSeen)
  const since =
    firstSeenMs === undefined
      ? undefined
      : tr.t('profile.header.since', {
          date: dateTimeFormat(tr.intlLocale, tr.timeZone, 'monthYear').format(firstSeenMs),
        })
  const lastActive =
    profile.lastActive === undefined ? undefined : context.instant(profile.lastActive)
  const active =
    lastActive === undefined || lastActive.relative === ''
      ? undefined
      : {
          text: tr.t('profile.header.active', { relative: lastActive.relative }),
          time: lastActive.time,
        }

  return {
    id: profile.id,
    name: truncate(profile.name.text, maxLength),
    ...(hint === undefined ? {} : { nameHint: hint }),
    ...(email === undefined || email === profile.name.text
      ? {}
      : { email: truncate(email, maxLength) }),
    ...(since === undefined ? {} : { since }),
    ...(active === undefined ? {} : { active }),
    facts: { title: tr.t('profile.header.facts'), rows: facts },
    audiences: {
      title: tr.t('profile.section.audiences'),
      chips: audienceChips(profile, presentation, values),
    },
    consent: {
      title: tr.t('profile.section.consent'),
      // A channel Intilery does not list (`carrier_pigeon`) reads as words, not as its key.
      rows: consentRows(profile, context).map((row) =>
        (KNOWN_CHANNELS as readonly string[]).includes(row.channel)
          ? row
          : { ...row, label: truncate(humanizeKey(row.channel), maxLength) }
      ),
    },
    identities: { title: tr.t('profile.section.identities'), rows: identityRows(profile, values) },
    pinned: { title: tr.t('profile.section.pinned'), rows: pinned },
    more: {
      title: tr.t('profile.section.allTraits', { count: traitRows.length + computedRows.length }),
      traits: { title: tr.t('profile.section.traits'), rows: traitRows },
      computed: { title: tr.t('profile.section.computed'), rows: computedRows },
    },
  }
}
