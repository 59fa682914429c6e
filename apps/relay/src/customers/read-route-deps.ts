/**
 * @module customers/read-route-deps
 * What every profile-reading route needs: the tenant's upstream guard and the read auditor.
 */
import type { ReadAuditor } from '../platform/http/audit.ts'
import type { Tenant, UpstreamReads } from '../ports.ts'

export interface ReadRouteDeps {
  readonly upstreamFor: (tenant: Tenant) => UpstreamReads
  readonly auditor: ReadAuditor
}
