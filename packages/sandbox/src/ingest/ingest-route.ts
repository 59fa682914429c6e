import type { Context } from 'hono'

import { apiError } from '../profile-api/api-error.ts'
import type { CustomerStore } from '../store/customer-store.ts'
import { applyMessage } from './apply-message.ts'
import {
  type IngestMessage,
  MessageError,
  parseBatch,
  parseMessage,
  type MessageKind,
} from './messages.ts'

export const INGEST_KINDS = ['identify', 'track', 'page', 'screen', 'batch'] as const
export type IngestKind = (typeof INGEST_KINDS)[number]

export function isIngestKind(segment: string): segment is IngestKind {
  return (INGEST_KINDS as readonly string[]).includes(segment)
}

/** `POST …/v1/{identify|track|page|screen|batch}`: validates, then applies every message at once. */
export async function ingest(
  c: Context,
  store: CustomerStore,
  kind: IngestKind,
  now: () => number
) {
  const type = c.req.header('content-type') ?? ''
  if (!type.toLowerCase().startsWith('application/json')) {
    return apiError(c, 400, 'invalid_request_error', 'content-type must be application/json')
  }
  let body: unknown
  try {
    body = JSON.parse(await c.req.text())
  } catch {
    return apiError(c, 400, 'invalid_request_error', 'The request body is not valid JSON')
  }
  let messages: IngestMessage[]
  try {
    messages =
      kind === 'batch' ? parseBatch(body) : [parseMessage(kind satisfies MessageKind, body)]
  } catch (error) {
    if (error instanceof MessageError) return apiError(c, 400, 'validation_error', error.message)
    throw error
  }
  const results = messages.map((message) => applyMessage(store, message, now()))
  return c.json({ success: true, accepted: results.length })
}
