/**
 * @module pipedrive/record-routes
 * The local Pipedrive's writes and its pipeline vocabulary, v2's shapes and envelope: `PATCH
 * /api/v2/deals/:id` (stage, status, lost reason…), `POST /api/v2/deals`, `POST /api/v2/persons`
 * (each sends the webhooks crm-records.ts makes), and `GET /api/v2/stages[/:id]`, `GET
 * /api/v2/pipelines[/:id]`. Behind the REST routes' token and scope checks.
 */
import { Hono, type Context } from 'hono'
import type { z } from 'zod'

import {
  type CrmRecords,
  dealPatchSchema,
  newDealSchema,
  newPersonSchema,
  RecordError,
} from './crm-records.ts'
import type { PipedriveDataset } from './data.ts'
import type { Grant } from './oauth-grants.ts'

type Env = { Variables: { grant: Grant } }

const ok = (c: Context, data: unknown, status: 200 | 201 = 200) =>
  c.json({ success: true, data, additional_data: null }, status)
const refused = (c: Context, status: 400 | 404, error: string) =>
  c.json({ success: false, error, data: null }, status)

async function bodyOf<S extends z.ZodType>(c: Context, schema: S) {
  return schema.safeParse(await c.req.json().catch(() => undefined))
}

export function recordRoutes(data: PipedriveDataset, records: CrmRecords) {
  const routes = new Hono<Env>()
  const write = (c: Context<Env>, run: () => unknown, status: 200 | 201 = 200) => {
    try {
      return ok(c, run(), status)
    } catch (error) {
      if (!(error instanceof RecordError)) throw error
      return refused(c, error.message.endsWith('not found') ? 404 : 400, error.message)
    }
  }

  routes.patch('/api/v2/deals/:id{[0-9]+}', async (c) => {
    const patch = await bodyOf(c, dealPatchSchema)
    if (!patch.success) return refused(c, 400, 'Not a deal update')
    const id = Number(c.req.param('id'))
    return write(c, () => records.updateDeal(id, patch.data, c.get('grant').userId))
  })
  routes.post('/api/v2/deals', async (c) => {
    const deal = await bodyOf(c, newDealSchema)
    if (!deal.success) return refused(c, 400, 'Not a deal')
    return write(c, () => records.addDeal(deal.data, c.get('grant').userId), 201)
  })
  routes.post('/api/v2/persons', async (c) => {
    const person = await bodyOf(c, newPersonSchema)
    if (!person.success) return refused(c, 400, 'Not a person')
    return write(c, () => records.addPerson(person.data, c.get('grant').userId), 201)
  })

  routes.get('/api/v2/stages', (c) => {
    const pipeline = c.req.query('pipeline_id')
    const stages = data.stages.filter(
      (s) => pipeline === undefined || s.pipeline_id === Number(pipeline)
    )
    return c.json({ success: true, data: stages, additional_data: { next_cursor: null } })
  })
  routes.get('/api/v2/stages/:id{[0-9]+}', (c) => {
    const stage = data.stages.find((s) => s.id === Number(c.req.param('id')))
    return stage === undefined ? refused(c, 404, 'Stage not found') : ok(c, stage)
  })
  routes.get('/api/v2/pipelines', (c) =>
    c.json({ success: true, data: data.pipelines, additional_data: { next_cursor: null } })
  )
  routes.get('/api/v2/pipelines/:id{[0-9]+}', (c) => {
    const pipeline = data.pipelines.find((p) => p.id === Number(c.req.param('id')))
    return pipeline === undefined ? refused(c, 404, 'Pipeline not found') : ok(c, pipeline)
  })
  return routes
}
