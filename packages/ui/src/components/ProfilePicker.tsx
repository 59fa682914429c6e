/** An email that belongs to several customers: the agent chooses; nothing is merged or guessed. */
import type { CustomerProfile } from '@intilery-connect/core'

import type { Translate } from '../i18n.ts'
import { visibleText as v } from '../visible-text.ts'

export function ProfilePicker({
  t,
  profiles,
  onPick,
}: {
  t: Translate
  profiles: readonly CustomerProfile[]
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
              <span class="ic-visually-hidden">{t('common.picker.choose')}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
