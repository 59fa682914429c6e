/**
 * An email that belongs to several customers: the agent chooses; nothing is merged or guessed. Each
 * choice shows what tells them apart (last active, place, orders, audiences) as plain text, and is
 * one button, so the list is walked with Tab and chosen with Enter or Space.
 */
import type { CustomerProfile, Presentation } from '@intilery-connect/core'

import type { Translate } from '../i18n.ts'
import { pickerFacts, type ComputedRead } from '../picker-facts.ts'
import { visibleText as v } from '../visible-text.ts'

export function ProfilePicker({
  t,
  locale,
  timeZone,
  profiles,
  orders,
  audienceNames,
  onPick,
}: {
  t: Translate
  locale: string
  timeZone: string | undefined
  profiles: readonly CustomerProfile[]
  /** Computed-traits reads by profile id (use-picker-orders.ts); absent ids show no orders. */
  orders: ReadonlyMap<string, ComputedRead>
  audienceNames?: Presentation['audienceNames']
  onPick: (profile: CustomerProfile) => void
}) {
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
