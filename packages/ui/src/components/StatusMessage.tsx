/** The panel's non-data states: loading skeleton, and a message with an optional action. */
import type { ComponentChildren } from 'preact'

export function Skeleton({ label }: { label: string }) {
  return (
    <div class="ic-skeleton" role="status" aria-live="polite" aria-busy="true">
      <span class="ic-visually-hidden">{label}</span>
      <div class="ic-skeleton-line ic-skeleton-title" />
      <div class="ic-skeleton-line" />
      <div class="ic-skeleton-line" />
      <div class="ic-skeleton-line ic-skeleton-short" />
    </div>
  )
}

export function StatusMessage({
  tone,
  children,
  action,
}: {
  tone: 'info' | 'warning' | 'error'
  children: ComponentChildren
  action?: { label: string; run: () => void } | undefined
}) {
  return (
    <div class={`ic-status ic-status-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <p>{children}</p>
      {action === undefined ? null : (
        <button type="button" class="ic-button" onClick={action.run}>
          {action.label}
        </button>
      )}
    </div>
  )
}
