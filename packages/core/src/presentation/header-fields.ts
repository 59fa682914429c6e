/**
 * @module presentation/header-fields
 * One installation's own choice of header facts over its tenant's presentation: the Zendesk app's
 * `header_fields` setting lists trait keys (`lifetime_value, orders_count`), and those keys, in
 * that order, become the header. A key the tenant's presentation already describes keeps its label,
 * format and currency; any other key gets the formatters' defaults. The rest of the presentation
 * (pinned traits, audience names) is the tenant's.
 */
import type { HeaderField, Presentation } from './presentation-settings.ts'

/** As many as a presentation's header holds (presentationSchema). */
export const MAX_HEADER_FIELDS = 8
const MAX_KEY_LENGTH = 100

/**
 * `"lifetime_value, orders_count,,lifetime_value"` -> `['lifetime_value', 'orders_count']`: trimmed,
 * empty and repeated keys dropped, and keys longer than a trait key can be, at most
 * MAX_HEADER_FIELDS kept. Lenient on purpose: an admin's typo in a host setting must not break the
 * panel, and a key no customer has simply shows nothing.
 */
export function parseHeaderFieldKeys(setting: string | null | undefined): string[] {
  return cleanKeys((setting ?? '').split(','))
}

function cleanKeys(parts: readonly string[]): string[] {
  const keys: string[] = []
  for (const part of parts) {
    const key = part.trim()
    if (key === '' || key.length > MAX_KEY_LENGTH || keys.includes(key)) continue
    keys.push(key)
    if (keys.length === MAX_HEADER_FIELDS) break
  }
  return keys
}

/**
 * The presentation with its header replaced by `keys` (see the module comment). No keys, or none
 * left after parseHeaderFieldKeys' rules, leaves the presentation as it is (the same object).
 */
export function withHeaderFields(
  presentation: Presentation,
  keys: readonly string[] | undefined
): Presentation {
  const wanted = cleanKeys(keys ?? [])
  if (wanted.length === 0) return presentation
  const known = new Map<string, HeaderField>()
  // The first description of a trait wins, as the header would show it first.
  for (const field of presentation.header ?? [])
    if (!known.has(field.trait)) known.set(field.trait, field)
  return { ...presentation, header: wanted.map((trait) => known.get(trait) ?? { trait }) }
}
