/**
 * The customer at a glance: name, identities, traits, audiences, consent, first seen and last
 * active. Everything shown is text from core's formatProfile; nothing is ever parsed as markup.
 */
import type { ActivityRow, FormattedProfile, ProfileRow } from '@intilery-connect/core'
import { Fragment } from 'preact'

import { visibleText as v } from '../visible-text.ts'

/** A snake_case key may wrap after each underscore instead of in the middle of a word. */
function Breakable({ text }: { text: string }) {
  const parts = text.split('_')
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 ? (
            <>
              _<wbr />
            </>
          ) : null}
        </Fragment>
      ))}
    </>
  )
}

function Rows({
  rows,
  title,
  empty,
}: {
  rows: readonly ProfileRow[]
  title: string
  empty: string
}) {
  if (rows.length === 0 && empty === '') return null
  return (
    <section class="ic-section" aria-label={title}>
      <h3 class="ic-section-title">{title}</h3>
      {rows.length === 0 ? (
        <p class="ic-muted">{empty}</p>
      ) : (
        <dl class="ic-rows">
          {rows.map((row) => (
            <div class="ic-row" key={row.key}>
              <dt>
                <Breakable text={v(row.label)} />
              </dt>
              <dd title={v(row.value)}>{v(row.value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  )
}

function Activity({ row }: { row: ActivityRow | undefined }) {
  if (row === undefined) return null
  return (
    <div class="ic-row">
      <dt>{row.label}</dt>
      <dd>
        <span title={row.time}>{row.relative}</span>
      </dd>
    </div>
  )
}

export function ProfileCard({ profile }: { profile: FormattedProfile }) {
  const { audiences, consent, activity } = profile
  const audienceNames = [...audiences.dynamic.names, ...audiences.static.names]
  return (
    <article class="ic-card" aria-label={v(profile.name)}>
      <header class="ic-card-header">
        <h2 class="ic-name">{v(profile.name)}</h2>
        {profile.nameHint === undefined ? null : <p class="ic-muted">{profile.nameHint}</p>}
      </header>
      {activity.firstSeen === undefined && activity.lastActive === undefined ? null : (
        <dl class="ic-rows ic-activity" aria-label={activity.title}>
          <Activity row={activity.lastActive} />
          <Activity row={activity.firstSeen} />
        </dl>
      )}
      <Rows {...profile.identities} />
      <Rows {...profile.traits} />
      {profile.computed.rows.length === 0 ? null : <Rows {...profile.computed} />}
      <section class="ic-section" aria-label={audiences.title}>
        <h3 class="ic-section-title">{audiences.title}</h3>
        {audienceNames.length === 0 ? (
          <p class="ic-muted">{audiences.empty}</p>
        ) : (
          <ul class="ic-tags">
            {audienceNames.map((name, i) => (
              <li class="ic-tag" key={`${i}:${name}`}>
                {v(name)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="ic-section" aria-label={consent.title}>
        <h3 class="ic-section-title">{consent.title}</h3>
        {consent.rows.length === 0 ? (
          <p class="ic-muted">{consent.empty}</p>
        ) : (
          <ul class="ic-tags">
            {consent.rows.map((row) => (
              <li
                class={row.subscribed ? 'ic-tag ic-tag-yes' : 'ic-tag ic-tag-no'}
                key={row.channel}
              >
                {row.label}: {row.status}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  )
}
