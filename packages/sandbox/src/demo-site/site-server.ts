/**
 * @module demo-site/site-server
 * A small shop-and-blog site that plays the Profile API spec's personalization example with the
 * relay: its server signs in a demo customer, asks `POST /v1/personalize` with its API key for the
 * `favorite_blog_category` computed trait and renders "Recommended posts" from it; the visitor's
 * browser reads "You looked at these" from `GET /v1/visitor/context` with a token this server
 * signed for that customer alone (`@intilery-connect/personalize`). Binds 127.0.0.1.
 *
 * Demo-only sessions: a cookie naming one of two customers. A real site has its own sign-in.
 */
import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'

import { serve } from '@hono/node-server'
import { browserBundle } from '@intilery-connect/personalize/build'
import { signVisitorToken } from '@intilery-connect/personalize/server'
import { Hono, type Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'

import { markup } from '../pipedrive-host/html.ts'
import { JOURNAL } from '../seed/journal.ts'
import { SEEDED } from '../seed/seeded.ts'
import { homePage, signInPage, type DemoVisitor, type ServerPersonalization } from './site-pages.ts'

export interface DemoSiteOptions {
  readonly relayUrl: string
  /** A relay API key with the `profiles` scope (the site's server-side calls). */
  readonly apiKey: string
  /** The site as registered with the relay (`relay sites add`, or the tenants file). */
  readonly siteId: string
  readonly siteSecret: string
  readonly port?: number | undefined
}

export interface RunningDemoSite {
  readonly url: string
  stop(): Promise<void>
}

export const DEMO_VISITORS: readonly DemoVisitor[] = [
  { key: 'joe', userId: SEEDED.joeBloggs.userId, label: 'Joe Bloggs' },
  { key: 'eleanor', userId: SEEDED.highValue.userId, label: 'Eleanor Whitfield' },
]
const SESSION = 'hp_session'
/** A page waits this long for the relay, then renders without its recommendations. */
const RELAY_WAIT_MS = 3_000

const read = (file: string) => readFileSync(new URL(file, import.meta.url), 'utf8')

/** The spec's server-side pattern: one call for every personalization the page needs. */
async function personalizeOnServer(
  options: DemoSiteOptions,
  userId: string
): Promise<ServerPersonalization> {
  try {
    const response = await fetch(new URL('/v1/personalize', options.relayUrl), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.apiKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        identity: { userId },
        traits: ['firstName', 'favorite_blog_category'],
      }),
      signal: AbortSignal.timeout(RELAY_WAIT_MS),
    })
    if (!response.ok) return { ok: false, reason: `the relay answered ${response.status}` }
    const body = (await response.json()) as { traits?: Record<string, unknown> }
    const { firstName, favorite_blog_category: category } = body.traits ?? {}
    return {
      ok: true,
      ...(typeof firstName === 'string' ? { firstName } : {}),
      ...(typeof category === 'string' ? { blogCategory: category } : {}),
    }
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.name : 'no answer' }
  }
}

export function createDemoSiteApp(options: DemoSiteOptions, personalizeJs: string) {
  const app = new Hono()
  const relayOrigin = new URL(options.relayUrl).origin
  app.use('*', async (c, next) => {
    await next()
    c.header(
      'content-security-policy',
      `default-src 'none'; script-src 'self'; style-src 'self'; connect-src ${relayOrigin}; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`
    )
    c.header('referrer-policy', 'no-referrer')
  })
  const visitorOf = (key: string | undefined) => DEMO_VISITORS.find((v) => v.key === key)

  app.get('/', async (c) => {
    const visitor = visitorOf(getCookie(c, SESSION))
    if (visitor === undefined) return c.html(signInPage(DEMO_VISITORS))
    const [personalization, token] = await Promise.all([
      personalizeOnServer(options, visitor.userId),
      signVisitorToken({
        siteId: options.siteId,
        secret: options.siteSecret,
        userId: visitor.userId,
      }),
    ])
    c.header('cache-control', 'private, no-store')
    return c.html(homePage({ visitor, personalization, relayUrl: options.relayUrl, token }))
  })
  app.post('/sign-in', async (c) => {
    const form = await c.req.parseBody()
    const visitor = visitorOf(typeof form.who === 'string' ? form.who : undefined)
    if (visitor === undefined) return c.text('No such demo customer', 400)
    setCookie(c, SESSION, visitor.key, { httpOnly: true, sameSite: 'Strict', path: '/' })
    return c.redirect('/', 303)
  })
  app.post('/sign-out', (c) => {
    deleteCookie(c, SESSION, { path: '/' })
    return c.redirect('/', 303)
  })
  app.get('/journal/:slug', (c) => {
    const post = JOURNAL.find((p) => p.path === `/journal/${c.req.param('slug')}`)
    if (post === undefined) return c.text('No such post', 404)
    return c.html(
      markup`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${post.title}</title><link rel="stylesheet" href="/site.css"></head><body><main><p><a href="/">Harbour &amp; Pine</a></p><h1>${post.title}</h1><p>${post.summary}</p></main></body></html>`
    )
  })
  const asset = (type: string, body: string) => (c: Context) =>
    c.body(body, 200, { 'content-type': type, 'cache-control': 'no-cache' })
  app.get('/personalize.js', asset('text/javascript; charset=utf-8', personalizeJs))
  app.get('/site.js', asset('text/javascript; charset=utf-8', read('./site-client.js')))
  app.get('/site.css', asset('text/css; charset=utf-8', read('./site.css')))
  return app
}

export async function startDemoSite(options: DemoSiteOptions): Promise<RunningDemoSite> {
  const app = createDemoSiteApp(options, await browserBundle())
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve(
      { fetch: app.fetch, hostname: '127.0.0.1', port: options.port ?? 0 },
      () => resolve(started)
    )
    started.once('error', reject)
  })
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        if ('closeAllConnections' in server) server.closeAllConnections()
      }),
  }
}
