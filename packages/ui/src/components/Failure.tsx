/**
 * A failed relay call, explained in the agent's words, with "Retry" when asking again can help.
 * Drawn through failurePart (failure-part.tsx), whose code loads when a failure is first shown.
 */
import type { MessageId } from '@intilery-connect/core'

import type { Translate } from '../i18n.ts'
import type { RelayCallError } from '../relay-error.ts'
import { visibleText } from '../visible-text.ts'
import { FAILURE_TEXT } from './failure-part.tsx'
import { StatusMessage } from './StatusMessage.tsx'

/** What an administrator must fix, when the relay says which side is set up wrongly. */
function textFor(error: RelayCallError): MessageId {
  // The host found no relay at the configured address (e.g. Zendesk's proxy could not reach it).
  if (error.details.code === 'relay_unreachable') return 'common.error.relayUnreachable'
  if (error.failure !== 'misconfigured') return FAILURE_TEXT[error.failure]
  if (error.details.code === 'unauthenticated') return 'common.error.rejectedInstallation'
  if (error.details.code === 'misconfigured') return 'common.error.upstreamCredentials'
  return FAILURE_TEXT.misconfigured
}

export function Failure({
  t,
  error,
  retry,
}: {
  t: Translate
  error: RelayCallError
  retry: () => void
}) {
  // Asking the same thing again cannot help when it was refused or the setup is wrong.
  const canRetry = !['misconfigured', 'not_found', 'bad_request'].includes(error.failure)
  return (
    <StatusMessage
      tone={error.failure === 'misconfigured' ? 'warning' : 'error'}
      action={canRetry ? { label: t('common.retry'), run: retry } : undefined}
    >
      {/* A refused search says why in the relay's words (its messages never carry data). */}
      {error.failure === 'bad_request' ? visibleText(error.message) : t(textFor(error))}
    </StatusMessage>
  )
}
