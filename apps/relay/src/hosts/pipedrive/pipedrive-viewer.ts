/**
 * @module hosts/pipedrive/pipedrive-viewer
 * The Pipedrive routes' context: the channel's caller (for the audit log and the tenant), the
 * Pipedrive viewer their token proved, and for the custom panel's API the session it reads with.
 */
import type { PipedriveSession } from './pipedrive-session.ts'
import type { PipedriveViewer } from './pipedrive-token.ts'
import type { Caller, RelayEnv } from '../../platform/http/caller.ts'

export type PipedriveEnv = {
  Variables: RelayEnv['Variables'] & {
    viewer: PipedriveViewer
    /** Set by the SDK-token middleware for the custom panel's API; the JSON panel opens its own. */
    session: PipedriveSession
  }
}

export function pipedriveCaller(tenant: Caller['tenant'], viewer: PipedriveViewer): Caller {
  return {
    tenant,
    channel: 'pipedrive',
    callerId: `pipedrive:${viewer.companyId}:${viewer.userId}`,
    // The company, from the signed token: a rep's remembered choices are their company's.
    installation: viewer.companyId,
    traitAllowlist: '*',
  }
}
