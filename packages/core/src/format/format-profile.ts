/**
 * @module format/format-profile
 * CustomerProfile -> the strings of the profile card, in the viewer's locale and zone. Labels come
 * from the catalogue; ids, trait keys, trait values and audience names are data, shown verbatim
 * (truncated). Every section carries its title and its empty text, so the UI needs no lookups.
 */
import type { CustomerProfile, DisplayName } from '../customer/customer-profile.ts'
import { truncate } from '../i18n/format-value.ts'
import { listFormat } from '../i18n/intl-cache.ts'
import { createTimeContext, type FormatOptions, type TimeContext } from './time-context.ts'
import { formatTraitValue } from './trait-value.ts'

export interface ProfileRow {
  /** What the row shows, for the UI's keys and copy buttons: `email`, `userId`, a trait key… */
  readonly key: string
  readonly label: string
  readonly value: string
}

export interface ConsentRow {
  /** The channel as Intilery names it (`email`, `sms`…), lower case. */
  readonly channel: string
  /** The channel's readable name ("WhatsApp"); unknown channels show their own name. */
  readonly label: string
  /** "Subscribed" or "Unsubscribed". */
  readonly status: string
  readonly subscribed: boolean
}

export interface ActivityRow {
  readonly label: string
  readonly time: string
  readonly relative: string
  /** "Nov 22, 2026, 9:00 AM (2 hours ago)": time and relative joined the locale's way. */
  readonly text: string
}

export interface ProfileSection<Row> {
  readonly title: string
  readonly rows: readonly Row[]
  /** What to show when `rows` is empty. */
  readonly empty: string
}

export interface FormattedProfile {
  readonly id: string
  /** The display name (data). */
  readonly name: string
  /** "(from email)" when the name is not a real name. */
  readonly nameHint?: string
  readonly identities: ProfileSection<ProfileRow>
  readonly traits: ProfileSection<ProfileRow>
  readonly computed: ProfileSection<ProfileRow>
  readonly audiences: {
    readonly title: string
    readonly dynamic: { readonly label: string; readonly names: readonly string[] }
    readonly static: { readonly label: string; readonly names: readonly string[] }
    readonly empty: string
  }
  readonly consent: ProfileSection<ConsentRow>
  readonly activity: {
    readonly title: string
    readonly firstSeen?: ActivityRow
    readonly lastActive?: ActivityRow
  }
}

export type FormatProfileOptions = FormatOptions

/** Traits that get a translated label and come first, most telling for an agent first. */
export const KNOWN_TRAITS = [
  'organisation',
  'company',
  'jobTitle',
  'industry',
  'plan',
  'website',
  'city',
  'country',
  'language',
] as const
const KNOWN_TRAIT_SET: ReadonlySet<string> = new Set(KNOWN_TRAITS)

/** Channels Intilery knows, in the order its marketing preferences list them. */
export const KNOWN_CHANNELS = ['email', 'sms', 'whatsapp', 'facebook', 'push'] as const
const KNOWN_CHANNEL_SET: ReadonlySet<string> = new Set(KNOWN_CHANNELS)

/** Anonymous ids past this many are summarised as "and N more". */
const MAX_ANONYMOUS_IDS = 3

export function nameHint(name: DisplayName, context: TimeContext): string | undefined {
  return name.source === 'name' ? undefined : context.tr.t(`profile.nameSource.${name.source}`)
}

/** Trait rows, known traits first in KNOWN_TRAITS order, then the rest by key. */
export function traitRows(
  traits: Readonly<Record<string, unknown>>,
  context: TimeContext,
  labelKnown: boolean
): ProfileRow[] {
  const { tr, maxValueLength } = context
  const keys = Object.keys(traits)
  const known = KNOWN_TRAITS.filter((key) => Object.hasOwn(traits, key))
  const others = keys.filter((key) => !labelKnown || !KNOWN_TRAIT_SET.has(key)).sort()
  const rows: ProfileRow[] = []
  for (const key of labelKnown ? [...known, ...others] : others) {
    const value = formatTraitValue(traits[key], tr, maxValueLength)
    if (value === undefined) continue
    const label =
      labelKnown && KNOWN_TRAIT_SET.has(key)
        ? tr.t(`profile.trait.${key}`)
        : truncate(key, maxValueLength)
    rows.push({ key, label, value })
  }
  return rows
}

