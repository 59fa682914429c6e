/**
 * @module start-failure
 * Why the sidebar could not start, in the agent's language when a catalogue can be loaded: a setup
 * mistake is the admin's to fix, and its message says how; anything else is ours. Loaded by
 * main.tsx only when starting failed.
 */
import { createTranslator, loadLocale } from '@intilery-connect/core'

import { couldNotStart, reasonOf, SetupError } from './zaf-reads.ts'

export async function startFailureText(agentLocale: Promise<string>, error: unknown) {
  const locale = await agentLocale
  // English if the agent's catalogue cannot be fetched: a message in any language beats none.
  const loaded = await loadLocale(locale).then(
    () => true,
    () =>
      loadLocale('en').then(
        () => true,
        () => false
      )
  )
  if (!loaded) return couldNotStart(error)
  if (error instanceof SetupError) return error.textIn(locale)
  return createTranslator(locale).t('common.setup.couldNotStart', { reason: reasonOf(error) })
}
