/**
 * Where the shown customer stands relative to the one the host opened the panel for: a warning
 * when it is someone else (with the way back), or a quiet line when it is the agent's choice among
 * the requester's matches (with "Change", back to the picker). Loaded with import() when there is
 * such a line to draw (CustomerPanel.tsx): an open that shows the host's own customer has none.
 */
import type { Translate } from '../i18n.ts'
import type { CustomerHook } from '../use-customer.ts'
import type { RememberedChoice } from '../use-remembered-choice.ts'
import { visibleText } from '../visible-text.ts'
import { StatusMessage } from './StatusMessage.tsx'

function MovedBanner({
  text,
  back,
  onBack,
}: {
  /** Already translated; carries the customer's name (data), hence visibleText. */
  text: string
  back: string
  onBack: () => void
}) {
  return (
    <div class="ic-status ic-status-warning ic-moved" role="status">
      <p>{visibleText(text)}</p>
      <button type="button" class="ic-link" onClick={onBack}>
        {back}
      </button>
    </div>
  )
}

function ChoiceLine({
  text,
  failed = false,
  change,
  onChange,
}: {
  text: string
  /** The choice could not be saved: said as an alert, not in muted text. */
  failed?: boolean
  change: string
  onChange: () => void
}) {
  return (
    <p
      class={failed ? 'ic-choice ic-choice-failed' : 'ic-choice ic-muted'}
      role={failed ? 'alert' : undefined}
    >
      {text}{' '}
      <button type="button" class="ic-link" onClick={onChange}>
        {change}
      </button>
    </p>
  )
}

export function TopLine({
  t,
  state,
  choice,
  customer,
  subject,
}: {
  t: Translate
  state: CustomerHook['state']
  choice: RememberedChoice
  customer: CustomerHook
  subject: 'requester' | 'user' | 'contact'
}) {
  if (state.kind === 'one' && choice.notRequester)
    return (
      <MovedBanner
        text={t('common.moved.banner', { subject, name: state.profile.name.text })}
        back={t('common.moved.back', { subject })}
        onBack={customer.back}
      />
    )
  if (choice.chosen !== undefined) {
    const { count, status } = choice.chosen
    return (
      <ChoiceLine
        text={
          status === 'chosen'
            ? t('common.choice.chosen', { count })
            : status === 'remembered'
              ? t('common.choice.remembered', { count })
              : t('common.choice.notRemembered', { count })
        }
        failed={status !== 'chosen' && status !== 'remembered'}
        change={t('common.choice.change')}
        onChange={choice.change}
      />
    )
  }
  if (choice.forgetFailed !== undefined)
    return <StatusMessage tone="error">{t('common.choice.notForgotten')}</StatusMessage>
  if (customer.moved && !choice.choosing)
    return (
      <button type="button" class="ic-link ic-back" onClick={customer.back}>
        {t('common.moved.back', { subject })}
      </button>
    )
  return null
}
