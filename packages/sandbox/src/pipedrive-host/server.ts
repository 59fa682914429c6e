/**
 * @module pipedrive-host/server
 * The local Pipedrive around the real panels: a list of demo records and their detail pages, with
 * the app's JSON panel (asked for on the server, as Pipedrive asks, with a JWT signed by the panel
 * secret) and its custom panel (the relay's panel page in a cross-origin iframe, with the SDK host
 * protocol in host-client.js and tokens signed here by the custom panel secret). Binds 127.0.0.1.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'

import { serve } from '@hono/node-server'
import { Hono } from 'hono'

import { pipedriveDataset, type PipedriveDataset } from '../pipedrive/data.ts'
import {
  detailPage,
  indexPage,
  recordFacts,
  type HostData,
  type HostTheme,
  type Resource,
} from './host-page.ts'
import {
  applyDealAction,
  dealActionSchema,
  dealActionsMarkup,
  liveDeal,
  type HostPipedrive,
} from './deal-actions.ts'
import { renderJsonPanel, type PanelAnswer } from './json-panel-view.ts'
import { signViewerToken, type Viewer } from './viewer-token.ts'

/** Pipedrive waits this long for a JSON panel answer, and for a custom panel's `initialize`. */
const PIPEDRIVE_LIMIT_MS = 10_000
const RESOURCES: readonly string[] = ['person', 'deal', 'organization']

export interface PipedriveHostOptions {
  /** The relay: the JSON panel endpoint and the custom panel page are under it. */
  readonly relayUrl: string
  readonly companyId: number
  readonly userId: number
  /** The JSON panel's JWT secret (Developer Hub), signing the panel request's `token`. */
  readonly panelJwtSecret: string
  /** The custom panel's JWT secret, signing its page `token` and the SDK's signed tokens. */
  readonly customPanelJwtSecret: string
  /** The JSON panel's data structure (Developer Hub's upload), for field order, labels, checks. */
  readonly schema?: object | undefined
  /** The records to list (default: the sandbox Pipedrive's, see pipedrive/data.ts). */
  readonly persons?: PipedriveDataset['persons'] | undefined
  readonly deals?: PipedriveDataset['deals'] | undefined
  readonly organizations?: PipedriveDataset['organizations'] | undefined
  readonly port?: number | undefined
  readonly host?: string | undefined
  /** How long the custom panel has to send `initialize` once loaded (Pipedrive: 10 s). */
  readonly initTimeoutMs?: number | undefined
  readonly now?: (() => number) | undefined
  readonly fetch?: typeof fetch | undefined
  /**
   * The local Pipedrive behind these pages: with it, a deal page shows the deal as its API has it
   * and offers the sales actions (deal-actions.ts), which send that Pipedrive's webhooks.
   */
  readonly pipedrive?: HostPipedrive | undefined
}

export interface RunningPipedriveHost {
  /** The list of demo records. */
  readonly url: string
  /** A record's detail page, e.g. `pageUrl('person', 1)`. */
  pageUrl(resource: Resource, id: number, theme?: HostTheme): string
  stop(): Promise<void>
}

const read = (file: string) => readFileSync(new URL(file, import.meta.url), 'utf8')

