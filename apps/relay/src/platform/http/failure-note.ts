/**
 * @module platform/http/failure-note
 * The error a request was answered with, kept for its log line: routes that answer a failure in
 * their own format (an HTML page, Pipedrive's panel errors) note it here, as the relay's JSON error
 * answer does, so the request log (request-log.ts) can say why without any route logging on its
 * own.
 */
import type { Context } from 'hono'

const FAILURE = 'failure'

/** Remembers the error a route answered with (the last one wins). */
export function noteFailure(c: Context, error: unknown): void {
  c.set(FAILURE, error)
}

/** The noted error, else the one Hono's error handler caught, else undefined. */
export function notedFailure(c: Context): unknown {
  return (c.get(FAILURE) as unknown) ?? c.error
}
