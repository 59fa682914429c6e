/**
 * @module hosts/pipedrive/pipedrive-session
 * From an authenticated Pipedrive viewer to what a panel reads with: the tenant their company is
 * linked to and a CRM client on an installation's OAuth token. A viewer of a shared panel
 * (`isShared`, never installed the app) reads through the installation of a user who shared it.
 * Each missing step is a NotConnectedError saying what to do, never a generic failure.
 */
import { RelayError } from '../../platform/errors.ts'
import type { Tenant, TenantDirectory } from '../../ports.ts'
import { PIPEDRIVE } from './pipedrive-links.ts'
import type { PipedriveInstallation } from './install/installation-store.ts'
import type { PipedriveDeps } from './pipedrive-deps.ts'
import type { PipedriveViewer } from './pipedrive-token.ts'
import type { CallOptions, PipedriveCrm } from './api/pipedrive-port.ts'

/** Which step of connecting is missing. */
export type MissingStep = 'no_tenant' | 'not_installed' | 'disconnected'

const MESSAGE: Record<MissingStep, string> = {
  no_tenant: 'This Pipedrive company is not linked to an Intilery workspace yet.',
  not_installed: 'Connect your Pipedrive account to Intilery to see customer data here.',
  disconnected: 'The Pipedrive connection has expired or was revoked: reconnect it.',
}

export class NotConnectedError extends RelayError {
  constructor(readonly step: MissingStep) {
    super('not_connected', MESSAGE[step])
  }
}

export interface PipedriveSession {
  readonly tenant: Tenant
  readonly installation: PipedriveInstallation
  readonly crm: PipedriveCrm
}

/** @param calls the request's deadline, which every call of the session's CRM obeys. */
export async function openSession(
  deps: PipedriveDeps,
  tenants: TenantDirectory,
  viewer: PipedriveViewer & { readonly isShared?: boolean },
  calls: CallOptions = {}
): Promise<PipedriveSession> {
  const [link, own] = await Promise.all([
    tenants.findByLink(PIPEDRIVE, viewer.companyId),
    deps.installations.get(viewer.companyId, viewer.userId),
  ])
  if (link === undefined) throw new NotConnectedError('no_tenant')
  const { tenant } = link
  // `isShared` is a query value, not a signed claim: it only lends an installation whose user told
  // Pipedrive (and us, through the visibility callback) that the panels are shared.
  const installation =
    own?.status === 'connected' || viewer.isShared !== true
      ? own
      : await deps.installations.anyShared(viewer.companyId)
  if (installation === undefined) throw new NotConnectedError('not_installed')
  if (installation.status === 'disconnected') throw new NotConnectedError('disconnected')
  // The write-back's webhooks, if the company has none yet (or they failed): in the background.
  deps.webhooks.subscriber.retryLater(installation)
  const crm = deps.api.crm(
    installation.apiDomain,
    () => deps.tokens.accessToken(installation),
    calls
  )
  return { tenant, installation, crm }
}
