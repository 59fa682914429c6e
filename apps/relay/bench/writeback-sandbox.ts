/**
 * The Intilery sandbox for bench:writeback, served as startSandbox serves it, with a tap on its
 * tracking ingest: every `POST …/v1/batch` it accepts (200) is read once more here, and each
 * written-back message (a `zendesk:` messageId) is counted. The sandbox itself stores a repeated
 * messageId once, as Intilery does, so only the tap can tell a message sent twice from one sent
 * once; and the tap's arrival times give the delivery rate independent of the relay's start-up.
 *
 * The tap can also hold tracking batches (Intilery slow for a moment): the worker's batch in
 * flight waits, so webhooks pile up in the outbox, and opening it lets the worker drain them.
 */
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'

import { serve } from '@hono/node-server'
import { createSandbox, type RunningSandbox } from '@intilery-connect/sandbox'
import { z } from 'zod'

/** The part of a tracking batch the tap reads; anything else in it is the sandbox's business. */
const tappedBatch = z.object({
  batch: z.array(
    z.looseObject({
      messageId: z.string().optional(),
      properties: z.looseObject({ ticket_id: z.string().optional() }).optional(),
    })
  ),
})

/** Written-back messages only: the bench's own customer ingest goes through the same route. */
const WRITTEN_BACK = 'zendesk:'

export interface AcceptedBatch {
  /** performance.now() when the batch reached the sandbox (before its added latency). */
  readonly at: number
  readonly messages: number
}

export interface DeliveryTap {
  /** Times each written-back messageId was in an accepted batch. */
  readonly accepted: Map<string, number>
  /** The ticket ids of the accepted messages (a ticket has one event in this bench). */
  readonly tickets: Set<string>
  readonly batches: AcceptedBatch[]
  /** Accepted batches that did not parse as the tap expects (should stay 0). */
  unreadable: number
  /** Holds every tracking batch from now until open(). */
  hold(): void
  open(): void
}

export async function startTappedSandbox(): Promise<{
  sandbox: RunningSandbox
  tap: DeliveryTap
}> {
  const sandbox = createSandbox({ port: 0 })
  let held: { promise: Promise<void>; release: () => void } | undefined
  const tap: DeliveryTap = {
    accepted: new Map(),
    tickets: new Set(),
    batches: [],
    unreadable: 0,
    hold() {
      if (held !== undefined) return
      let release = () => {}
      const promise = new Promise<void>((resolve) => (release = resolve))
      held = { promise, release }
    },
    open() {
      held?.release()
      held = undefined
    },
  }
  const record = (at: number, text: string) => {
    let parsed
    try {
      parsed = tappedBatch.safeParse(JSON.parse(text))
    } catch {
      parsed = undefined
    }
    if (parsed?.success !== true) {
      tap.unreadable += 1
      return
    }
    let messages = 0
    for (const message of parsed.data.batch) {
      if (message.messageId?.startsWith(WRITTEN_BACK) !== true) continue
      messages += 1
      tap.accepted.set(message.messageId, (tap.accepted.get(message.messageId) ?? 0) + 1)
      const ticket = message.properties?.ticket_id
      if (ticket !== undefined) tap.tickets.add(ticket)
    }
    if (messages > 0) tap.batches.push({ at, messages })
  }
  const fetch = async (request: Request): Promise<Response> => {
    if (request.method !== 'POST' || !new URL(request.url).pathname.endsWith('/v1/batch'))
      return sandbox.app.fetch(request)
    await held?.promise
    const at = performance.now()
    const text = await request.clone().text()
    const response = await sandbox.app.fetch(request)
    if (response.status === 200) record(at, text)
    return response
  }
  const { host, maxRequestBytes } = sandbox.config
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve(
      {
        fetch,
        hostname: host,
        port: 0,
        serverOptions: { maxHeaderSize: maxRequestBytes + 64 * 1024 },
      },
      () => resolve(started)
    )
    started.once('error', reject)
  })
  const url = `http://${host}:${(server.address() as AddressInfo).port}`
  const { clientId, accountId, brandId } = sandbox.config
  const segment = encodeURIComponent
  const running: RunningSandbox = {
    ...sandbox,
    url,
    apiRoot: `${url}/track/${segment(clientId)}/${segment(accountId)}/${segment(brandId)}/v1`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        sandbox.hangs.releaseAll()
        tap.open()
        server.close((error) => (error ? reject(error) : resolve()))
        if ('closeAllConnections' in server) server.closeAllConnections()
      }),
  }
  return { sandbox: running, tap }
}

/** Written-back events the sandbox has stored (its dedupe by messageId applied), by messageId. */
export function storedWrittenBack(sandbox: RunningSandbox): Set<string> {
  const ids = new Set<string>()
  for (const customer of sandbox.store.all())
    for (const { event } of customer.events)
      if (event.eventId.startsWith(WRITTEN_BACK)) ids.add(event.eventId)
  return ids
}
