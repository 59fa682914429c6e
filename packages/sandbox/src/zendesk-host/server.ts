/**
 * @module zendesk-host/server
 * The local Zendesk around the real built app: the preview page, ticket pages, the app's files,
 * a local copy of the ZAF SDK, and the secure-request proxy. The host is served on 127.0.0.1 and
 * the app on localhost (two origins, as in Zendesk, and both accepted by the SDK).
 */
import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize } from 'node:path'

import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { z } from 'zod'

import { demoTickets, distinctRequesters, type DemoTicket } from './demo-tickets.ts'
import { previewPage, ticketPage, type ColorScheme } from './host-page.ts'
import {
  ProxyRefusal,
  proxiedRequestSchema,
  proxySecureRequest,
  type Installation,
  type SecureScope,
} from './secure-proxy.ts'
import { TicketDesk } from './ticket-desk.ts'
import { ticketRoutes, ticketState } from './ticket-routes.ts'
import { ZendeskWebhookSender, type ZendeskWebhookOptions } from './webhook-delivery.ts'
import { zafSdkScript } from './zaf-sdk.ts'

/** What index.html loads from Zendesk's CDN; the local host answers it with its own copy. */
const CDN_SDK = 'https://static.zdassets.com/zendesk_app_framework_sdk/2.0/zaf_sdk.min.js'
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
}

const manifestSchema = z.object({ domainWhitelist: z.array(z.string()).default([]) })

/** The built app's domainWhitelist, as Zendesk reads it from the package (entries kept verbatim). */
export function manifestWhitelist(appDir: string): readonly string[] {
  return manifestSchema.parse(JSON.parse(readFileSync(join(appDir, 'manifest.json'), 'utf8')))
    .domainWhitelist
}

export interface ZendeskHostOptions {
  /** The built app (apps/zendesk/dist). */
  readonly appDir: string
  readonly subdomain: string
  /** Every setting of the installation, secure ones included (only the proxy reads those). */
  readonly settings: Readonly<Record<string, string>>
  /** The secure settings and where the proxy may substitute each (the manifest's `scopes`). */
  readonly secureScopes: Readonly<Record<string, readonly SecureScope[]>>
  /**
   * Zendesk takes the whitelist from the uploaded app's manifest, so by default so does this host
   * (appDir/manifest.json); pass a list only to play an app whose manifest says otherwise.
   */
  readonly domainWhitelist?: readonly string[] | undefined
  readonly port?: number | undefined
  readonly tickets?: readonly DemoTicket[] | undefined
  readonly locale?: string | undefined
  /** For the secure proxy and the webhook. */
  readonly fetch?: typeof fetch | undefined
  /**
   * The webhook the ticket page's buttons trigger (Admin Center's webhook and its signing secret).
   * Without it the buttons still change tickets and the page says nothing is sent.
   */
  readonly webhook?: ZendeskWebhookOptions | undefined
  /** The clock tickets are updated by (`ticket.updated_at`). */
  readonly now?: (() => Date) | undefined
}

export interface RunningZendeskHost {
  /** The preview page. */
  readonly url: string
  /** A ticket's page, in Zendesk's light theme unless `colorScheme` says dark. */
  ticketUrl(id: number, colorScheme?: ColorScheme): string
  stop(): Promise<void>
}

/** The host's webhook sender, or undefined when no webhook is set up. */
export function webhookSenderFor(options: ZendeskHostOptions): ZendeskWebhookSender | undefined {
  return options.webhook === undefined
    ? undefined
    : new ZendeskWebhookSender(options.webhook, options.fetch)
}

