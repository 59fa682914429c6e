/**
 * @module profile-api/event-key
 * How the sandbox reads an event name given in `include` / `exclude`. The spec's key is the stored
 * `eventAction` (`email_opened`) and its display name (`Email Opened`) is accepted too; the only
 * relation it shows is that one pair, so the sandbox reads it as: lower case, the words joined by
 * `_`, where a word is a run of letters and digits (`Page Viewed` -> `page_viewed`,
 * `Add-to-Cart` -> `add_to_cart`).
 *
 * Written here, not imported from core, on purpose: the contract tests compare core's reading
 * with this one, which only catches a mistake if the two are separate code.
 */
const WORD = /[\p{L}\p{N}]+/gu

/** The event key a name stands for; `''` when the name has no letters or digits. */
export function eventKeyOf(name: string): string {
  return (name.toLowerCase().match(WORD) ?? []).join('_')
}
