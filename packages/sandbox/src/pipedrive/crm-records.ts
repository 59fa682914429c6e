/**
 * @module pipedrive/crm-records
 * Changes to the local Pipedrive's deals and persons, and the webhook event each one makes: a
 * deal added or changed (stage, status won/lost with a reason, title, value), a person added.
 * A change event's `previous` holds the changed fields only, and an update that changes nothing
 * sends nothing, as webhooks v2 do (one change, one webhook).
 */
import { z } from 'zod'

import type { PipedriveDeal, PipedrivePerson, PipedriveStage } from './data.ts'
import type { CrmEvent } from './webhooks/webhook-dispatcher.ts'

export const dealPatchSchema = z
  .object({
    title: z.string().min(1).max(255),
    value: z.number().nonnegative(),
    stage_id: z.number().int(),
    status: z.enum(['open', 'won', 'lost']),
    lost_reason: z.string().max(255).nullable(),
  })
  .partial()
  .strict()

export const newDealSchema = z.object({
  title: z.string().min(1).max(255),
  value: z.number().nonnegative().default(0),
  currency: z.string().length(3).default('GBP'),
  person_id: z.number().int().nullable().default(null),
  org_id: z.number().int().nullable().default(null),
  stage_id: z.number().int().optional(),
})

export const newPersonSchema = z.object({
  name: z.string().min(1).max(255),
  emails: z
    .array(
      z.object({
        value: z.email(),
        primary: z.boolean().default(false),
        label: z.string().default('work'),
      })
    )
    .max(10)
    .default([]),
  org_id: z.number().int().nullable().default(null),
})

export class RecordError extends Error {
  override readonly name = 'RecordError'
}

export class CrmRecords {
  private readonly times = new Map<string, { add: string; update: string }>()

  constructor(
    private readonly deals: PipedriveDeal[],
    private readonly persons: PipedrivePerson[],
    private readonly stages: readonly PipedriveStage[],
    private readonly emit: (event: CrmEvent) => void,
    private readonly now: () => number
  ) {}

  /** The deal as the API and webhooks show it: with its times and (empty) custom fields. */
  dealView(deal: PipedriveDeal) {
    const times = this.timesOf(`deal:${deal.id}`)
    return { ...deal, add_time: times.add, update_time: times.update, custom_fields: {} }
  }

  personView(person: PipedrivePerson) {
    const times = this.timesOf(`person:${person.id}`)
    return { ...person, add_time: times.add, update_time: times.update, custom_fields: {} }
  }

  /** @throws RecordError for an unknown deal or stage. */
  updateDeal(id: number, patch: z.infer<typeof dealPatchSchema>, userId: number) {
    const index = this.deals.findIndex((d) => d.id === id)
    const deal = this.deals[index]
    if (deal === undefined) throw new RecordError('Deal not found')
    const changes = Object.fromEntries(
      Object.entries(patch).filter(([, value]) => value !== undefined)
    ) as Partial<PipedriveDeal>
    const next: PipedriveDeal = { ...deal, ...changes }
    if (patch.stage_id !== undefined) {
      const stage = this.stages.find((s) => s.id === patch.stage_id)
      if (stage === undefined) throw new RecordError('Stage not found')
      Object.assign(next, { pipeline_id: stage.pipeline_id })
    }
    // Reopening or winning clears the reason a deal was lost.
    if (patch.status !== undefined && patch.status !== 'lost')
      Object.assign(next, { lost_reason: null })
    const previous: Record<string, unknown> = {}
    for (const key of Object.keys(next) as (keyof PipedriveDeal)[])
      if (next[key] !== deal[key]) previous[key] = deal[key]
    if (Object.keys(previous).length === 0) return this.dealView(deal)
    this.deals[index] = next
    this.touch(`deal:${id}`)
    const view = this.dealView(next)
    this.emit({
      action: 'change',
      entity: 'deal',
      entityId: id,
      userId,
      data: view,
      previous,
      changeSource: 'app',
    })
    return view
  }

  addDeal(input: z.infer<typeof newDealSchema>, userId: number) {
    const stage = this.stages.find((s) => s.id === (input.stage_id ?? 1))
    if (stage === undefined) throw new RecordError('Stage not found')
    const deal: PipedriveDeal = {
      id: Math.max(0, ...this.deals.map((d) => d.id)) + 1,
      title: input.title,
      person_id: input.person_id,
      org_id: input.org_id,
      value: input.value,
      currency: input.currency,
      status: 'open',
      pipeline_id: stage.pipeline_id,
      stage_id: stage.id,
      lost_reason: null,
      owner_id: userId,
    }
    this.deals.push(deal)
    this.touch(`deal:${deal.id}`)
    const view = this.dealView(deal)
    this.emit({
      action: 'create',
      entity: 'deal',
      entityId: deal.id,
      userId,
      data: view,
      previous: null,
      changeSource: 'app',
    })
    return view
  }

  addPerson(input: z.infer<typeof newPersonSchema>, userId: number) {
    const [first, ...rest] = input.name.split(' ')
    const person: PipedrivePerson = {
      id: Math.max(0, ...this.persons.map((p) => p.id)) + 1,
      name: input.name,
      first_name: first ?? null,
      last_name: rest.length > 0 ? rest.join(' ') : null,
      org_id: input.org_id,
      emails: input.emails,
      phones: [],
    }
    this.persons.push(person)
    this.touch(`person:${person.id}`)
    const view = this.personView(person)
    this.emit({
      action: 'create',
      entity: 'person',
      entityId: person.id,
      userId,
      data: view,
      previous: null,
      changeSource: 'app',
    })
    return view
  }

  /** The stage after the deal's own in its pipeline; undefined at the last one. */
  nextStage(dealId: number): PipedriveStage | undefined {
    const deal = this.deals.find((d) => d.id === dealId)
    const current = this.stages.find((s) => s.id === deal?.stage_id)
    if (current === undefined) return undefined
    return this.stages
      .filter((s) => s.pipeline_id === current.pipeline_id && s.order_nr > current.order_nr)
      .sort((a, b) => a.order_nr - b.order_nr)[0]
  }

  private timesOf(key: string) {
    const seeded = new Date(Date.UTC(2026, 0, 1)).toISOString().replace(/\.\d+Z$/, 'Z')
    return this.times.get(key) ?? { add: seeded, update: seeded }
  }

  private touch(key: string): void {
    const at = new Date(this.now()).toISOString().replace(/\.\d+Z$/, 'Z')
    this.times.set(key, { add: this.times.get(key)?.add ?? at, update: at })
  }
}