export function createZendeskHostApp(
  options: ZendeskHostOptions,
  port: () => number,
  webhook = webhookSenderFor(options)
) {
  const initialTickets = options.tickets ?? demoTickets()
  const desk = new TicketDesk(initialTickets, options.now ?? (() => new Date()))
  const requesters = distinctRequesters(initialTickets)
  const hostScript = readFileSync(new URL('host-client.js', import.meta.url), 'utf8')
  const install: Installation = {
    settings: options.settings,
    secureScopes: options.secureScopes,
    domainWhitelist: options.domainWhitelist ?? manifestWhitelist(options.appDir),
  }
  const visibleSettings = Object.fromEntries(
    Object.entries(options.settings).filter(([name]) => options.secureScopes[name] === undefined)
  )
  const hostOrigin = () => `http://127.0.0.1:${port()}`
  const app = new Hono()
  // Zendesk's pages and the app live on different origins: the host (and its proxy) only on
  // 127.0.0.1, the app's files only on localhost, so the app can neither reach into the host page
  // nor call the proxy as if it were Zendesk.
  app.use('*', async (c, next) => {
    const onAppHost = new URL(c.req.url).hostname === 'localhost'
    if (onAppHost !== c.req.path.startsWith('/app/')) return c.text('Not found', 404)
    return next()
  })

  app.get('/', (c) => c.html(previewPage(desk.list())))
  app.get('/favicon.ico', (c) => c.body(null, 204))
  app.get('/host.js', (c) => c.body(hostScript, 200, { 'content-type': TYPES['.js'] ?? '' }))
  app.get('/zaf_sdk.js', async (c) =>
    c.body(await zafSdkScript(), 200, { 'content-type': TYPES['.js'] ?? '' })
  )
  app.get('/tickets/:id', (c) => {
    const ticket = desk.list().find((t) => String(t.id) === c.req.param('id'))
    if (ticket === undefined) return c.text('No such ticket', 404)
    return c.html(
      ticketPage({
        ticket,
        requesters,
        state: ticketState(ticket),
        webhookUrl: webhook?.url ?? null,
        appUrl: `http://localhost:${port()}/app/assets/index.html`,
        hostOrigin: hostOrigin(),
        colorScheme: c.req.query('colorScheme') === 'dark' ? 'dark' : 'light',
        context: {
          product: 'support',
          location: 'ticket_sidebar',
          instanceGuid: `instance-${ticket.id}`,
          account: { subdomain: options.subdomain },
          ticketId: ticket.id,
        },
        metadata: {
          appId: 1,
          installationId: 1,
          name: 'Intilery Customer Profile',
          version: '0.1.0',
          settings: { title: 'Intilery', ...visibleSettings },
        },
        values: {
          'ticket.id': ticket.id,
          'ticket.subject': ticket.subject,
          'ticket.status': ticket.status,
          'ticket.requester': ticket.requester,
          'currentUser.id': 501,
          'currentUser.locale': options.locale ?? 'en-US',
          'comment.type': 'publicReply',
        },
      })
    )
  })
  app.get('/app/*', (c) => {
    const path = normalize(c.req.path.slice('/app/'.length))
    if (path.startsWith('..')) return c.text('Not found', 404)
    let body: Buffer
    try {
      body = readFileSync(join(options.appDir, path))
    } catch {
      return c.text('Not found', 404)
    }
    const type = TYPES[extname(path)] ?? 'application/octet-stream'
    if (extname(path) !== '.html')
      return c.body(new Uint8Array(body), 200, { 'content-type': type })
    // The local copy of the SDK instead of Zendesk's CDN, from the host's own origin.
    const html = body.toString('utf8').replace(CDN_SDK, `${hostOrigin()}/zaf_sdk.js`)
    return c.body(html, 200, { 'content-type': type })
  })
  app.route('/__zendesk', ticketRoutes({ desk, requesters, webhook, hostOrigin }))
  app.post('/__zendesk/proxy', async (c) => {
    // Only the host page may use the proxy, as only Zendesk's own page can reach Zendesk's.
    if (c.req.header('origin') !== hostOrigin()) return c.json({ error: 'forbidden' }, 403)
    const parsed = proxiedRequestSchema.safeParse(await c.req.json())
    if (!parsed.success) return c.json({ status: 400, body: 'Bad proxied request', headers: {} })
    try {
      return c.json(await proxySecureRequest(parsed.data, install, options.fetch))
    } catch (error) {
      const message = error instanceof ProxyRefusal ? error.message : 'The proxied request failed'
      return c.json({
        status: error instanceof ProxyRefusal ? 403 : 502,
        body: message,
        headers: {},
      })
    }
  })
  return app
}

export async function startZendeskHost(options: ZendeskHostOptions): Promise<RunningZendeskHost> {
  let port = options.port ?? 0
  const webhook = webhookSenderFor(options)
  const app = createZendeskHostApp(options, () => port, webhook)
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, () => resolve(started))
    // A port already taken rejects the start instead of crashing the process.
    started.once('error', reject)
  })
  port = (server.address() as AddressInfo).port
  const url = `http://127.0.0.1:${port}`
  return {
    url,
    ticketUrl: (id, colorScheme) =>
      `${url}/tickets/${id}${colorScheme === 'dark' ? '?colorScheme=dark' : ''}`,
    stop: () =>
      new Promise<void>((resolve) => {
        // No retry or duplicate goes out from a stopped host.
        webhook?.close()
        server.close(() => resolve())
        if ('closeAllConnections' in server) server.closeAllConnections()
      }),
  }
}
