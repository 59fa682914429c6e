/**
 * @module hosts/pipedrive/json-panel/panel-locale
 * The JSON panel's language: the request's `Accept-Language`, best match among core's seven
 * catalogues, else English. Pipedrive's docs name no locale parameter for a JSON panel request;
 * the header is what an HTTP client states its reader's languages with, so the panel follows it
 * when Pipedrive forwards the viewer's, and speaks English when nothing usable arrives. (The custom
 * panel, a page in the viewer's browser, follows `navigator.language` instead.)
 */
import { loadLocale } from '@intilery-connect/core'
import { parseAccept } from 'hono/utils/accept'

/** A header longer than this is not a browser's: read no further than this many characters. */
const MAX_HEADER = 512
/** Languages considered, in preference order: plenty for any real reader. */
const MAX_TAGS = 12

/**
 * The header's language tags by preference (q, then order), without refused ones (`q=0`) and the
 * wildcard. core's createTranslator takes the list and serves the first it ships (`de-AT` -> `de`,
 * `pt` -> `pt-BR`), English when none.
 */
export function acceptedLanguages(header: string | undefined): string[] {
  if (header === undefined) return []
  return parseAccept(header.slice(0, MAX_HEADER))
    .filter((accepted) => accepted.q > 0 && accepted.type !== '*')
    .slice(0, MAX_TAGS)
    .map((accepted) => accepted.type)
}

/** The tags of acceptedLanguages, with the catalogue serving them loaded (once per process). */
export async function panelLocale(header: string | undefined): Promise<readonly string[]> {
  const tags = acceptedLanguages(header)
  await loadLocale(tags)
  return tags
}
