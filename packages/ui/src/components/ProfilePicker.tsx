/**
 * An email that belongs to several customers: the agent chooses; nothing is merged or guessed. Each
 * choice shows what tells them apart (last active, place, orders, audiences) as plain text, and is
 * one button, so the list is walked with Tab and chosen with Enter or Space. Loaded with import()
 * when a lookup matches several customers (CustomerPanel): no other open draws it.
 */
import type { CustomerProfile, Presentation } from '@intilery-connect/core'

import type { Translate } from '../i18n.ts'
import { pickerFacts } from '../picker-facts.ts'
import type { RelayClient } from '../relay-client.ts'
import { usePickerOrders } from '../use-picker-orders.ts'
import { visibleText as v } from '../visible-text.ts'

export interface ProfilePickerProps {
  /** For the candidates' order counts (use-picker-orders.ts), read while the picker is shown. */
  readonly client: RelayClient
  readonly t: Translate
  readonly locale: string
  readonly timeZone: string | undefined
  readonly profiles: readonly CustomerProfile[]
  readonly audienceNames?: Presentation['audienceNames'] | undefined
  readonly onPick: (profile: CustomerProfile) => void
}

export function ProfilePicker({
  client,
  t,
  locale,
  timeZone,
  profiles,
  audienceNames,
  onPick,
}: ProfilePickerProps) {
  const orders = usePickerOrders(client, profiles)
  return (
    <section
      class="ic-picker"
      aria-label={t('common.error.manyMatches', { count: profiles.length })}
    >
      <p>{t('common.error.manyMatches', { count: profiles.length })}</p>
      <ul>
        {profiles.map((profile) => (
          <li key={profile.id}>
            <button type="button" class="ic-picker-item" onClick={() => onPick(profile)}>
              <strong>{v(profile.name.text)}</strong>
              <span class="ic-muted">
                {v([profile.userId, ...profile.emails].filter(Boolean).join(' · '))}
              </span>
              {pickerFacts(profile, orders.get(profile.id), {
                t,
                locale,
                timeZone,
                audienceNames,
              }).map((fact) => (
                <span
                  key={fact.key}
                  class={`ic-picker-fact ic-picker-${fact.key}${fact.tone === 'warning' ? ' ic-picker-failed' : ''}`}
                >
                  {v(fact.text)}
                </span>
              ))}
              <span class="ic-visually-hidden">{t('common.picker.choose')}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
