/**
 * @module hosts/zendesk/webhooks/trigger-body
 * A delivery's raw bytes as core's trigger body, or a 400 that says what is wrong. Parsed only
 * after the signature is checked: an unsigned caller learns nothing about the expected shape.
 * JSON.parse keeps a `__proto__` key as a plain own property, and the schema copies only the
 * fields it names, so no key of the body reaches an object's prototype.
 */
import { zendeskTriggerBodySchema, type ZendeskTriggerBody } from '@intilery-connect/core'

import { RelayError } from '../../../platform/errors.ts'

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/** @throws RelayError `bad_request` when the body is not UTF-8, not JSON, or not a trigger body. */
export function parseTriggerBody(bytes: Uint8Array): ZendeskTriggerBody {
  let json: unknown
  try {
    json = JSON.parse(strictUtf8.decode(bytes))
  } catch {
    throw new RelayError('bad_request', 'The body is not JSON')
  }
  const parsed = zendeskTriggerBodySchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue === undefined || issue.path.length === 0 ? '' : `${issue.path.join('.')}: `
    throw new RelayError(
      'bad_request',
      `The body is not an Intilery Connect trigger body (${where}${issue?.message ?? 'invalid'}); use the trigger body \`relay zendesk webhook-setup\` prints`
    )
  }
  return parsed.data
}
