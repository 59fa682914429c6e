/**
 * Copies one value (an id the agent pastes into another tool) and says so in the button for a
 * moment; no alert, nothing else moves. The clipboard is the browser's own API: Zendesk and
 * Pipedrive iframes allow it on a click, and where they do not the button says it could not.
 */
import { useEffect, useState } from 'preact/hooks'

import type { Translate } from '../i18n.ts'

/** How long "Copied" stays before the button reads "Copy" again. */
export const COPIED_MS = 1500

export function CopyButton({ t, value, label }: { t: Translate; value: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  useEffect(() => {
    if (state === 'idle') return
    const timer = setTimeout(() => setState('idle'), COPIED_MS)
    return () => clearTimeout(timer)
  }, [state])
  const copy = () => {
    // Absent outside a secure context: the agent is told rather than left guessing.
    const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard
    if (clipboard === undefined) return setState('failed')
    clipboard.writeText(value).then(
      () => setState('copied'),
      () => setState('failed')
    )
  }
  return (
    <button
      type="button"
      class="ic-copy"
      aria-label={t('profile.copyLabel', { label })}
      data-state={state}
      onClick={copy}
    >
      <span aria-live="polite">
        {state === 'copied'
          ? t('profile.copied')
          : state === 'failed'
            ? t('profile.copyFailed')
            : t('common.copy')}
      </span>
    </button>
  )
}
