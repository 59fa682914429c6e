/**
 * @module start-failure
 * Why the sidebar could not start, in the agent's language when a catalogue can be loaded: a setup
 * mistake is the admin's to fix, and its message says how; anything else is ours. Loaded by
 * main.tsx only when starting failed.
 */
import { createTranslator, loadLocale } from '@intilery-connect/core'

import { reasonOf, SetupError } from './zaf-reads.ts'

export async function tellStartFailure(
  root: HTMLElement,
  dark: boolean,
  agentLocale: Promise<string>,
  error: unknown
): Promise<void> {
  const message = document.createElement('p')
  message.className = `ic-root ic-theme-zendesk${dark ? ' ic-dark' : ''}`
  message.setAttribute('role', 'alert')
  const locale = await agentLocale
  const reason = reasonOf(error)
  // English if the agent's catalogue cannot be fetched: a message in any language beats none.
  const loaded = await loadLocale(locale).then(
    () => true,
    () =>
      loadLocale('en').then(
        () => true,
        () => false
      )
  )
  if (!loaded)
    // No catalogue at all (the app's own files cannot be fetched): the one sentence kept here.
    message.textContent = `The Intilery app could not start: ${reason}`
  else if (error instanceof SetupError) message.textContent = error.textIn(locale)
  else message.textContent = createTranslator(locale).t('common.setup.couldNotStart', { reason })
  root.replaceChildren(message)
}
