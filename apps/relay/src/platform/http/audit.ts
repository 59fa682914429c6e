/**
 * @module platform/http/audit
 * Records one profile read: tenant, channel, caller, an HMAC of the looked-up ref (never the ref),
 * outcome, status, request ids and latency. A failing audit write fails the read (AuditWriteError,
 * a plain 500): a read that cannot be accounted for is not served.
 */
import { formatProfileRef, isIntileryError, type ProfileRef } from '@intilery-connect/core'

import type { Hasher } from '../crypto/hmac.ts'
import { RelayError } from '../errors.ts'
import type { AuditSink } from '../../ports.ts'
import type { Caller } from './caller.ts'
import { mapError } from './error-response.ts'

/**
 * The audit trail refused or failed to take a row. Whatever the sink said (a validation message
 * naming a field, a driver's text) stays in `cause` for the operator: the caller gets the relay's
 * generic 500, never the store's words.
 */
export class AuditWriteError extends RelayError {
  constructor(cause: unknown) {
    super('internal', 'Something went wrong in the relay.', { cause })
  }
}

async function record(sink: AuditSink, entry: Parameters<AuditSink['record']>[0]): Promise<void> {
  try {
    await sink.record(entry)
  } catch (error) {
    throw new AuditWriteError(error)
  }
}

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
        await record(sink, {
          ...base,
          outcome: 'ok',
          status: 200,
          upstreamRequestId,
          latencyMs: now() - started,
        })
        return result
      } catch (error) {
        const outcome = isIntileryError(error) && error.code === 'not_found' ? 'not_found' : 'error'
        await record(sink, {
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
