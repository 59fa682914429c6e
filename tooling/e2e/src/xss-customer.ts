/**
 * A customer whose every trait, event name and property is an XSS payload, made through the
 * sandbox's tracking ingest, for the "rendered as text" tests of both apps. What it is made of is
 * exported too: the tests check the apps show each piece, as text, where it belongs.
 */
import type { RunningSandbox } from '@intilery-connect/sandbox'

import { XSS_PAYLOADS } from './xss-payloads.ts'

const payload = (i: number) => XSS_PAYLOADS[i % XSS_PAYLOADS.length] ?? ''

/** The shown name: first and last name are the first two payloads. */
export const XSS_NAME = `${payload(0)} ${payload(1)}`

/** Its traits besides the name: one per payload, named `t<i> <payload>`, valued by another. */
export const XSS_TRAITS: Readonly<Record<string, string>> = Object.fromEntries(
  XSS_PAYLOADS.map((text, i) => [`t${i} ${text}`, payload(i + 7)])
)

/** Its events, newest first: one per payload, named by it, with two payload properties. */
export const XSS_EVENTS: readonly {
  readonly event: string
  readonly properties: Readonly<Record<string, string>>
}[] = XSS_PAYLOADS.map((text, i) => ({
  event: text,
  properties: { [text]: payload(i + 3), detail: payload(i + 11) },
}))

/** @returns the ingest's HTTP status (200 when the customer exists). */
export async function ingestXssCustomer(
  sandbox: RunningSandbox,
  userId: string,
  extraTraits: Record<string, string> = {}
): Promise<number> {
  const traits = { firstName: payload(0), lastName: payload(1), ...extraTraits, ...XSS_TRAITS }
  const events = XSS_EVENTS.map(({ event, properties }, i) => ({
    type: 'track',
    userId,
    event,
    properties,
    // A minute apart, newest first, so the timeline lists them in XSS_EVENTS' order.
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