export function identityRows(profile: CustomerProfile, context: TimeContext): ProfileRow[] {
  const { tr, maxValueLength } = context
  const rows: ProfileRow[] = []
  const add = (key: string, value: string | undefined) => {
    if (value !== undefined && value !== '') {
      rows.push({
        key,
        label: tr.t(`profile.identity.${key}`),
        value: truncate(value, maxValueLength),
      })
    }
  }
  for (const email of profile.emails) add('email', email)
  add('userId', profile.userId)
  add('id', profile.id)
  add('externalId', profile.externalId)
  add('phone', profile.phone)
  const anonymous = profile.anonymousIds.slice(0, MAX_ANONYMOUS_IDS)
  const hidden = profile.anonymousIds.length - anonymous.length
  if (anonymous.length > 0) {
    const items = anonymous.map((id) => truncate(id, maxValueLength))
    if (hidden > 0) items.push(tr.t('common.moreCount', { count: hidden }))
    add('anonymousId', listFormat(tr.intlLocale).format(items))
  }
  return rows
}

export function consentRows(profile: CustomerProfile, context: TimeContext): ConsentRow[] {
  const { tr, maxValueLength } = context
  const rank = (channel: string) => {
    const index = KNOWN_CHANNELS.indexOf(channel as (typeof KNOWN_CHANNELS)[number])
    return index === -1 ? KNOWN_CHANNELS.length : index
  }
  // A stable sort keeps unknown channels in the order Intilery sent them, after the known ones.
  return [...profile.consent]
    .sort((a, b) => rank(a.channel) - rank(b.channel))
    .map(({ channel, subscribed }) => ({
      channel,
      label: KNOWN_CHANNEL_SET.has(channel)
        ? tr.t(`profile.channel.${channel}`)
        : truncate(channel, maxValueLength),
      status: tr.t(subscribed ? 'profile.consent.subscribed' : 'profile.consent.unsubscribed'),
      subscribed,
    }))
}

export function activityRow(
  labelId: string,
  at: string | undefined,
  context: TimeContext
): ActivityRow | undefined {
  if (at === undefined) return undefined
  const { time, relative } = context.instant(at)
  const text = relative === '' ? time : context.tr.t('common.timeWithRelative', { time, relative })
  return { label: context.tr.t(labelId), time, relative, text }
}

function names(list: readonly { name: string }[], context: TimeContext): string[] {
  return list.map((audience) => truncate(audience.name, context.maxValueLength))
}

/** Formats one profile for the card. */
export function formatProfile(
  profile: CustomerProfile,
  options: FormatProfileOptions
): FormattedProfile {
  const context = createTimeContext(options)
  const { tr } = context
  const hint = nameHint(profile.name, context)
  const firstSeen = activityRow('profile.firstSeen', profile.firstSeen, context)
  const lastActive = activityRow('profile.lastActive', profile.lastActive, context)
  return {
    id: profile.id,
    name: truncate(profile.name.text, context.maxValueLength),
    ...(hint === undefined ? {} : { nameHint: hint }),
    identities: {
      title: tr.t('profile.section.identities'),
      rows: identityRows(profile, context),
      empty: '',
    },
    traits: {
      title: tr.t('profile.section.traits'),
      rows: traitRows(profile.traits, context, true),
      empty: tr.t('profile.empty.traits'),
    },
    computed: {
      title: tr.t('profile.section.computed'),
      rows: traitRows(profile.computed, context, false),
      empty: tr.t('profile.empty.computed'),
    },
    audiences: {
      title: tr.t('profile.section.audiences'),
      dynamic: {
        label: tr.t('profile.audiences.dynamic'),
        names: names(profile.audiences.dynamic, context),
      },
      static: {
        label: tr.t('profile.audiences.static'),
        names: names(profile.audiences.static, context),
      },
      empty: tr.t('profile.empty.audiences'),
    },
    consent: {
      title: tr.t('profile.section.consent'),
      rows: consentRows(profile, context),
      empty: tr.t('profile.empty.consent'),
    },
    activity: {
      title: tr.t('profile.section.activity'),
      ...(firstSeen === undefined ? {} : { firstSeen }),
      ...(lastActive === undefined ? {} : { lastActive }),
    },
  }
}
