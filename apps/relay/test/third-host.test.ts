// A host module the relay has never seen ("helpdesk": account ids are lower-case slugs, each
// with a shared secret, and one table of its own) plugs into the shared parts with no change to
// them: the store links its accounts (sealed secrets, lookups by the host's rules), the migration
// set takes its migration, and createApp mounts its routes, reads customers through the shared
// customer routes behind its own authentication, and documents them.
import { startSandbox, type RunningSandbox } from '@intilery-connect/sandbox'
import type { Kysely, Migration } from 'kysely'
import { createMiddleware } from 'hono/factory'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { z } from 'zod'

import { createApp } from '../src/app.ts'
import { customerReadRoutes } from '../src/customers/customer-read-routes.ts'
import type { HostApp } from '../src/hosts/host-module.ts'
import { createHasher } from '../src/platform/crypto/hmac.ts'
import { createSecretBox } from '../src/platform/crypto/secret-box.ts'
import { UnauthenticatedError } from '../src/platform/errors.ts'
import type { RelayEnv } from '../src/platform/http/caller.ts'
import { documentedRoutes } from '../src/platform/openapi/documented-routes.ts'
import type { TenantDirectory } from '../src/ports.ts'
import { openDatabase } from '../src/store/database.ts'
import { joinMigrations, migrateToLatest, sharedMigrations } from '../src/store/migrations.ts'
import type { Schema } from '../src/store/schema.ts'
import type { LinkRulebook } from '../src/store/tenant-schema.ts'
import { createTenantStore } from '../src/store/tenant-store.ts'
import { AUDIT_KEY, ENCRYPTION_KEY } from '../src/store/suite/context.ts'
import { directUpstream } from './app-harness.ts'

const HELPDESK = 'helpdesk'
const SECRET = 'helpdesk-shared-secret'

const rulebook: LinkRulebook = new Map([
  [
    HELPDESK,
    {
      label: 'helpdesk site',
      accountId: z
        .string()
        .regex(/^[a-z][a-z0-9-]*$/i)
        .transform((s) => s.toLowerCase()),
      secret: true,
    },
  ],
])

const helpdeskTable: Migration = {
  async up(db) {
    await db.schema
      .createTable('helpdesk_agents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .execute()
  },
}

/** The host's own caller check: `x-helpdesk-site` and its shared secret, as headers. */
function helpdeskAuth(directory: TenantDirectory) {
  return createMiddleware<RelayEnv>(async (c, next) => {
    const site = c.req.header('x-helpdesk-site') ?? ''
    const found = await directory.findByLink(HELPDESK, site)
    if (found === undefined || found.secret !== c.req.header('x-helpdesk-secret'))
      throw new UnauthenticatedError('unknown_installation')
    c.set('caller', {
      tenant: found.tenant,
      channel: HELPDESK,
      callerId: `${HELPDESK}:${site}`,
      traitAllowlist: '*',
    })
    await next()
  })
}

const helpdeskApp: HostApp = {
  name: HELPDESK,
  routes(app) {
    const routes = documentedRoutes<RelayEnv>()
    routes.openAPIRegistry.registerComponent('securitySchemes', 'helpdeskSecret', {
      type: 'apiKey',
      in: 'header',
      name: 'x-helpdesk-secret',
    })
    routes.use('*', helpdeskAuth(app.tenants))
    routes.route('/v1', customerReadRoutes(app, 'helpdeskSecret'))
    return routes
  },
}

let sandbox: RunningSandbox
let app: ReturnType<typeof createApp>
let applied: string[]
const audit: { channel: string; caller: string }[] = []

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
  const db: Kysely<Schema> = openDatabase(':memory:')
  applied = await migrateToLatest(
    db,
    joinMigrations([sharedMigrations, { '0900_helpdesk_agents': helpdeskTable }])
  )
  const tenants = createTenantStore({
    db,
    secretBox: await createSecretBox(ENCRYPTION_KEY),
    now: Date.now,
    rulebook,
  })
  const { clientId, accountId, brandId, authToken } = sandbox.config
  await tenants.upsert({
    id: 'acme',
    name: 'Acme',
    intilery: { baseUrl: sandbox.url, clientId, accountId, brandId, authToken },
    links: [{ host: HELPDESK, accountId: 'Acme-Support', secret: SECRET }],
  })
  const upstream = directUpstream(sandbox)
  app = createApp({
    tenants,
    apiKeys: { verify: () => Promise.resolve(undefined) },
    audit: { record: (entry) => Promise.resolve(void audit.push(entry)) },
    store: { ping: () => Promise.resolve() },
    upstreamFor: () => upstream,
    hasher: await createHasher(AUDIT_KEY),
    hosts: [helpdeskApp],
    config: { allowedOrigins: [], frameAncestors: [], requestDeadlineMs: 3_000 },
  })
})
afterAll(() => sandbox.stop())

it('runs the host’s migration in order with the shared ones', () => {
  expect(applied).toEqual([...Object.keys(sharedMigrations), '0900_helpdesk_agents'])
})

it('reads a customer for a linked site, through the shared customer routes', async () => {
  const answer = await app.request('/helpdesk/v1/context?email=joe.bloggs@intilery.com', {
    headers: { 'x-helpdesk-site': 'acme-support', 'x-helpdesk-secret': SECRET },
  })
  expect(answer.status).toBe(200)
  const body = (await answer.json()) as { match: string; profiles: { emails: string[] }[] }
  expect(body.match).toBe('one')
  expect(body.profiles[0]?.emails).toContain('joe.bloggs@intilery.com')
  expect(audit.at(-1)).toMatchObject({ channel: HELPDESK, caller: `${HELPDESK}:acme-support` })
})

it('refuses an unknown site or a wrong secret', async () => {
  for (const headers of [
    { 'x-helpdesk-site': 'globex', 'x-helpdesk-secret': SECRET },
    { 'x-helpdesk-site': 'acme-support', 'x-helpdesk-secret': 'guess' },
  ]) {
    const answer = await app.request('/helpdesk/v1/context?email=joe.bloggs@intilery.com', {
      headers,
    })
    expect(answer.status).toBe(401)
  }
})

it('documents the host’s routes and its security scheme', async () => {
  const doc = (await (await app.request('/openapi.json')).json()) as {
    paths: Record<string, { get?: { security?: unknown } }>
    components: { securitySchemes: Record<string, unknown> }
  }
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining(['/helpdesk/v1/context', '/helpdesk/v1/events', '/helpdesk/v1/traits'])
  )
  expect(doc.paths['/helpdesk/v1/context']?.get?.security).toEqual([{ helpdeskSecret: [] }])
  expect(Object.keys(doc.components.securitySchemes)).toContain('helpdeskSecret')
})
