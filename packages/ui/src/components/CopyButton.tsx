/**
 * Copies one value (an id the agent pastes into another tool) and says so in the button for a
 * moment; no alert, nothing else moves. The Clipboard API needs the host's iframe to allow
 * `clipboard-write`, which an app cannot ask for, so when it is absent or refused the value is
 * copied the older way (copyBySelection); only when both fail does the button say it could not.
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
  const copy = (event: MouseEvent) => {
    const button = event.currentTarget as HTMLButtonElement
    const fallback = () => setState(copyBySelection(value, button) ? 'copied' : 'failed')
    // Absent outside a secure context; refused under a permissions policy without clipboard-write,
    // which Chromium says up front (asking anyway logs a policy violation in the agent's console).
    const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard
    if (clipboard === undefined || clipboardWriteAllowed() === false) return fallback()
    clipboard.writeText(value).then(() => setState('copied'), fallback)
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

interface PolicyView {
  allowsFeature(feature: string): boolean
}

/** What the document's permissions policy says of clipboard-write; undefined where it cannot say. */
function clipboardWriteAllowed(): boolean | undefined {
  const { permissionsPolicy, featurePolicy } = document as Document & {
    permissionsPolicy?: PolicyView
    featurePolicy?: PolicyView
  }
  return (permissionsPolicy ?? featurePolicy)?.allowsFeature('clipboard-write')
}

/**
 * The way before the Clipboard API, which no permissions policy blocks: select the value in a
 * field out of sight and ask the document to copy it, then give focus back to the button. Still
 * within the click's user activation when the API's refusal comes back a moment later.
 */
function copyBySelection(value: string, button: HTMLButtonElement): boolean {
  const field = document.createElement('textarea')
  field.value = value
  field.readOnly = true
  field.setAttribute('aria-hidden', 'true')
  field.style.cssText = 'position:fixed;top:0;left:0;opacity:0;pointer-events:none'
  document.body.append(field)
  try {
    field.focus({ preventScroll: true })
    field.select()
    return document.execCommand('copy')
  } catch {
    return false
  } finally {
    field.remove()
    button.focus()
  }
}
