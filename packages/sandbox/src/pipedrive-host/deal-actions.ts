/**
 * @module pipedrive-host/deal-actions
 * A deal page's sales actions, as a rep makes them in Pipedrive: move the deal to the next stage,
 * mark it won, mark it lost with a reason. Each is a call to the local Pipedrive's API (`PATCH
 * /api/v2/deals/:id`, with the viewing user's personal API token, server-side), so the local
 * Pipedrive sends its webhooks (v2, Basic auth, retries) to whoever subscribed, the relay
 * included. The page shows the deal as the API has it now and the last webhook deliveries.
 */
import { z } from 'zod'

import type { PipedriveStage } from '../pipedrive/data.ts'
import type { DeliveryRecord } from '../pipedrive/webhooks/webhook-dispatcher.ts'
import { markup, type Markup } from './html.ts'

/** The local Pipedrive, as the host pages use it. */
export interface HostPipedrive {
  readonly url: string
  apiToken(userId: number): string
  readonly dispatcher: { readonly deliveries: readonly DeliveryRecord[] }
}

const liveDealSchema = z.object({
  id: z.number(),
  title: z.string(),
  value: z.number(),
  currency: z.string(),
  status: z.enum(['open', 'won', 'lost']),
  stage_id: z.number(),
  lost_reason: z.string().nullable(),
})
export type LiveDeal = z.infer<typeof liveDealSchema>

export const dealActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('next_stage') }),
  z.object({ action: z.literal('won') }),
  z.object({ action: z.literal('lost'), lost_reason: z.string().trim().min(1).max(255) }),
])

const SHOWN_DELIVERIES = 10

async function api(pipedrive: HostPipedrive, userId: number, path: string, init: RequestInit = {}) {
  return fetch(`${pipedrive.url}${path}`, {
    ...init,
    headers: { 'x-api-token': pipedrive.apiToken(userId), 'content-type': 'application/json' },
  })
}

export async function liveDeal(
  pipedrive: HostPipedrive,
  userId: number,
  id: number
): Promise<LiveDeal | undefined> {
  const answer = await api(pipedrive, userId, `/api/v2/deals/${id}`)
  if (!answer.ok) return undefined
  return liveDealSchema.parse(((await answer.json()) as { data?: unknown }).data)
}

/** The stage after `stageId` in its pipeline; undefined at the last one. */
export function nextStage(stages: readonly PipedriveStage[], stageId: number) {
  const current = stages.find((s) => s.id === stageId)
  return stages
    .filter((s) => s.pipeline_id === current?.pipeline_id && s.order_nr > (current?.order_nr ?? 0))
    .sort((a, b) => a.order_nr - b.order_nr)[0]
}

/** Applies the action through the API; resolves with the API's status. */
export async function applyDealAction(
  pipedrive: HostPipedrive,
  userId: number,
  deal: LiveDeal,
  stages: readonly PipedriveStage[],
  action: z.infer<typeof dealActionSchema>
): Promise<number> {
  let patch: Record<string, unknown>
  if (action.action === 'won') patch = { status: 'won' }
  else if (action.action === 'lost') patch = { status: 'lost', lost_reason: action.lost_reason }
  else {
    const next = nextStage(stages, deal.stage_id)
    if (next === undefined) return 409
    patch = { stage_id: next.id }
  }
  const answer = await api(pipedrive, userId, `/api/v2/deals/${deal.id}`, {
    method: 'PATCH',
    body: JSON.stringify(patch),
  })
  await answer.body?.cancel()
  return answer.status
}

const outcomeText = (d: DeliveryRecord) =>
  typeof d.outcome === 'number' ? `HTTP ${d.outcome}` : d.outcome

/** The actions' forms and the last deliveries, for the deal page's main column. */
export function dealActionsMarkup(
  deal: LiveDeal,
  stages: readonly PipedriveStage[],
  deliveries: readonly DeliveryRecord[]
): Markup {
  const next = nextStage(stages, deal.stage_id)
  const stage = stages.find((s) => s.id === deal.stage_id)?.name ?? `stage ${deal.stage_id}`
  const open = deal.status === 'open'
  const disabled = (off: boolean) => (off ? markup` disabled` : markup``)
  const rows = [...deliveries]
    .reverse()
    .slice(0, SHOWN_DELIVERIES)
    .map(
      (d) =>
        markup`<tr class="${d.ok ? 'ok' : 'failed'}"><td>${d.at.slice(11, 19)}</td><td>${d.action}.${d.entity} #${d.entityId}</td><td>${d.attempt}</td><td>${outcomeText(d)}</td></tr>`
    )
  return markup`<section class="pd-box" id="deal-actions" aria-label="Deal actions">
<h2>Deal actions</h2>
<p>Stage: <strong id="deal-stage">${stage}</strong> · Status: <strong id="deal-status">${deal.status}</strong>${deal.lost_reason === null ? '' : markup` (${deal.lost_reason})`}</p>
<form method="post" action="/deal/${deal.id}/action" class="pd-actions">
<button type="submit" name="action" value="next_stage"${disabled(!open || next === undefined)}>Move to ${next?.name ?? 'next stage'}</button>
<button type="submit" name="action" value="won"${disabled(!open)}>Mark won</button>
</form>
<form method="post" action="/deal/${deal.id}/action" class="pd-actions">
<input type="hidden" name="action" value="lost">
<label for="lost-reason">Lost reason</label>
<input id="lost-reason" name="lost_reason" maxlength="255" required>
<button type="submit"${disabled(!open)}>Mark lost</button>
</form>
<h2>Webhook deliveries (newest first)</h2>
${
  rows.length === 0
    ? markup`<p id="no-deliveries">None yet. Reload after an action to see its delivery.</p>`
    : markup`<table id="deliveries"><thead><tr><th>Time</th><th>Event</th><th>Attempt</th><th>Answer</th></tr></thead><tbody>${rows}</tbody></table>`
}
</section>`
}
