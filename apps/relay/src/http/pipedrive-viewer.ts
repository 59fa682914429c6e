/**
 * @module http/pipedrive-viewer
 * The Pipedrive routes' context: the channel's caller (for the audit log and the tenant) plus the
 * Pipedrive viewer their token proved.
 */
import type { PipedriveViewer } from '../pipedrive/pipedrive-token.ts'
import type { Caller, RelayEnv } from './caller.ts'

export type PipedriveEnv = {
  Variables: RelayEnv['Variables'] & { viewer: PipedriveViewer }
}

export function pipedriveCaller(tenant: Caller['tenant'], viewer: PipedriveViewer): Caller {
  return {
    tenant,
    channel: 'pipedrive',
    callerId: `pipedrive:${viewer.companyId}:${viewer.userId}`,
    traitAllowlist: '*',
  }
}
