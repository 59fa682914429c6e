/**
 * @module platform/http/audit
 * Records one profile read: tenant, channel, caller, an HMAC of the looked-up ref (never the ref),
 * outcome, status, request ids and latency. A failing audit write fails the read: a read that
 * cannot be accounted for is not served.
 */
import { formatProfileRef, isIntileryError, type ProfileRef } from '@intilery-connect/core'

import type { Hasher } from '../crypto/hmac.ts'
import type { AuditSink } from '../../ports.ts'
import type { Caller } from './caller.ts'
import { mapError } from './error-response.ts'

export interface ReadAuditor {
  /** Runs `read`, then records its outcome whether it succeeded or failed. */
  audited<T>(
    caller: Caller,
    ref: ProfileRef,
    requestId: string,
    read: () => Promise<{ result: T; upstreamRequestId?: string | undefined }>
  ): Promise<T>
}

export function createReadAuditor(sink: AuditSink, hasher: Hasher, now: () => number): ReadAuditor {
  return {
    async audited(caller, ref, requestId, read) {
      const started = now()
      const refHmac = await hasher(formatProfileRef(ref))
      const base = {
        tenantId: caller.tenant.id,
        channel: caller.channel,
        caller: caller.callerId,
        refHmac,
        idType: ref.type,
        requestId,
      }
      try {
        const { result, upstreamRequestId } = await read()
        await sink.record({
          ...base,
          outcome: 'ok',
          status: 200,
          upstreamRequestId,
          latencyMs: now() - started,
        })
        return result
      } catch (error) {
        const outcome = isIntileryError(error) && error.code === 'not_found' ? 'not_found' : 'error'
        await sink.record({
          ...base,
          outcome,
          status: mapError(error).status,
          upstreamRequestId: isIntileryError(error) ? error.requestId : undefined,
          latencyMs: now() - started,
        })
        throw error
      }
    },
  }
}
