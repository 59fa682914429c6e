/**
 * A customer whose every trait, event name and property is an XSS payload, made through the
 * sandbox's tracking ingest, for the "rendered as text" tests of both apps.
 */
import type { RunningSandbox } from '@intilery-connect/sandbox'

import { XSS_PAYLOADS } from './xss-payloads.ts'

const payload = (i: number) => XSS_PAYLOADS[i % XSS_PAYLOADS.length] ?? ''

/** @returns the ingest's HTTP status (200 when the customer exists). */
export async function ingestXssCustomer(
  sandbox: RunningSandbox,
  userId: string,
  extraTraits: Record<string, string> = {}
): Promise<number> {
  const traits: Record<string, string> = {
    firstName: payload(0),
    lastName: payload(1),
    ...extraTraits,
  }
  for (const [i, text] of XSS_PAYLOADS.entries()) traits[`t${i} ${text}`] = payload(i + 7)
  const events = XSS_PAYLOADS.map((text, i) => ({
    type: 'track',
    userId,
    event: text,
    properties: { [text]: payload(i + 3), detail: payload(i + 11) },
    timestamp: new Date(Date.now() - i * 60_000).toISOString(),
  }))
  const answer = await fetch(`${sandbox.apiRoot}/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'auth-token': sandbox.config.authToken },
    body: JSON.stringify({ batch: [{ type: 'identify', userId, traits }, ...events] }),
  })
  await answer.body?.cancel()
  return answer.status
}
