/**
 * @module pipedrive/server
 * A local Pipedrive for one company: OAuth server and REST API on one origin (the `pipedrive`
 * client's `host` option points both there, as its README suggests for mocks). Binds 127.0.0.1.
 */
import type { AddressInfo } from 'node:net'

import { serve } from '@hono/node-server'
import { randomBytes } from 'node:crypto'
import { Hono } from 'hono'

import { CrmRecords } from './crm-records.ts'
import {
  DEMO_COMPANY,
  pipedriveDataset,
  type PipedriveDataset,
  type PipedriveDeal,
  type PipedrivePerson,
} from './data.ts'
import { Hangs } from '../request-guards.ts'
import { PipedriveFaults, pipedriveFaultRoute } from './faults.ts'
import { OAuthGrants, type Grant } from './oauth-grants.ts'
import { recordRoutes } from './record-routes.ts'
import { oauthRoutes, type OAuthClient } from './oauth-routes.ts'
import { restRoutes, type StoredNote } from './rest-routes.ts'
import { PIPEDRIVE_SCOPE } from './scopes.ts'
import { Visibility } from './visibility.ts'
import { realScheduler, type Scheduler } from './webhooks/scheduler.ts'
import { WebhookDispatcher } from './webhooks/webhook-dispatcher.ts'
import { WebhookRegistry } from './webhooks/webhook-registry.ts'
import { webhookRoutes } from './webhooks/webhook-routes.ts'

export interface PipedriveOptions {
  readonly clientId: string
  readonly clientSecret: string
  /** The app's callback URL (GET for the code, DELETE for uninstall). */
  readonly redirectUri: string
  readonly port?: number | undefined
  /** Access token lifetime; Pipedrive's is 60 minutes. */
  readonly accessTtlMs?: number | undefined
  readonly now?: (() => number) | undefined
  /**
   * The scopes the app is configured with in Developer Hub, comma-separated; every grant carries
   * them and calls outside them are refused (scopes.ts). Default: the app's documented scopes.
   */
  readonly scope?: string | undefined
  /** More persons than the seeded seven (benchmarks open many distinct customers). */
  readonly extraPersons?: readonly PipedrivePerson[] | undefined
  /**
   * Where the company's record pages are (the Pipedrive host). On Pipedrive the company's domain,
   * the `api_domain` apps call, also serves its web app: `{api_domain}/person/1` is that person's
   * page. This stand-in redirects such a link there; without it, it answers 404.
   */
  readonly webUrl?: string | undefined
  /**
   * The clock and timers of webhook deliveries (timeouts, retries, bans); real ones by default.
   * Its clock is also the webhooks' own (`meta.timestamp`, `add_time`).
   */
  readonly scheduler?: Scheduler | undefined
  /** How webhooks are sent (default: global fetch). */
  readonly fetch?: typeof fetch | undefined
}

export interface RunningPipedrive {
  readonly url: string
  readonly companyId: number
  readonly data: PipedriveDataset
  readonly grants: OAuthGrants
  readonly notes: readonly StoredNote[]
  /** Who may see which person or deal; all visible to everyone until a test restricts one. */
  readonly visibility: Visibility
  /** Latency and hanging responses, per route (faults.ts); none until set. */
  readonly faults: PipedriveFaults
  /** Responses held open by the hang knob; let go when their caller leaves or this stops. */
  readonly hangs: Hangs
  /** The company's webhooks (`/api/v1/webhooks`). */
  readonly webhooks: WebhookRegistry
  /** Sends them; `deliveries` records every attempt, `idle()` waits for answers. */
  readonly dispatcher: WebhookDispatcher
  /** Deal and person changes as the web app makes them (each sends its webhooks). */
  readonly records: CrmRecords
  /** A user's personal API token (`x-api-token`): what the preview pages call the API with. */
  apiToken(userId: number): string
  /** The consent page URL an install starts from (what the relay's start route redirects to). */
  authorizeUrl(state: string, userId?: number): string
  /**
   * Uninstalls the app for one user as Pipedrive does: revokes the grant and sends `DELETE` to the
   * callback URL with Basic client credentials and `{ client_id, company_id, user_id, timestamp }`.
   * @returns the callback's HTTP status.
   */
  uninstall(userId: number): Promise<number>
  stop(): Promise<void>
}

export { PIPEDRIVE_SCOPE }

