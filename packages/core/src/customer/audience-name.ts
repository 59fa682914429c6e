/**
 * Readable names for audience ids, which Intilery stores as `audience_<slug>` or `audience_<uuid>`:
 * `audience_2_days` -> `2 days`, `audience_high_value` -> `High value`,
 * `audience_124516e8-6023-4b3a-8779-bcccb5d10eaf` -> `#124516e8` (a uuid names nothing, so its
 * first block is enough to tell two apart, and needs no translation). The result is data: shown as text, never parsed.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const MAX_NAME = 80

export function audienceName(id: string): string {
  const slug = id.replace(/^audience[_-]?/i, '')
  if (UUID.test(slug)) return `#${slug.slice(0, 8)}`
  const words = slug.replace(/[_-]+/g, ' ').trim()
  if (words === '') return id.slice(0, MAX_NAME)
  const name = words.charAt(0).toUpperCase() + words.slice(1)
  return name.length > MAX_NAME ? `${name.slice(0, MAX_NAME - 1)}…` : name
}
