/**
 * What the panel says of a failure without Failure.tsx's code: the message for each kind of failed
 * relay call, what a part whose code could not load draws, and the failure part itself, loaded with
 * import() when a failure is first shown (lazy-part.tsx): no first paint of a found customer draws
 * one, and the sidebar's up-front script has a budget.
 */
import type { MessageId } from '@intilery-connect/core'

import type { Translate } from '../i18n.ts'
import { lazyPart } from '../lazy-part.tsx'
import type { RelayCallError } from '../relay-error.ts'
import { StatusMessage } from './StatusMessage.tsx'

export const FAILURE_TEXT: Record<RelayCallError['failure'], MessageId> = {
  not_found: 'common.error.notFound',
  rate_limited: 'common.error.rateLimited',
  unavailable: 'common.error.upstreamDown',
  misconfigured: 'common.error.misconfigured',
  bad_request: 'common.error.generic',
  malformed: 'common.error.generic',
  relay_error: 'common.error.generic',
  // Only the relay can say Intilery is down; when no relay answered, it is the relay that is.
  network: 'common.error.relayDown',
}

/** A part of the panel whose code could not be loaded (lazy-part.tsx): said, with "Retry". */
export const partFailed = ({ t }: { t: Translate }, retry: () => void) => (
  <StatusMessage tone="error" action={{ label: t('common.retry'), run: retry }}>
    {t('common.error.generic')}
  </StatusMessage>
)

/** A failed relay call, explained, with "Retry" when it can help (Failure.tsx). */
export const failurePart = lazyPart(
  () => import('./Failure.tsx').then((module) => module.Failure),
  partFailed
)
