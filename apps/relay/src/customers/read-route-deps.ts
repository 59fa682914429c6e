/**
 * @module customers/read-route-deps
 * What every profile-reading route needs: the tenant's upstream guard and the read auditor, and
 * for the host apps' context answer, the tenant's display.
 */
import type { ReadAuditor } from '../platform/http/audit.ts'
import type { ChoiceMemoryStore, Tenant, UpstreamReads } from '../ports.ts'
import type { DisplayFor } from './panel-display.ts'

export interface ReadRouteDeps {
  readonly upstreamFor: (tenant: Tenant) => UpstreamReads
  readonly auditor: ReadAuditor
  /** Host apps only: the tenant's display for the context answer (absent: none is sent). */
  readonly displayFor?: DisplayFor | undefined
  /** Host apps only: the agents' remembered choices (customers/choice-routes.ts). */
  readonly choices?: ChoiceMemoryStore | undefined
}
