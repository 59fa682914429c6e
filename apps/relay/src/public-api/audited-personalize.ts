/**
 * @module public-api/audited-personalize
 * One personalization (personalize.ts) for an authenticated caller, with the caller's trait
 * allowlist and the request's deadline, recorded in the audit trail as one read: what every
 * personalization route runs between checking its request and shaping its answer.
 */
import type { ProfileRef } from '@intilery-connect/core'

import type { ReadRouteDeps } from '../customers/read-route-deps.ts'
import type { Caller } from '../platform/http/caller.ts'
import { personalize, type PersonalizationAnswer, type PersonalizationAsk } from './personalize.ts'

/** The request as the audit sees it: who asks, the relay's request id, its deadline. */
export interface PersonalizeRequest {
  readonly caller: Caller
  readonly requestId: string
  readonly signal: AbortSignal
}

export function auditedPersonalize(
  deps: ReadRouteDeps,
  request: PersonalizeRequest,
  ref: ProfileRef,
  ask: PersonalizationAsk,
  nowMs: number
): Promise<PersonalizationAnswer> {
  const { caller, requestId, signal } = request
  return deps.auditor.audited(caller, ref, requestId, async () => {
    const upstream = deps.upstreamFor(caller.tenant)
    const result = await personalize(upstream, ref, ask, caller.traitAllowlist, { signal, nowMs })
    return { result, upstreamRequestId: result.reads[0]?.requestId }
  })
}
