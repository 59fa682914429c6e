/**
 * @module hosts/pipedrive/api/crm-webhooks
 * The write-back's Pipedrive calls, on the `pipedrive` npm client beside the panels' (kept apart
 * so pipedrive-client.ts stays one concern): the app's webhooks (`/v1/webhooks`, which needs the
 * `webhooks:full` scope, or the older `admin`) and the stage and pipeline names (`GET
 * /api/v2/stages`, `/api/v2/pipelines`, in `deals:read`).
 */
import * as v1 from 'pipedrive/v1'
import * as v2 from 'pipedrive/v2'
import { z } from 'zod'

import type { CallLimits } from './call-limits.ts'
import { call, dataOf, NotFound } from './pipedrive-client.ts'
import {
  pipedriveWebhookSchema,
  type PipedriveWebhooksApi,
  type StageDirectory,
} from './pipedrive-port.ts'

/** Pipedrive's largest v2 page: a company with more stages than this is not one we know of. */
const PAGE = 500

export function crmWebhooks(
  limits: CallLimits,
  config: (signal: AbortSignal) => Promise<v1.Configuration>
): PipedriveWebhooksApi {
  return {
    async list() {
      const answer = await call('reading webhooks', limits, async (signal) =>
        new v1.WebhooksApi(await config(signal)).getWebhooks()
      )
      return z.array(pipedriveWebhookSchema).nullish().parse(dataOf(answer)) ?? []
    },
    async add(webhook) {
      const answer = await call('adding a webhook', limits, async (signal) =>
        new v1.WebhooksApi(await config(signal)).addWebhook({
          AddWebhookRequest: {
            subscription_url: webhook.subscriptionUrl,
            event_action: webhook.eventAction,
            event_object: webhook.eventObject,
            name: webhook.name,
            http_auth_user: webhook.httpAuthUser,
            http_auth_password: webhook.httpAuthPassword,
            version: '2.0',
          },
        })
      )
      return pipedriveWebhookSchema.parse(dataOf(answer))
    },
    async remove(id) {
      try {
        await call('removing a webhook', limits, async (signal) =>
          new v1.WebhooksApi(await config(signal)).deleteWebhook({ id })
        )
      } catch (error) {
        if (!(error instanceof NotFound)) throw error
      }
    },
  }
}

const page = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item).nullish() }).transform((answer) => answer.data ?? [])

export async function readStageDirectory(
  limits: CallLimits,
  config: (signal: AbortSignal) => Promise<v2.Configuration>
): Promise<StageDirectory> {
  const [stages, pipelines] = await Promise.all([
    call('reading stages', limits, async (signal) =>
      new v2.StagesApi(await config(signal)).getStages({ limit: PAGE })
    ),
    call('reading stages', limits, async (signal) =>
      new v2.PipelinesApi(await config(signal)).getPipelines({ limit: PAGE })
    ),
  ])
  const stageList = page(z.object({ id: z.number(), name: z.string(), pipeline_id: z.number() }))
  const pipelineList = page(z.object({ id: z.number(), name: z.string() }))
  return {
    stages: new Map(
      stageList.parse(stages).map((s) => [s.id, { name: s.name, pipelineId: s.pipeline_id }])
    ),
    pipelines: new Map(pipelineList.parse(pipelines).map((p) => [p.id, p.name])),
  }
}
