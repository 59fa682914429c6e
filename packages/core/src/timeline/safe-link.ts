/**
 * @module timeline/safe-link
 * Which URLs from event data may become a link an agent clicks. Event properties are whatever a
 * tracking call sent, so a `ticket_url` may be `javascript:…`, `data:…` or a look-alike such as
 * `https://acme.zendesk.com@evil.example/`. A link is offered only for:
 * - `https:` URLs, or `http:` to this machine (127.0.0.1, localhost, [::1]: the local stand-ins of
 *   Zendesk and Pipedrive the demo runs), and
 * - no user name or password in the URL (they make a foreign host read like a trusted one).
 * The answer is the URL as the URL parser normalises it (no control characters or spaces left), so
 * what is checked is exactly what the browser opens. Always rendered as an attribute, never markup.
 */

/** Longer than any ticket or deal link; a bound on what a row carries. */
const MAX_LINK = 2000
const LOOPBACK: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** `value` as a safe link's href, or undefined when it is not one (see the module comment). */
export function safeLinkHref(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_LINK) return undefined
  let url: URL
  try {
    // The parser itself drops leading and trailing spaces and control characters.
    url = new URL(value)
  } catch {
    // Not an absolute URL: no link, the same answer as for any other unusable value.
    return undefined
  }
  if (url.username !== '' || url.password !== '') return undefined
  const ok = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname))
  return ok ? url.href : undefined
}
