/**
 * @module pipedrive-host/html
 * Everything the local Pipedrive writes into its pages goes through these: values as escaped
 * text, attribute values quoted and escaped, links only to http(s), and page data as JSON that no
 * value can close the <script> element of.
 */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c')

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
export function externalLink(href: string, text: string, className = ''): string {
  const cls = className === '' ? '' : ` class="${className}"`
  return `<a${cls} href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${escapeHtml(text)}</a>`
}
