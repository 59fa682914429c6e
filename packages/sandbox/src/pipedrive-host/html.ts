/**
 * @module pipedrive-host/html
 * Everything the local Pipedrive writes into its pages is built with `markup`, hono's `html`
 * template: every interpolated value is escaped text unless it is itself `markup` (or hono's
 * `raw`), attribute values are quoted in the templates, links go only to http(s), and page data
 * is JSON that no value can close the <script> element of.
 */
import { html, raw } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'

export type Markup = HtmlEscapedString

/**
 * hono's `html`, narrowed to its synchronous result: it returns a Promise only when a value
 * interpolated is one, and nothing here interpolates a Promise. (Not named `html`: Prettier
 * formats templates of that name as HTML, which would reflow the pages' text.)
 */
export function markup(strings: TemplateStringsArray, ...values: unknown[]): Markup {
  const result = html(strings, ...values)
  if (result instanceof Promise) throw new TypeError('markup: an interpolated value is a Promise')
  return result
}

/**
 * Page data for a `<script type="application/json">`, ready to interpolate. hono's escaping
 * cannot do this job: a script element's text is never entity-decoded, so `&quot;` would stay in
 * the JSON. Instead every `<` is written `\u003c` (the same string to JSON.parse), so no value
 * can spell `</script>`; the result is `raw` because it is already safe as script text.
 */
export const scriptJson = (value: unknown): Markup =>
  raw(JSON.stringify(value).replace(/</g, '\\u003c'))

/** Cut at `max` code points, as Pipedrive cuts panel text (255) and labels (40). */
export function cut(text: string, max: number): string {
  const points = Array.from(text)
  return points.length <= max ? text : `${points.slice(0, max).join('')}…`
}

/** An http(s) URL safe to put in href, or undefined (javascript:, data: and junk are not links). */
export function httpUrl(value: string): string | undefined {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined
  } catch {
    return undefined
  }
}

/** A link that opens in a new tab without giving the opened page a handle on this one. */
export function externalLink(href: string, text: string, className = ''): Markup {
  const cls = className === '' ? '' : markup` class="${className}"`
  return markup`<a${cls} href="${href}" target="_blank" rel="noopener noreferrer">${text}</a>`
}