export function createPipedriveHostApp(options: PipedriveHostOptions, origin: () => string) {
  const defaults = pipedriveDataset()
  const data: PipedriveDataset = {
    users: defaults.users,
    persons: options.persons ?? defaults.persons,
    deals: options.deals ?? defaults.deals,
    organizations: options.organizations ?? defaults.organizations,
    pipelines: defaults.pipelines,
    stages: defaults.stages,
  }
  const hostScript = read('host-client.js')
  const hostStyles = read('host.css')
  const relay = options.relayUrl.replace(/\/+$/, '')
  const relayOrigin = new URL(relay).origin
  const viewer: Viewer = { userId: options.userId, companyId: options.companyId }
  const now = options.now ?? Date.now
  const nowSeconds = () => Math.floor(now() / 1000)
  const fetchImpl = options.fetch ?? fetch
  // The page runs only its own files and frames only the relay.
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
    `frame-src ${relayOrigin}`,
    "base-uri 'none'",
    // The deal actions' forms post to the page's own server.
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')

  async function askJsonPanel(resource: Resource, id: number): Promise<PanelAnswer> {
    const query = new URLSearchParams({
      resource,
      view: 'details',
      userId: String(viewer.userId),
      companyId: String(viewer.companyId),
      selectedIds: String(id),
      isShared: 'false',
      token: await signViewerToken(options.panelJwtSecret, viewer, nowSeconds()),
    })
    let response: Response
    try {
      response = await fetchImpl(`${relay}/pipedrive/v1/panel?${query.toString()}`, {
        redirect: 'manual',
        signal: AbortSignal.timeout(PIPEDRIVE_LIMIT_MS),
      })
    } catch (error) {
      return {
        failed: error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'network',
      }
    }
    const text = await response.text()
    try {
      return { status: response.status, body: JSON.parse(text) as unknown }
    } catch {
      return { failed: 'not_json' }
    }
  }

  async function customPanelSrc(
    resource: Resource,
    id: number,
    runtimeId: string,
    theme: HostTheme
  ) {
    const query = new URLSearchParams({
      id: runtimeId,
      userId: String(viewer.userId),
      companyId: String(viewer.companyId),
      resource,
      view: 'details',
      selectedIds: String(id),
      theme,
      token: await signViewerToken(options.customPanelJwtSecret, viewer, nowSeconds()),
    })
    return `${relay}/pipedrive/panel?${query.toString()}`
  }

  const app = new Hono()
  app.use('*', async (c, next) => {
    await next()
    c.header('content-security-policy', csp)
    c.header('x-content-type-options', 'nosniff')
  })
  app.get('/', (c) => c.html(indexPage(data)))
  app.get('/favicon.ico', (c) => c.body(null, 204))
  app.get('/host.js', (c) =>
    c.body(hostScript, 200, { 'content-type': 'text/javascript; charset=utf-8' })
  )
  app.get('/host.css', (c) =>
    c.body(hostStyles, 200, { 'content-type': 'text/css; charset=utf-8' })
  )
  app.get('/:resource/:id{[0-9]+}', async (c) => {
    const resource = c.req.param('resource')
    if (!RESOURCES.includes(resource)) return c.text('Not found', 404)
    const id = Number(c.req.param('id'))
    if (recordFacts(data, resource as Resource, id) === undefined)
      return c.text(`No such ${resource}`, 404)
    const theme: HostTheme = c.req.query('theme') === 'dark' ? 'dark' : 'light'
    const runtimeId = randomUUID()
    const [answer, panelSrc] = await Promise.all([
      askJsonPanel(resource as Resource, id),
      customPanelSrc(resource as Resource, id, runtimeId, theme),
    ])
    const live =
      resource === 'deal' && options.pipedrive !== undefined
        ? await liveDeal(options.pipedrive, viewer.userId, id)
        : undefined
    // The deal's fields as its Pipedrive holds them now: the actions below change them.
    const record = recordFacts(data, resource as Resource, id, live)
    if (record === undefined) return c.text(`No such ${resource}`, 404)
    const actions =
      live === undefined || options.pipedrive === undefined
        ? undefined
        : dealActionsMarkup(live, data.stages, options.pipedrive.dispatcher.deliveries)
    const hostData: HostData = {
      runtimeId,
      theme,
      initTimeoutMs: options.initTimeoutMs ?? PIPEDRIVE_LIMIT_MS,
      panelOrigin: relayOrigin,
    }
    return c.html(
      detailPage({
        resource: resource as Resource,
        ...record,
        jsonPanel: renderJsonPanel(answer, options.schema),
        panelSrc,
        hostData,
        actions,
      })
    )
  })
  app.post('/deal/:id{[0-9]+}/action', async (c) => {
    // Only the host's own page may act, as only Pipedrive's own page changes its deals.
    if (c.req.header('origin') !== origin()) return c.json({ error: 'forbidden' }, 403)
    const pipedrive = options.pipedrive
    if (pipedrive === undefined) return c.text('No Pipedrive behind these pages', 404)
    const id = Number(c.req.param('id'))
    const action = dealActionSchema.safeParse(await c.req.parseBody())
    if (!action.success) return c.text('Not a deal action', 400)
    const deal = await liveDeal(pipedrive, viewer.userId, id)
    if (deal === undefined) return c.text(`No such deal`, 404)
    const status = await applyDealAction(pipedrive, viewer.userId, deal, data.stages, action.data)
    if (status !== 200) return c.text(`Pipedrive answered ${status}`, 409)
    return c.redirect(`/deal/${id}`, 303)
  })
  app.post('/token', async (c) => {
    // Only the host page may ask, as only Pipedrive's own page can reach Pipedrive's servers.
    if (c.req.header('origin') !== origin()) return c.json({ error: 'forbidden' }, 403)
    return c.json({
      token: await signViewerToken(options.customPanelJwtSecret, viewer, nowSeconds()),
    })
  })
  return app
}

export async function startPipedriveHost(
  options: PipedriveHostOptions
): Promise<RunningPipedriveHost> {
  const hostname = options.host ?? '127.0.0.1'
  let url = ''
  const app = createPipedriveHostApp(options, () => url)
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, hostname, port: options.port ?? 0 }, () =>
      resolve(started)
    )
    started.once('error', reject)
  })
  url = `http://${hostname}:${(server.address() as AddressInfo).port}`
  return {
    url,
    pageUrl: (resource, id, theme) =>
      `${url}/${resource}/${id}${theme === 'dark' ? '?theme=dark' : ''}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        if ('closeAllConnections' in server) server.closeAllConnections()
      }),
  }
}
