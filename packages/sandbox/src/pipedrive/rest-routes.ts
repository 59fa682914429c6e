/**
 * @module pipedrive/rest-routes
 * The Pipedrive REST endpoints the relay calls, with the API's envelope (`{ success, data,
 * additional_data }`) and error body (`{ success: false, error, error_info }`): v2 persons, deals
 * and organizations, v1 users/me and notes (notes have no v2 endpoint). Every call needs a live
 * OAuth access token (`Authorization: Bearer`) whose scopes cover it (scopes.ts), and a record
 * the token's user may not see is refused (visibility.ts).
 */
import { Hono, type Context } from 'hono'

import type { PipedriveDataset } from './data.ts'
import type { Grant, OAuthGrants } from './oauth-grants.ts'
import { requireScope } from './scopes.ts'
import { NOT_VISIBLE, type Visibility } from './visibility.ts'

export interface StoredNote {
  readonly id: number
  readonly content: string
  readonly person_id: number | null
  readonly deal_id: number | null
  readonly org_id: number | null
  readonly user_id: number
  readonly add_time: string
}

const ERROR_INFO = 'Please check developers.pipedrive.com for more information about Pipedrive API.'

const failure = (c: Context, status: 400 | 401 | 404, error: string) =>
  c.json(
    { success: false, error, error_info: ERROR_INFO, data: null, additional_data: null },
    status
  )

/** A record the token's user may not see (visibility.ts). */
const notVisible = (c: Context) =>
  c.json(
    {
      success: false,
      error: NOT_VISIBLE,
      errorCode: 403,
      error_info: ERROR_INFO,
      data: null,
      additional_data: null,
    },
    403
  )

const ok = (c: Context, data: unknown, status: 200 | 201 = 200) =>
  c.json({ success: true, data, additional_data: null }, status)

export type RestEnv = { Variables: { grant: Grant } }
type Env = RestEnv

export function restRoutes(
  data: PipedriveDataset,
  grants: OAuthGrants,
  company: { id: number; name: string; domain: string },
  notes: StoredNote[],
  now: () => number,
  visibility: Visibility,
  /** A user's personal API token (`x-api-token`), as Pipedrive's web app and scripts use. */
  personalToken: (token: string) => Grant | undefined = () => undefined,
  /** More API routes behind the same token and scope checks (webhooks, writes). */
  more: readonly Hono<Env>[] = []
) {
  const routes = new Hono<Env>()
  routes.use('/api/*', async (c, next) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1]
    const apiToken = c.req.header('x-api-token')
    const grant =
      bearer !== undefined
        ? grants.byAccessToken(bearer)
        : apiToken === undefined
          ? undefined
          : personalToken(apiToken)
    if (grant === undefined) {
      return c.json(
        { success: false, error: 'unauthorized access', errorCode: 401, error_info: ERROR_INFO },
        401
      )
    }
    c.set('grant', grant)
    await next()
    return undefined
  })
  routes.use('/api/*', requireScope())
  for (const extra of more) routes.route('/', extra)
  const id = (c: Context) => Number(c.req.param('id'))
  const sees = (c: Context<Env>, kind: 'person' | 'deal', recordId: number) =>
    visibility.canSee(c.get('grant').userId, kind, recordId)

  routes.get('/api/v1/users/me', (c) => {
    const user = data.users.find((u) => u.id === c.get('grant').userId)
    if (user === undefined) return failure(c, 404, 'User not found')
    return ok(c, {
      ...user,
      company_id: company.id,
      company_name: company.name,
      company_domain: company.domain,
      locale: 'en_GB',
      timezone_name: 'Europe/London',
      active_flag: true,
    })
  })

  routes.get('/api/v2/persons/:id', (c) => {
    const person = data.persons.find((p) => p.id === id(c))
    if (person === undefined) return failure(c, 404, 'Person not found')
    return sees(c, 'person', person.id) ? ok(c, person) : notVisible(c)
  })

  // Cursor paging as Pipedrive's v2 lists page (core-api-concepts-pagination): `limit` defaults
  // to 100 and may be at most 500; `cursor` is the opaque `next_cursor` of the page before, which
  // is null on the last page. Here the cursor is the offset of the next page's first person.
  routes.get('/api/v2/persons', (c) => {
    const orgId = c.req.query('org_id')
    const dealId = c.req.query('deal_id')
    const limit = Math.min(500, Number(c.req.query('limit') ?? 100))
    const cursor = c.req.query('cursor')
    const start = cursor === undefined ? 0 : Number(/^after:(\d+)$/.exec(cursor)?.[1] ?? NaN)
    if (!Number.isInteger(start)) return failure(c, 400, 'Invalid cursor')
    const deal = dealId === undefined ? undefined : data.deals.find((d) => d.id === Number(dealId))
    const matching = data.persons.filter(
      (p) =>
        sees(c, 'person', p.id) &&
        (orgId === undefined || p.org_id === Number(orgId)) &&
        (dealId === undefined || p.id === deal?.person_id)
    )
    const end = start + limit
    return c.json({
      success: true,
      data: matching.slice(start, end),
      additional_data: { next_cursor: matching.length > end ? `after:${end}` : null },
    })
  })

  routes.get('/api/v2/deals/:id', (c) => {
    const deal = data.deals.find((d) => d.id === id(c))
    if (deal === undefined) return failure(c, 404, 'Deal not found')
    return sees(c, 'deal', deal.id) ? ok(c, deal) : notVisible(c)
  })

  routes.get('/api/v2/organizations/:id', (c) => {
    const org = data.organizations.find((o) => o.id === id(c))
    return org === undefined ? failure(c, 404, 'Organization not found') : ok(c, org)
  })

  routes.post('/api/v1/notes', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>
    const ref = (key: string) => (typeof body[key] === 'number' ? body[key] : null)
    if (typeof body.content !== 'string' || body.content.trim() === '')
      return failure(c, 400, 'Note content is required')
    if (ref('person_id') === null && ref('deal_id') === null && ref('org_id') === null)
      return failure(c, 400, 'A note must belong to a deal, person, organization or lead')
    const note: StoredNote = {
      id: notes.length + 1,
      content: body.content,
      person_id: ref('person_id'),
      deal_id: ref('deal_id'),
      org_id: ref('org_id'),
      user_id: c.get('grant').userId,
      add_time: new Date(now()).toISOString().replace('T', ' ').slice(0, 19),
    }
    notes.push(note)
    return ok(c, note, 201)
  })

  routes.get('/api/v1/notes', (c) => {
    const personId = c.req.query('person_id')
    return ok(
      c,
      notes.filter((n) => personId === undefined || n.person_id === Number(personId))
    )
  })

  return routes
}
