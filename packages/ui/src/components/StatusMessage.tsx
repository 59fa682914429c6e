/** The panel's non-data states: loading skeleton, and a message with an optional action. */
import type { ComponentChildren } from 'preact'

/** `label` is absent only while the catalogues that would say "Loading" are themselves loading. */
export function Skeleton({ label }: { label?: string | undefined }) {
  return (
    <div class="ic-skeleton" role="status" aria-live="polite" aria-busy="true">
      {label === undefined ? null : <span class="ic-visually-hidden">{label}</span>}
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
