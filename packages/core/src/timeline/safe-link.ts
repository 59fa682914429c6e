/**
 * @module timeline/safe-link
 * Which URLs from event data may become a link an agent clicks. Event properties are whatever a
 * tracking call sent, so a `ticket_url` may be `javascript:…`, `data:…` or a look-alike such as
 * `https://acme.zendesk.com@evil.example/`. And anyone who can send the tenant's Intilery a track
 * call can write a "Ticket #1 solved" row, so its link must not go just anywhere. A link is offered
 * only for:
 * - `https:` URLs into the tool the row is about (a ticket to `*.zendesk.com`, a deal or person to
 *   `*.pipedrive.com`), or `http:`/`https:` to this machine (127.0.0.1, localhost, [::1]: the
 *   local stand-ins of Zendesk and Pipedrive the demo runs), and
 * - no user name or password in the URL (they make a foreign host read like a trusted one).
 * The answer is the URL as the URL parser normalises it (no control characters or spaces left), so
 * what is checked is exactly what the browser opens. Always rendered as an attribute, never markup.
 */

/** Longer than any ticket or deal link; a bound on what a row carries. */
const MAX_LINK = 2000
const LOOPBACK: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]'])
/** The tool a row's link goes into: its host must be `*.<tool>.com` (or this machine). */
export type LinkTool = 'zendesk' | 'pipedrive'

/**
 * `value` parsed as an absolute URL without a user name or password (they make a foreign host read
 * like a trusted one), or undefined. The parser itself drops leading and trailing spaces and
 * control characters, so what is checked afterwards is exactly what a browser opens.
 */
function parsedUrl(value: unknown): URL | undefined {
  if (typeof value !== 'string' || value.length > MAX_LINK) return undefined
  let url: URL
  try {
    url = new URL(value)
  } catch {
    // Not an absolute URL: no link, the same answer as for any other unusable value.
    return undefined
  }
  return url.username === '' && url.password === '' ? url : undefined
}

/** `value` as a safe link's href into `tool`, or undefined when it is not one (see above). */
export function safeLinkHref(value: unknown, tool: LinkTool): string | undefined {
  const url = parsedUrl(value)
  if (url === undefined) return undefined
  const ok = LOOPBACK.has(url.hostname)
    ? /^https?:$/.test(url.protocol)
    : url.protocol === 'https:' && url.hostname.endsWith(`.${tool}.com`)
  return ok ? url.href : undefined
}

/**
 * `value` as an `http:`/`https:` URL without credentials, normalised; undefined otherwise. For a
 * product's page or image from event data, which a site renders as a link or an `<img>`: any
 * other scheme (`javascript:`, `data:`) is dropped rather than passed on.
 */
export function safeWebUrl(value: unknown): string | undefined {
  const url = parsedUrl(value)
  return url !== undefined && /^https?:$/.test(url.protocol) ? url.href : undefined
}
