/**
 * Where the shown customer stands relative to the one the host opened the panel for: a warning
 * when it is someone else (with the way back), or a quiet line when it is the agent's choice among
 * the requester's matches (with "Change", back to the picker).
 */
import { visibleText } from '../visible-text.ts'

export function MovedBanner({
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

export function ChoiceLine({
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
