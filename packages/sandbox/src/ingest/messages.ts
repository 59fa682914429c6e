/**
 * @module ingest/messages
 * The tracking API's messages, following the spec's anatomy: common fields (userId or anonymousId,
 * timestamp, messageId), a `context` object, and `properties` (events) or `traits` (identify).
 */
import { z } from 'zod'

const record = z.record(z.string(), z.unknown())
const id = z.string().min(1).max(1024)
const timestamp = z.iso.datetime({ offset: true, local: true }).or(z.iso.date())

const common = {
  userId: id.optional(),
  anonymousId: id.optional(),
  messageId: z.string().max(200).optional(),
  timestamp: timestamp.optional(),
  context: record.optional(),
  integrations: record.optional(),
}

export const identifyMessageSchema = z.looseObject({ ...common, traits: record.optional() })
export const trackMessageSchema = z.looseObject({
  ...common,
  event: z.string().trim().min(1, 'event is required for track calls').max(500),
  properties: record.optional(),
})
export const pageMessageSchema = z.looseObject({
  ...common,
  name: z.string().max(2000).optional(),
  category: z.string().max(500).optional(),
  properties: record.optional(),
})
export const screenMessageSchema = pageMessageSchema

export const MESSAGE_SCHEMAS = {
  identify: identifyMessageSchema,
  track: trackMessageSchema,
  page: pageMessageSchema,
  screen: screenMessageSchema,
} as const
export type MessageKind = keyof typeof MESSAGE_SCHEMAS

export const batchSchema = z.looseObject({
  batch: z
    .array(z.looseObject({ type: z.enum(['identify', 'track', 'page', 'screen']) }))
    .min(1, 'batch must hold at least one message')
    .max(500, 'batch holds at most 500 messages'),
  context: record.optional(),
})

export type IngestMessage = {
  kind: MessageKind
  userId?: string | undefined
  anonymousId?: string | undefined
  messageId?: string | undefined
  timestamp?: string | undefined
  context?: Record<string, unknown> | undefined
  event?: string | undefined
  name?: string | undefined
  properties?: Record<string, unknown> | undefined
  traits?: Record<string, unknown> | undefined
}

export class MessageError extends Error {
  override readonly name = 'MessageError'
}

function describe(error: z.ZodError, prefix: string): string {
  const issue = error.issues[0]
  const path = issue?.path.join('.') ?? ''
  return `${prefix}${path === '' ? '' : `${path}: `}${issue?.message ?? 'invalid message'}`
}

/**
 * Validates one message of `kind`.
 * @throws MessageError naming the first problem.
 */
export function parseMessage(kind: MessageKind, body: unknown, prefix = ''): IngestMessage {
  const parsed = MESSAGE_SCHEMAS[kind].safeParse(body)
  if (!parsed.success) throw new MessageError(describe(parsed.error, prefix))
  const message = parsed.data as Omit<IngestMessage, 'kind'>
  if (message.userId === undefined && message.anonymousId === undefined) {
    throw new MessageError(`${prefix}userId or anonymousId is required`)
  }
  return { ...message, kind }
}

/** Validates a batch and each message in it, with the batch-level context as a default. */
export function parseBatch(body: unknown): IngestMessage[] {
  const parsed = batchSchema.safeParse(body)
  if (!parsed.success) throw new MessageError(describe(parsed.error, ''))
  return parsed.data.batch.map((item, index) => {
    const message = parseMessage(item.type, item, `batch.${index}.`)
    return message.context === undefined && parsed.data.context !== undefined
      ? { ...message, context: parsed.data.context }
      : message
  })
}