export async function startPipedrive(options: PipedriveOptions): Promise<RunningPipedrive> {
  const now = options.now ?? Date.now
  const scheduler = options.scheduler ?? realScheduler
  const seeded = pipedriveDataset()
  // Mutable here (crm-records.ts changes them); readonly for everyone reading the dataset.
  const persons: PipedrivePerson[] = [...seeded.persons, ...(options.extraPersons ?? [])]
  const deals: PipedriveDeal[] = [...seeded.deals]
  const data: PipedriveDataset = { ...seeded, persons, deals }
  const grants = new OAuthGrants(options.accessTtlMs ?? 60 * 60_000, now)
  const notes: StoredNote[] = []
  const client: OAuthClient = { ...options, scope: options.scope ?? PIPEDRIVE_SCOPE }
  const visibility = new Visibility(data.users)
  const faults = new PipedriveFaults()
  const hangs = new Hangs()
  const webhooks = new WebhookRegistry(DEMO_COMPANY.id, () => scheduler.now())
  const dispatcher = new WebhookDispatcher(webhooks, DEMO_COMPANY, scheduler, options.fetch)
  const records = new CrmRecords(
    deals,
    persons,
    data.stages,
    (e) => dispatcher.emit(e),
    () => scheduler.now()
  )
  const apiTokens = new Map(
    data.users.map((u) => [u.id, `pd-api:${u.id}:${randomBytes(18).toString('base64url')}`])
  )
  const personalToken = (token: string): Grant | undefined => {
    const userId = [...apiTokens.entries()].find(([, value]) => value === token)?.[0]
    if (userId === undefined) return undefined
    return {
      companyId: DEMO_COMPANY.id,
      userId,
      scope: '',
      accessToken: token,
      accessExpiresAt: Number.POSITIVE_INFINITY,
      refreshToken: '',
      refreshLastUsedAt: 0,
      revoked: false,
      personal: true,
    }
  }
  const app = new Hono()
  app.use('*', async (c, next) => {
    const route = pipedriveFaultRoute(c.req.method, c.req.path)
    if (route === undefined) return next()
    const latency = faults.latencyFor(route)
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency))
    if (!faults.hangs(route)) return next()
    await hangs.hold(c.req.raw.signal)
    // Nobody is usually left to read this: the caller gave up, or the stand-in is stopping.
    return c.json({ success: false, error: 'Gateway Timeout', errorCode: 504 }, 504)
  })
  app.route('/', oauthRoutes(client, grants, data.users, DEMO_COMPANY.id))
  app.route(
    '/',
    restRoutes(data, grants, DEMO_COMPANY, notes, now, visibility, personalToken, [
      webhookRoutes(webhooks),
      recordRoutes(data, records),
    ])
  )
  app.get('/:kind{person|deal|organization}/:id{[0-9]+}', (c) => {
    const page = `/${c.req.param('kind')}/${c.req.param('id')}`
    if (options.webUrl === undefined)
      return c.text(`No record pages here: start the Pipedrive host for ${page}`, 404)
    return c.redirect(`${options.webUrl.replace(/\/+$/, '')}${page}`, 302)
  })

  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve(
      { fetch: app.fetch, hostname: '127.0.0.1', port: options.port ?? 0 },
      () => resolve(started)
    )
    started.once('error', reject)
  })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    companyId: DEMO_COMPANY.id,
    data,
    grants,
    notes,
    visibility,
    faults,
    hangs,
    webhooks,
    dispatcher,
    records,
    apiToken(userId) {
      const token = apiTokens.get(userId)
      if (token === undefined) throw new Error(`No user ${userId} in the sandbox Pipedrive`)
      return token
    },
    authorizeUrl(state, userId) {
      const target = new URL('/oauth/authorize', url)
      target.searchParams.set('client_id', options.clientId)
      target.searchParams.set('redirect_uri', options.redirectUri)
      target.searchParams.set('state', state)
      if (userId !== undefined) target.searchParams.set('user_id', String(userId))
      return target.toString()
    },
    async uninstall(userId) {
      const grant = grants.grantOf(DEMO_COMPANY.id, userId)
      if (grant !== undefined) grants.revoke(grant.refreshToken, 'refresh_token')
      // "When a user uninstalls your app, all the webhooks created by your app for this user will
      // also be removed" (https://pipedrive.readme.io/docs/webhooks-for-apps).
      webhooks.removeApplicationWebhooksOf(userId)
      const basic = Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64')
      const response = await fetch(options.redirectUri, {
        method: 'DELETE',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          client_id: options.clientId,
          company_id: DEMO_COMPANY.id,
          user_id: userId,
          timestamp: new Date(now()).toISOString(),
        }),
      })
      await response.body?.cancel()
      return response.status
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        hangs.releaseAll()
        server.close((error) => (error ? reject(error) : resolve()))
        if ('closeAllConnections' in server) server.closeAllConnections()
      }),
  }
}
