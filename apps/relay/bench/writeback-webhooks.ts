/**
 * bench:writeback's Zendesk: trigger deliveries built from core's trigger body (as webhook-setup
 * prints it, rendered as Zendesk renders it), signed as Zendesk signs them (base64 HMAC-SHA256 of
 * the timestamp and the raw body, with node:crypto, independently of the relay's check), and sent
 * to the relay. Every new delivery is a new ticket's event, so each makes one distinct messageId;
 * a repeat is either Zendesk's retry of one invocation or a second invocation of the same event.
 */
import { randomUUID } from 'node:crypto'

import { zendeskTriggerBody } from '@intilery-connect/core'
import { z } from 'zod'

import {
  EVENT_MIX,
  signedHeaders,
  stamp,
} from '../src/hosts/zendesk/webhooks/test/zendesk-signer.ts'
import { post, type Answer } from './http-load.ts'
import { writebackSettings } from './writeback-settings.ts'

export interface Delivery {
  readonly ticketId: string
  readonly invocationId: string
  readonly body: string
}

/** What the relay answered, as the bench tallies it. */
export type AckKind = 'stored' | 'duplicate' | 'repeated' | 'ignored' | 'refused' | 'no answer'

export interface Ack {
  readonly answer: Answer
  readonly kind: AckKind
}

const webhookAnswer = z.object({
  stored: z.number(),
  duplicates: z.number(),
  repeated: z.boolean().optional(),
  ignored: z.string().optional(),
})

function kindOf(answer: Answer): AckKind {
  if (answer.status === 0) return 'no answer'
  if (answer.status !== 200) return 'refused'
  let parsed
  try {
    parsed = webhookAnswer.safeParse(JSON.parse(answer.body))
  } catch {
    return 'refused'
  }
  if (!parsed.success) return 'refused'
  const { stored, duplicates, repeated, ignored } = parsed.data
  if (repeated === true) return 'repeated'
  if (stored > 0) return 'stored'
  if (duplicates > 0) return 'duplicate'
  return ignored === undefined ? 'refused' : 'ignored'
}

export class ZendeskSender {
  private tickets = 0
  /** Every ticket a delivery was made for: the distinct events Intilery must end up with. */
  readonly sent = new Set<string>()
  private readonly firstUpdate = Date.now() - 3_600_000

  constructor(
    /** Where deliveries go: changed when the bench starts another relay over the same database. */
    public relayUrl: string,
    private readonly subdomain: string,
    private readonly signingSecret: string
  ) {}

  /** A new ticket's event (created, solved, reopened or rated), about one of the requesters. */
  next(): Delivery {
    const n = (this.tickets += 1)
    const ticketId = String(100_000 + n)
    const kind = EVENT_MIX[n % EVENT_MIX.length]
    if (kind === undefined) throw new Error('no trigger event to send')
    const { event, status, rating } = kind
    const requester = n % writebackSettings.requesters
    const body = zendeskTriggerBody(event, {
      ticketId,
      status,
      updatedAt: stamp(this.firstUpdate + n * 1000),
      requesterEmail: `wb.requester.${requester}@example.com`,
      requesterExternalId: `wb-requester-${requester}`,
      rating,
    })
    this.sent.add(ticketId)
    return { ticketId, invocationId: randomUUID(), body }
  }

  /** The same event again: Zendesk's retry (same invocation) or a second invocation of it. */
  static repeat(delivery: Delivery, sameInvocation: boolean): Delivery {
    return sameInvocation ? delivery : { ...delivery, invocationId: randomUUID() }
  }

  /** POSTs one delivery, signed now. */
  async send(delivery: Delivery): Promise<Ack> {
    const answer = await post(
      `${this.relayUrl}/zendesk/v1/webhooks?subdomain=${encodeURIComponent(this.subdomain)}`,
      signedHeaders(
        this.signingSecret,
        delivery.body,
        Date.now(),
        delivery.invocationId,
        '01HBENCHWRITEBACK0000000000'
      ),
      delivery.body
    )
    return { answer, kind: kindOf(answer) }
  }

  /** `count` new deliveries, `concurrency` at a time (a bulk update, or a backlog being made). */
  async flood(count: number, concurrency: number): Promise<Ack[]> {
    const acks: Ack[] = []
    let left = count
    const worker = async () => {
      while (left > 0) {
        left -= 1
        acks.push(await this.send(this.next()))
      }
    }
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker))
    return acks
  }
}

/** `{ stored: 1980, duplicate: 50, … }` and `{ 200: 2030 }` of a list of acknowledgements. */
export function tallyAcks(acks: readonly Ack[]) {
  const kinds: Partial<Record<AckKind, number>> = {}
  const statuses: Record<string, number> = {}
  for (const { answer, kind } of acks) {
    kinds[kind] = (kinds[kind] ?? 0) + 1
    statuses[String(answer.status)] = (statuses[String(answer.status)] ?? 0) + 1
  }
  return { kinds, statuses }
}
